#include "apierror.h"

#include "resourcetype.h"

#include <QJsonDocument>

namespace binnacle::sim {

namespace {
ApiError make(int code, const QString& reason, const QString& message, const QJsonObject& details = {}) {
    return ApiError{code, reason, message, details};
}

QJsonObject resourceDetails(const ResourceType& type, const QString& name) {
    // StatusDetails fields are omitempty: an empty name (collection requests) is not sent.
    QJsonObject details{{QStringLiteral("kind"), type.resource}};
    if (!name.isEmpty()) {
        details.insert(QStringLiteral("name"), name);
    }
    if (!type.group.isEmpty()) {
        details.insert(QStringLiteral("group"), type.group);
    }
    return details;
}
} // namespace

QJsonObject ApiError::toStatus() const {
    QJsonObject status{{QStringLiteral("kind"), QStringLiteral("Status")},
                       {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("metadata"), QJsonObject()},
                       {QStringLiteral("status"), QStringLiteral("Failure")},
                       {QStringLiteral("message"), message},
                       {QStringLiteral("code"), code}};
    if (!reason.isEmpty()) {
        status.insert(QStringLiteral("reason"), reason);
    }
    if (!details.isEmpty()) {
        status.insert(QStringLiteral("details"), details);
    }
    return status;
}

QByteArray ApiError::toJson() const {
    return QJsonDocument(toStatus()).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject ApiError::cause(const QString& reason, const QString& message, const QString& field) {
    QJsonObject result{{QStringLiteral("reason"), reason}, {QStringLiteral("message"), message}};
    if (!field.isEmpty()) {
        result.insert(QStringLiteral("field"), field);
    }
    return result;
}

ApiError ApiError::badRequest(const QString& message) {
    return make(400, QStringLiteral("BadRequest"), message);
}

ApiError ApiError::unauthorized() {
    return make(401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized"));
}

ApiError ApiError::forbidden(const QString& user, const QString& verb, const ResourceType* type,
                             const QString& subresource, const QString& namespaceName, const QString& name) {
    if (!type) {
        return make(403, QStringLiteral("Forbidden"),
                    QStringLiteral("forbidden: User \"%1\" cannot %2 path").arg(user, verb));
    }
    const QString resource =
        subresource.isEmpty() ? type->resource : type->resource + QLatin1Char('/') + subresource;
    const QString subject = name.isEmpty() ? type->qualifiedResource()
                                           : QStringLiteral("%1 \"%2\"").arg(type->qualifiedResource(), name);
    QString message =
        QStringLiteral("%1 is forbidden: User \"%2\" cannot %3 resource \"%4\" in API group \"%5\"")
            .arg(subject, user, verb, resource, type->group);
    message += namespaceName.isEmpty() ? QStringLiteral(" at the cluster scope")
                                       : QStringLiteral(" in the namespace \"%1\"").arg(namespaceName);
    return make(403, QStringLiteral("Forbidden"), message, resourceDetails(*type, name));
}

ApiError ApiError::notFound(const ResourceType& type, const QString& name) {
    return make(404, QStringLiteral("NotFound"),
                QStringLiteral("%1 \"%2\" not found").arg(type.qualifiedResource(), name),
                resourceDetails(type, name));
}

ApiError ApiError::notFoundPath() {
    return make(404, QStringLiteral("NotFound"),
                QStringLiteral("the server could not find the requested resource"),
                QJsonObject{{QStringLiteral("causes"),
                             QJsonArray{cause(QStringLiteral("UnexpectedServerResponse"),
                                              QStringLiteral("404 page not found"), QString())}}});
}

ApiError ApiError::alreadyExists(const ResourceType& type, const QString& name) {
    return make(409, QStringLiteral("AlreadyExists"),
                QStringLiteral("%1 \"%2\" already exists").arg(type.qualifiedResource(), name),
                resourceDetails(type, name));
}

ApiError ApiError::conflict(const ResourceType& type, const QString& name, const QString& detail) {
    return make(409, QStringLiteral("Conflict"),
                QStringLiteral("Operation cannot be fulfilled on %1 \"%2\": %3")
                    .arg(type.qualifiedResource(), name, detail),
                resourceDetails(type, name));
}

ApiError ApiError::staleResourceVersion(const ResourceType& type, const QString& name) {
    return conflict(
        type, name,
        QStringLiteral("the object has been modified; please apply your changes to the latest version "
                       "and try again"));
}

ApiError ApiError::invalid(const QString& qualifiedKind, const QString& group, const QString& kind,
                           const QString& name, const QJsonArray& causes) {
    QStringList parts;
    for (const QJsonValue& value : causes) {
        const QJsonObject c = value.toObject();
        const QString field = c.value(QStringLiteral("field")).toString();
        const QString text = c.value(QStringLiteral("message")).toString();
        parts.append(field.isEmpty() ? text : field + QStringLiteral(": ") + text);
    }
    QString message = QStringLiteral("%1 \"%2\" is invalid: ").arg(qualifiedKind, name);
    message += parts.size() == 1 ? parts.first()
                                 : QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    QJsonObject details{
        {QStringLiteral("name"), name}, {QStringLiteral("kind"), kind}, {QStringLiteral("causes"), causes}};
    if (!group.isEmpty()) {
        details.insert(QStringLiteral("group"), group);
    }
    return make(422, QStringLiteral("Invalid"), message, details);
}

ApiError ApiError::methodNotAllowed(const QString& message) {
    return make(405, QStringLiteral("MethodNotAllowed"), message);
}

ApiError ApiError::notAcceptable(const QString& message) {
    return make(406, QStringLiteral("NotAcceptable"), message);
}

ApiError ApiError::unsupportedMediaType(const QString& message) {
    return make(415, QStringLiteral("UnsupportedMediaType"), message);
}

ApiError ApiError::expired(const QString& message) {
    return make(410, QStringLiteral("Expired"), message);
}

ApiError ApiError::tooManyRequests(const QString& message, int retryAfterSeconds) {
    return make(429, QStringLiteral("TooManyRequests"), message,
                QJsonObject{{QStringLiteral("retryAfterSeconds"), retryAfterSeconds}});
}

ApiError ApiError::internal(const QString& message) {
    return make(500, QStringLiteral("InternalError"), message);
}

ApiError ApiError::serviceUnavailable(const QString& message) {
    return make(503, QStringLiteral("ServiceUnavailable"), message);
}

} // namespace binnacle::sim
