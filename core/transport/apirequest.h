#pragma once

#include "apierror.h"
#include "requestscheduler.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrlQuery>
#include <chrono>
#include <functional>
#include <optional>

namespace binnacle::transport {

class ClusterTransport;

using RawHeader = QPair<QByteArray, QByteArray>;

// One API call, before credentials are added. `path` is relative to the server URL's path
// (a Rancher-style https://host/k8s/clusters/c-1 prefix is kept).
struct ApiRequestSpec {
    QByteArray method = "GET";
    QString path;
    QUrlQuery query;
    QList<RawHeader> headers;
    QByteArray body;
    QByteArray contentType; // of the body; required when there is one
    QByteArray accept = "application/json";
    Priority priority = Priority::Normal;
    // Overall budget from send(), queueing and retries included; 0: the transport's default.
    // For a stream it covers the wait for the response headers only.
    std::chrono::milliseconds deadline{0};
    // false: no automatic retry at all (the caller retries by itself).
    bool retryable = true;
};

struct ApiResponse {
    // A whole body is normally followed by this many zero bytes of spare capacity (not part of it), which
    // a SIMD JSON parser may read past the end: it can then parse the body where it is instead of a padded
    // copy. (A parser checks the room it finds: a body read in two parts may have less.)
    static constexpr qsizetype bodyPadding = 64;

    int statusCode = 0;
    QByteArray body; // empty for streams: their bytes went to onData
    QList<RawHeader> headers;
    bool http2 = false;

    // Case-insensitive; empty when absent.
    QByteArray header(const QByteArray& name) const;
    // The texts of `Warning: 299 - "text"` headers (deprecated APIs, dropped fields).
    QStringList warnings() const;
};

struct ApiResult {
    ApiResponse response; // the last attempt's answer (also on an HTTP failure)
    std::optional<ApiError> error;
    int retries = 0;

    bool ok() const { return !error.has_value(); }
};

using ResponseCallback = std::function<void(const ApiResult&)>;

// A long-running response (watch, follow logs): bytes as they arrive, then one end.
struct StreamHandlers {
    // The 2xx response headers, before the first byte. Optional.
    std::function<void(const ApiResponse&)> onResponse;
    // Body bytes as they arrive; chunk boundaries mean nothing. The array is the transport's reused read
    // buffer: views into it are valid only during the call (a copy of the array is safe, and keeps the
    // buffer's whole capacity), and the handler must not destroy the transport or spin an event loop.
    std::function<void(const QByteArray&)> onData;
    // The end: ok() for a clean close by the server, else why it failed (a non-2xx answer
    // arrives here as a Status error, never through onData).
    std::function<void(const ApiResult&)> onFinished;
};

// Cancels its request on demand. Cheap to copy; harmless once the request is over or the transport
// is gone. Destroying a handle does not cancel.
class RequestHandle {
public:
    RequestHandle() = default;

    quint64 id() const { return m_id; }
    // Whether the request is still queued, waiting or running.
    bool isActive() const;
    // Stops the request; its callback is not called afterwards.
    void cancel();

private:
    friend class ClusterTransport;
    RequestHandle(ClusterTransport* transport, quint64 id);

    QPointer<ClusterTransport> m_transport;
    quint64 m_id = 0;
};

} // namespace binnacle::transport
