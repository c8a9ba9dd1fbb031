#pragma once

// Internal to ClusterTransport: the state of one request across its attempts.
#include "clustertransport.h"

#include <QLoggingCategory>
#include <QMetaObject>

Q_DECLARE_LOGGING_CATEGORY(lcTransport)

namespace binnacle::transport {

struct ClusterTransport::Pending {
    enum class State { Queued, Authorizing, InFlight, Streaming, WaitingRetry };

    quint64 id = 0;
    ApiRequestSpec spec;
    bool streaming = false;
    ResponseCallback callback;                // send()
    std::shared_ptr<StreamHandlers> handlers; // openStream(); shared so a handler may cancel
    bool hasContext = false;
    QPointer<QObject> context;
    QMetaObject::Connection contextConnection;

    State state = State::Queued;
    bool holdsSlot = false;
    int streamManager = -1; // index into m_streamManagers while a stream holds one
    QNetworkReply* reply = nullptr;
    bool streamReadQueued = false; // a stream's unread bytes wait for the next event-loop turn
    QList<QSslError> sslErrors;
    int retries = 0;
    bool reauthenticated = false;
    std::chrono::milliseconds deadlineAt{-1};
    Clock::TimerId deadlineTimer = 0;
    Clock::TimerId retryTimer = 0;
    std::chrono::milliseconds attemptStartedAt{0};
    std::optional<ApiError> lastError;
};

inline bool isRead(const QByteArray& method) {
    return method == "GET" || method == "HEAD";
}

} // namespace binnacle::transport
