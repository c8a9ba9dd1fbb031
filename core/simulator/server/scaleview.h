#pragma once

#include "objectstore.h"
#include "resourcetype.h"

#include <QJsonObject>
#include <optional>

namespace binnacle::sim {

// The autoscaling/v1 Scale view of a scalable object (Deployment, ReplicaSet, StatefulSet, and CRDs
// that declare subresources.scale), and writing a Scale back into the object.
namespace scaleview {

std::optional<QJsonObject> toScale(const ResourceType& type, const StoredObject& object);
// The object with the Scale's spec.replicas written into it; nullopt when the type is not scalable.
std::optional<QJsonObject> applyScale(const ResourceType& type, const QJsonObject& object,
                                      const QJsonObject& scale);

} // namespace scaleview
} // namespace binnacle::sim
