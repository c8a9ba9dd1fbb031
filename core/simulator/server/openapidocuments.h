#pragma once

#include <QJsonObject>
#include <QString>

namespace binnacle::sim {

class ResourceRegistry;

// OpenAPI v3 documents: the index at /openapi/v3 and one document per group/version with every
// resource path and operation, its x-kubernetes-group-version-kind, its query parameters and its
// patch content types. kubectl reads them to learn that the server validates fields itself
// (fieldValidation) and which patch types a kind takes. Schemas are not published: kubectl then
// falls back to its built-in types for strategic merge, and `kubectl explain` has nothing to show.
namespace openapi {

QJsonObject index(const ResourceRegistry& registry);
// `groupVersionPath` like "api/v1" or "apis/apps/v1"; empty object when unknown.
QJsonObject groupVersionDocument(const ResourceRegistry& registry, const QString& groupVersionPath);

} // namespace openapi
} // namespace binnacle::sim
