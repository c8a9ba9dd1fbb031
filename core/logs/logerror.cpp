#include "logerror.h"

namespace binnacle::logs {

LogError LogError::fromApiError(const transport::ApiError& error) {
    LogError result;
    result.apiError = error;
    result.message = error.message();
    if (error.kind() != transport::ApiError::Kind::Status) {
        result.kind = Kind::Connection;
        return result;
    }
    const QString& message = error.status().message;
    if (!message.isEmpty()) {
        result.message = message;
    }
    const int code = error.httpStatus();
    if (code == 401 || code == 403) {
        result.kind = Kind::Forbidden;
    } else if (code == 404) {
        result.kind = Kind::PodNotFound;
    } else if (message.contains(QLatin1String("a container name must be specified"))) {
        result.kind = Kind::ContainerNotSpecified;
    } else if (message.contains(QLatin1String("is not valid for pod"))) {
        result.kind = Kind::ContainerNotFound;
    } else if (message.contains(QLatin1String("is waiting to start"))) {
        result.kind = Kind::ContainerWaiting;
    } else if (message.contains(QLatin1String("previous terminated container"))) {
        result.kind = Kind::NoPreviousContainer;
    } else {
        result.kind = Kind::Request;
    }
    return result;
}

QString LogError::kindName(Kind kind) {
    switch (kind) {
    case Kind::PodNotFound:
        return QStringLiteral("PodNotFound");
    case Kind::ContainerNotFound:
        return QStringLiteral("ContainerNotFound");
    case Kind::ContainerNotSpecified:
        return QStringLiteral("ContainerNotSpecified");
    case Kind::ContainerWaiting:
        return QStringLiteral("ContainerWaiting");
    case Kind::NoPreviousContainer:
        return QStringLiteral("NoPreviousContainer");
    case Kind::Forbidden:
        return QStringLiteral("Forbidden");
    case Kind::Request:
        return QStringLiteral("Request");
    case Kind::Connection:
        return QStringLiteral("Connection");
    }
    return {};
}

} // namespace binnacle::logs
