// ClusterTransport: what happens when an attempt answers — success, retry, or a typed failure.
#include "clustertransport_p.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <algorithm>
#include <cstring>

namespace binnacle::transport {

using std::chrono::milliseconds;

namespace {

// The whole body in one allocation (readAll() grows its array piece by piece, copying a list page of
// megabytes several times), followed by ApiResponse::bodyPadding zero bytes of spare capacity.
QByteArray readBody(QNetworkReply* reply) {
    const qint64 available = std::max<qint64>(reply->bytesAvailable(), 0);
    QByteArray body(available + ApiResponse::bodyPadding, Qt::Uninitialized);
    const qint64 read = std::max<qint64>(reply->read(body.data(), available), 0);
    std::memset(body.data() + read, 0, size_t(ApiResponse::bodyPadding));
    body.resize(read); // shrinking keeps the allocation, and the zeros after the end
    if (reply->bytesAvailable() > 0) {
        body += reply->readAll(); // not expected of a finished reply; loses the padding, not data
    }
    return body;
}

ApiResponse responseHead(QNetworkReply* reply) {
    ApiResponse response;
    response.statusCode = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.headers = reply->rawHeaderPairs();
    response.http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    return response;
}

bool isSuccess(int statusCode) {
    // 304 answers a conditional request (If-None-Match) the caller made: a success without a body.
    return (statusCode >= 200 && statusCode < 300) || statusCode == 304;
}

// Qt's HTTP stack reports most proxy failures as UnknownNetworkError ("Proxy denied connection", "Proxy
// connection refused") and a SOCKS5 refusal as HostNotFound: the QNetworkReply::Proxy* codes never arrive.
// With a proxy set, the name is resolved by the proxy, so before any answer both mean the proxy failed.
ApiError proxyFailure(const ApiError& error) {
    if (error.networkError() != QNetworkReply::UnknownNetworkError &&
        error.networkError() != QNetworkReply::HostNotFoundError) {
        return error;
    }
    return ApiError(ApiError::Kind::Proxy,
                    QStringLiteral("The proxy refused or could not open the connection to the server (%1)")
                        .arg(error.detail()),
                    error.detail());
}

} // namespace

void ClusterTransport::onMetaData(quint64 id, QNetworkReply* reply) {
    Pending* pending = find(id);
    if (pending == nullptr || pending->reply != reply || !pending->streaming ||
        pending->state != Pending::State::InFlight) {
        return;
    }
    ApiResponse head = responseHead(reply);
    if (!isSuccess(head.statusCode)) {
        return; // the body is a Status: read whole in onFinished
    }
    m_http2Seen = m_http2Seen || head.http2;
    pending->state = Pending::State::Streaming;
    m_stats->addLatency(m_clock->now() - pending->attemptStartedAt);
    // The deadline covered opening only.
    if (pending->deadlineTimer != 0) {
        m_clock->cancel(pending->deadlineTimer);
        pending->deadlineTimer = 0;
    }
    const auto handlers = pending->handlers; // a handler may cancel, destroying `pending`
    if (handlers->onResponse) {
        handlers->onResponse(head);
    }
}

void ClusterTransport::onReadyRead(quint64 id, QNetworkReply* reply) {
    // Bytes a stream handler gets per call: a few hundred watch events. What is left waits for the next turn
    // of the event loop, so that one stream replaying megabytes does not hold up the others.
    constexpr qint64 chunkBytes = qint64(256) << 10;
    constexpr int chunksPerTurn = 4;
    for (int chunk = 0; chunk < chunksPerTurn; ++chunk) {
        Pending* pending = find(id);
        if (pending == nullptr || pending->reply != reply || pending->state != Pending::State::Streaming) {
            return; // whole bodies are read in onFinished
        }
        const qint64 available = std::min(reply->bytesAvailable(), chunkBytes);
        if (available <= 0) {
            return;
        }
        if (m_streamChunk.isDetached() && m_streamChunk.capacity() >= chunkBytes) {
            m_streamChunk.resize(available);
        } else {
            m_streamChunk = QByteArray(); // a handler kept the last chunk: that one is its own now
            m_streamChunk.reserve(chunkBytes);
            m_streamChunk.resize(available);
        }
        const qint64 read = reply->read(m_streamChunk.data(), available);
        if (read <= 0) {
            return;
        }
        m_streamChunk.resize(read);
        m_stats->addBytesReceived(read);
        const auto handlers = pending->handlers;
        if (handlers->onData) {
            handlers->onData(m_streamChunk);
        }
    }
    // More than a turn's worth waits: readyRead would only come with new bytes, so ask for another turn.
    Pending* pending = find(id);
    if (pending != nullptr && pending->reply == reply && !pending->streamReadQueued &&
        reply->bytesAvailable() > 0) {
        pending->streamReadQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this, id] {
                if (Pending* waiting = find(id)) {
                    waiting->streamReadQueued = false;
                    if (waiting->reply != nullptr) {
                        onReadyRead(id, waiting->reply); // the current attempt's, should it have changed
                    }
                }
            },
            Qt::QueuedConnection);
    }
}

void ClusterTransport::onFinished(quint64 id, QNetworkReply* reply) {
    reply->deleteLater();
    Pending* pending = find(id);
    if (pending == nullptr || pending->reply != reply) {
        return;
    }
    pending->reply = nullptr;
    if (pending->holdsSlot) {
        pending->holdsSlot = false;
        m_scheduler->releaseSlot();
        schedulePump();
    }
    if (pending->streamManager >= 0) {
        --m_streamManagers[std::size_t(pending->streamManager)].second;
        pending->streamManager = -1;
    }
    const bool wasStreaming = pending->state == Pending::State::Streaming;
    ApiResponse response = responseHead(reply);
    ApiResult result;
    result.retries = pending->retries;

    if (response.statusCode > 0) {
        response.body = readBody(reply);
        m_stats->addBytesReceived(response.body.size());
        if (!wasStreaming) {
            m_stats->addLatency(m_clock->now() - pending->attemptStartedAt);
        }
        m_http2Seen = m_http2Seen || response.http2;
        // A 2xx whose body was cut short (the server dropped a watch, restarted, a proxy timed out): the
        // status line arrived, but the answer did not end cleanly. For a stream that is a broken stream,
        // not a clean end (the caller resumes and must know it); a read is retried; a write is not, since it
        // reached the server.
        const bool cutShort = reply->error() != QNetworkReply::NoError;
        if (isSuccess(response.statusCode) && cutShort && (wasStreaming || isRead(pending->spec.method))) {
            const ApiError lost =
                ApiError::fromNetworkError(reply->error(), reply->errorString(), pending->sslErrors);
            if (wasStreaming) {
                const auto handlers = pending->handlers;
                if (!response.body.isEmpty() && handlers->onData) {
                    handlers->onData(std::exchange(response.body, {}));
                    pending = find(id);
                    if (pending == nullptr) {
                        return;
                    }
                }
                result.response = std::move(response);
                result.error = lost;
                complete(pending, std::move(result));
                return;
            }
            retryOrFail(pending, lost);
            return;
        }
        if (isSuccess(response.statusCode)) {
            if (wasStreaming && !response.body.isEmpty()) {
                // Bytes that came with the end of the stream.
                const auto handlers = pending->handlers;
                const QByteArray tail = std::exchange(response.body, {});
                if (handlers->onData) {
                    handlers->onData(tail);
                }
                pending = find(id);
                if (pending == nullptr) {
                    return;
                }
            }
            result.response = std::move(response);
            complete(pending, std::move(result));
            return;
        }
        const ApiError error = ApiError::fromStatus(
            ApiStatus::fromHttpResponse(response.statusCode, response.body, reply->rawHeader("Retry-After")));
        result.response = response;
        if (response.statusCode == 401 && !pending->reauthenticated && m_credentials &&
            m_credentials->invalidate()) {
            // The provider can do better (re-run the exec plugin, re-read the token file): once.
            qCInfo(lcTransport) << "request" << id << "got 401; retrying once with renewed credentials";
            pending->reauthenticated = true;
            pending->lastError = error;
            ++pending->retries;
            m_stats->addRetried();
            enqueueAttempt(pending);
            return;
        }
        retryOrFail(pending, error);
        return;
    }

    ApiError error = ApiError::fromNetworkError(reply->error(), reply->errorString(), pending->sslErrors);
    if (!wasStreaming &&
        (m_proxy.type() == QNetworkProxy::HttpProxy || m_proxy.type() == QNetworkProxy::Socks5Proxy)) {
        error = proxyFailure(error);
    }
    if (wasStreaming) {
        // Bytes were delivered: the caller resumes from what it saw; a retry here would replay.
        result.error = error;
        complete(pending, std::move(result));
        return;
    }
    retryOrFail(pending, error);
}

void ClusterTransport::retryOrFail(Pending* pending, const ApiError& error) {
    const quint64 id = pending->id;
    std::optional<milliseconds> delay;
    if (pending->spec.retryable) {
        delay = m_options.retry.retryDelay(error, isRead(pending->spec.method), pending->retries, random());
    }
    const bool beforeDeadline =
        pending->deadlineAt.count() < 0 || (delay && m_clock->now() + *delay < pending->deadlineAt);
    if (delay && beforeDeadline) {
        qCInfo(lcTransport).nospace() << "request " << id << " " << pending->spec.method << " failed ("
                                      << error.reason() << ApiError::kindName(error.kind()) << "); retry "
                                      << pending->retries + 1 << " in " << delay->count() << " ms";
        ++pending->retries;
        pending->lastError = error;
        pending->state = Pending::State::WaitingRetry;
        m_stats->addRetried();
        pending->retryTimer = m_clock->callAfter(*delay, [this, id] {
            if (Pending* waiting = find(id)) {
                waiting->retryTimer = 0;
                enqueueAttempt(waiting);
            }
        });
        updateGauges();
        return;
    }
    ApiResult result;
    result.retries = pending->retries;
    result.error = error;
    complete(pending, std::move(result));
}

void ClusterTransport::complete(Pending* pending, ApiResult result) {
    if (result.retries == 0) {
        result.retries = pending->retries;
    }
    std::unique_ptr<Pending> finished = teardown(pending->id);
    if (!finished) {
        return;
    }
    if (result.ok()) {
        m_stats->addDone();
    } else {
        m_stats->addFailed();
        qCInfo(lcTransport).nospace()
            << "request " << finished->id << " " << finished->spec.method << " " << finished->spec.path
            << " failed: " << ApiError::kindName(result.error->kind()) << " " << result.error->reason();
    }
    if (finished->hasContext && !finished->context) {
        return;
    }
    if (finished->streaming) {
        if (finished->handlers->onFinished) {
            finished->handlers->onFinished(result);
        }
    } else if (finished->callback) {
        finished->callback(result);
    }
}

void ClusterTransport::cancel(quint64 id) {
    if (teardown(id)) {
        qCDebug(lcTransport) << "request" << id << "cancelled";
    }
}

std::unique_ptr<ClusterTransport::Pending> ClusterTransport::teardown(quint64 id) {
    const auto found = m_requests.find(id);
    if (found == m_requests.end()) {
        return nullptr;
    }
    std::unique_ptr<Pending> pending = std::move(found->second);
    m_requests.erase(found);
    if (pending->state == Pending::State::Queued) {
        m_scheduler->remove(id);
    }
    for (Clock::TimerId* timer : {&pending->deadlineTimer, &pending->retryTimer}) {
        if (*timer != 0) {
            m_clock->cancel(*timer);
            *timer = 0;
        }
    }
    if (QNetworkReply* reply = std::exchange(pending->reply, nullptr)) {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    if (pending->holdsSlot) {
        pending->holdsSlot = false;
        m_scheduler->releaseSlot();
        schedulePump();
    }
    if (pending->streamManager >= 0) {
        --m_streamManagers[std::size_t(pending->streamManager)].second;
        pending->streamManager = -1;
    }
    disconnect(pending->contextConnection);
    updateGauges();
    return pending;
}

} // namespace binnacle::transport
