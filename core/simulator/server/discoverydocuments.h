#pragma once

#include <QJsonObject>
#include <QString>

namespace binnacle::sim {

class ResourceRegistry;

// The discovery documents of a v1.32 server, built from the registry: legacy (/api, /apis, /apis/G,
// /api/v1, /apis/G/V) and aggregated (apidiscovery.k8s.io/v2 and v2beta1).
namespace discovery {

QJsonObject apiVersions(const QString& serverAddress);
QJsonObject apiGroupList(const ResourceRegistry& registry);
QJsonObject apiGroup(const ResourceRegistry& registry, const QString& group); // empty when unknown
QJsonObject apiResourceList(const ResourceRegistry& registry, const QString& group, const QString& version);
// `core` true: the document /api answers (core group only); false: /apis (every named group).
QJsonObject aggregated(const ResourceRegistry& registry, bool core, const QString& apiVersion);

} // namespace discovery
} // namespace binnacle::sim
