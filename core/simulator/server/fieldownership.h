#pragma once

#include "apierror.h"
#include "resourcetype.h"

#include <QDateTime>
#include <QJsonObject>
#include <optional>

namespace binnacle::sim {

enum class PatchType;

// The bridge between the write path and the patch library: patch algorithms by content type,
// server-side apply, and the managedFields bookkeeping of ordinary writes.
namespace fieldownership {

struct Outcome {
    QJsonObject object;
    std::optional<ApiError> error;
};

Outcome patchDocument(const ResourceType& type, const QJsonObject& live, const QByteArray& body,
                      PatchType patchType);
Outcome apply(const ResourceType& type, const QJsonObject& live, const QByteArray& body,
              const QString& manager, bool force, const QString& subresource, const QDateTime& now);
QJsonArray recordUpdate(const ResourceType& type, const QJsonObject& before, const QJsonObject& after,
                        const QJsonArray& managedFields, const QString& manager, const QString& apiVersion,
                        const QString& subresource, const QDateTime& now);

} // namespace fieldownership
} // namespace binnacle::sim
