#pragma once

#include "apierror.h"

#include <QMetaType>
#include <QString>

namespace binnacle::logs {

// Why a log could not be read, typed so that the view can word it (and offer a container choice).
struct LogError {
    enum class Kind {
        PodNotFound,           // 404 on the pod
        ContainerNotFound,     // "container X is not valid for pod Y"
        ContainerNotSpecified, // several containers and none chosen
        ContainerWaiting,      // not started yet (ContainerCreating, ImagePullBackOff ...)
        NoPreviousContainer,   // previous=true but the container never terminated
        Forbidden,             // 401/403
        Request,               // any other refusal of the request (400, 422 ...)
        Connection,            // the server could not be reached, even after the reconnects
    };

    Kind kind = Kind::Request;
    QString message;
    transport::ApiError apiError;

    static LogError fromApiError(const transport::ApiError& error);
    static QString kindName(Kind kind);
};

} // namespace binnacle::logs

Q_DECLARE_METATYPE(binnacle::logs::LogError)
