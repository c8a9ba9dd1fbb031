#include "fieldownership.h"

#include "bodydecoder.h"
#include "jsonpatch.h"
#include "managedfields.h"
#include "mergepatch.h"
#include "mergeschema.h"
#include "resourcestorage.h"
#include "strategicmerge.h"

namespace binnacle::sim::fieldownership {

namespace {
ApiError toApiError(const PatchFailure& failure) {
    QJsonObject details;
    if (!failure.causes.isEmpty()) {
        details.insert(QStringLiteral("causes"), failure.causes);
    }
    return ApiError{failure.httpCode, failure.reason, failure.message, details};
}

const MergeSchema& schemaFor(const ResourceType& type) {
    return type.custom ? MergeSchema::forCustomResource() : MergeSchema::forKind(type.group, type.kind);
}
} // namespace

Outcome patchDocument(const ResourceType& type, const QJsonObject& live, const QByteArray& body,
                      PatchType patchType) {
    PatchResult result;
    switch (patchType) {
    case PatchType::Json:
        result = applyJsonPatch(live, body);
        break;
    case PatchType::Merge:
        result = applyMergePatch(live, body);
        break;
    case PatchType::StrategicMerge:
        result = applyStrategicMergePatch(live, body, schemaFor(type));
        break;
    case PatchType::Apply:
        return Outcome{{}, ApiError::internal(QStringLiteral("apply is not a document patch"))};
    }
    if (!result.ok()) {
        return Outcome{{}, toApiError(*result.failure)};
    }
    if (!result.value.isObject()) {
        return Outcome{{}, ApiError::badRequest(QStringLiteral("the patched document is not an object"))};
    }
    return Outcome{result.object(), std::nullopt};
}

Outcome apply(const ResourceType& type, const QJsonObject& live, const QByteArray& body,
              const QString& manager, bool force, const QString& subresource, const QDateTime& now) {
    const DecodedBody decoded = decodeYamlOrJsonObject(body);
    if (!decoded.error.isEmpty()) {
        return Outcome{{}, ApiError::badRequest(decoded.error)};
    }
    const QJsonObject& applied = decoded.object;
    const QString apiVersion = applied.value(QLatin1String("apiVersion")).toString();
    const QString kind = applied.value(QLatin1String("kind")).toString();
    if (apiVersion.isEmpty() || kind.isEmpty()) {
        return Outcome{
            {},
            ApiError::badRequest(QStringLiteral("invalid object type: %1, Kind=%2").arg(apiVersion, kind))};
    }
    if (kind != type.kind) {
        return Outcome{{},
                       ApiError::badRequest(
                           QStringLiteral("the kind in the data (%1) does not match the expected kind (%2)")
                               .arg(kind, type.kind))};
    }
    const PatchResult result =
        serverSideApply(live, applied, manager, force, apiVersion, subresource, now, schemaFor(type));
    if (!result.ok()) {
        return Outcome{{}, toApiError(*result.failure)};
    }
    return Outcome{result.object(), std::nullopt};
}

QJsonArray recordUpdate(const ResourceType& type, const QJsonObject& before, const QJsonObject& after,
                        const QJsonArray& managedFields, const QString& manager, const QString& apiVersion,
                        const QString& subresource, const QDateTime& now) {
    return updateManagedFields(before, after, managedFields, manager, apiVersion, subresource, now,
                               schemaFor(type));
}

} // namespace binnacle::sim::fieldownership
