#include "statusparser.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace binnacle::client {

std::optional<ApiStatus> StatusParser::parse(QByteArrayView json) {
    // Status bodies are small and rare: QJsonDocument is plenty here.
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray());
    if (!document.isObject()) {
        return std::nullopt;
    }
    return fromJson(document.object());
}

std::optional<ApiStatus> StatusParser::fromJson(const QJsonObject& object) {
    if (object.value(QLatin1String("kind")).toString() != QLatin1String("Status")) {
        return std::nullopt;
    }
    ApiStatus status;
    status.status = object.value(QLatin1String("status")).toString();
    status.reason = object.value(QLatin1String("reason")).toString();
    status.message = object.value(QLatin1String("message")).toString();
    status.code = object.value(QLatin1String("code")).toInt();
    status.continueToken =
        object.value(QLatin1String("metadata")).toObject().value(QLatin1String("continue")).toString();

    const QJsonObject details = object.value(QLatin1String("details")).toObject();
    status.details.name = details.value(QLatin1String("name")).toString();
    status.details.group = details.value(QLatin1String("group")).toString();
    status.details.kind = details.value(QLatin1String("kind")).toString();
    status.details.uid = details.value(QLatin1String("uid")).toString();
    status.details.retryAfterSeconds = details.value(QLatin1String("retryAfterSeconds")).toInt();
    for (const QJsonValue& causeValue : details.value(QLatin1String("causes")).toArray()) {
        const QJsonObject cause = causeValue.toObject();
        status.details.causes.append(StatusCause{cause.value(QLatin1String("reason")).toString(),
                                                 cause.value(QLatin1String("message")).toString(),
                                                 cause.value(QLatin1String("field")).toString()});
    }
    return status;
}

} // namespace binnacle::client
