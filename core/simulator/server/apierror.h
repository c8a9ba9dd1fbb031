#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace binnacle::sim {

struct ResourceType;

// A failed API call, as the server reports it: an HTTP code and a metav1.Status body.
struct ApiError {
    int code = 500;
    QString reason;
    QString message;
    QJsonObject details; // name, group, kind, uid, causes, retryAfterSeconds

    QJsonObject toStatus() const;
    QByteArray toJson() const;

    static ApiError badRequest(const QString& message);
    static ApiError unauthorized();
    static ApiError forbidden(const QString& user, const QString& verb, const ResourceType* type,
                              const QString& subresource, const QString& namespaceName, const QString& name);
    static ApiError notFound(const ResourceType& type, const QString& name);
    static ApiError notFoundPath();
    static ApiError alreadyExists(const ResourceType& type, const QString& name);
    static ApiError conflict(const ResourceType& type, const QString& name, const QString& detail);
    static ApiError staleResourceVersion(const ResourceType& type, const QString& name);
    static ApiError invalid(const QString& qualifiedKind, const QString& group, const QString& kind,
                            const QString& name, const QJsonArray& causes);
    static ApiError methodNotAllowed(const QString& message);
    static ApiError notAcceptable(const QString& message);
    static ApiError unsupportedMediaType(const QString& message);
    static ApiError expired(const QString& message);
    static ApiError tooManyRequests(const QString& message, int retryAfterSeconds);
    static ApiError internal(const QString& message);
    static ApiError serviceUnavailable(const QString& message);
    static QJsonObject cause(const QString& reason, const QString& message, const QString& field);
};

} // namespace binnacle::sim
