#include "dynamicresult.h"

#include <QJsonDocument>

namespace binnacle::dynamic {

QJsonObject ObjectResult::object() const {
    return QJsonDocument::fromJson(json).object();
}

client::ObjectSummary ObjectResult::summary() const {
    const QJsonObject parsed = object();
    const QJsonObject metadata = parsed.value(QLatin1String("metadata")).toObject();
    client::ObjectSummary summary;
    summary.kind = parsed.value(QLatin1String("kind")).toString();
    summary.apiVersion = parsed.value(QLatin1String("apiVersion")).toString();
    summary.name = metadata.value(QLatin1String("name")).toString();
    summary.namespaceName = metadata.value(QLatin1String("namespace")).toString();
    summary.uid = metadata.value(QLatin1String("uid")).toString();
    summary.resourceVersion = metadata.value(QLatin1String("resourceVersion")).toString();
    summary.creationTimestamp = metadata.value(QLatin1String("creationTimestamp")).toString();
    const QJsonObject labels = metadata.value(QLatin1String("labels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        summary.labels.insert(it.key(), it.value().toString());
    }
    summary.json = json;
    return summary;
}

ObjectResult ObjectResult::fromApiResult(const transport::ApiResult& result) {
    ObjectResult object;
    object.error = result.error;
    object.httpStatus = result.response.statusCode;
    object.json = result.response.body;
    object.warnings = result.response.warnings();
    object.retries = result.retries;
    return object;
}

} // namespace binnacle::dynamic
