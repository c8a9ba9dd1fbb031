#include "logstream.h"

#include "clustertransport.h"
#include "containerstatus.h"
#include "logging.h"
#include "logtimestamp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <algorithm>

namespace binnacle::logs {

namespace {
constexpr std::chrono::milliseconds headerDeadline{30000};

QString podPath(const QString& namespaceName, const QString& pod) {
    return QStringLiteral("/api/v1/namespaces/%1/pods/%2").arg(namespaceName, pod);
}

} // namespace

LogStream::LogStream(transport::ClusterTransport* transport, QString namespaceName, QString podName,
                     LogOptions options, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_namespace(std::move(namespaceName))
    , m_pod(std::move(podName))
    , m_options(std::move(options))
    , m_splitter(m_pod, m_options.container)
    , m_retryTimer(new QTimer(this)) {
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::WaitingForRestart) {
            checkPodAfterCleanEnd();
            return;
        }
        ++m_reconnects;
        m_resume.beginReplay();
        m_splitter.reset();
        connectStream();
    });
}

LogStream::~LogStream() {
    m_request.cancel();
    m_podRequest.cancel();
}

void LogStream::start() {
    if (m_state != State::Idle) {
        return;
    }
    setState(State::Connecting);
    if (followsRestarts() && !m_podObserved) {
        lookUpInstance();
    }
    connectStream();
}

bool LogStream::followsRestarts() const {
    return m_options.follow && !m_options.previous && m_options.followRestarts;
}

void LogStream::observePod(const QJsonObject& pod) {
    m_podObserved = true;
    if (m_state == State::WaitingForRestart) {
        onPodAfterEnd(pod);
    } else if (m_instance.isEmpty() && m_state != State::Finished) {
        m_instance = ContainerStatus::find(pod, m_options.container).runningInstance();
    }
}

void LogStream::lookUpInstance() {
    if (!m_transport) {
        return;
    }
    transport::ApiRequestSpec spec;
    spec.path = podPath(m_namespace, m_pod);
    // Sent with the log request: the instance running now is the one the log comes from (a restart in
    // between shows later only as a resume, never as a lost or repeated line).
    m_podRequest = m_transport->send(spec, this, [this](const transport::ApiResult& result) {
        m_podRequest = {};
        if (result.ok() && m_instance.isEmpty()) {
            m_instance = ContainerStatus::find(QJsonDocument::fromJson(result.response.body).object(),
                                               m_options.container)
                             .runningInstance();
        }
    });
}

void LogStream::stop() {
    end(EndReason::Stopped);
}

transport::ApiRequestSpec LogStream::nextRequest() const {
    transport::ApiRequestSpec spec;
    spec.path = podPath(m_namespace, m_pod) + QStringLiteral("/log");
    spec.accept = "application/json, */*";
    spec.deadline = headerDeadline;
    if (!m_options.container.isEmpty()) {
        spec.query.addQueryItem(QStringLiteral("container"), m_options.container);
    }
    if (m_options.follow) {
        spec.query.addQueryItem(QStringLiteral("follow"), QStringLiteral("true"));
    }
    if (m_options.previous) {
        spec.query.addQueryItem(QStringLiteral("previous"), QStringLiteral("true"));
    }
    spec.query.addQueryItem(QStringLiteral("timestamps"), QStringLiteral("true"));
    if (m_resume.hasDelivered()) {
        spec.query.addQueryItem(QStringLiteral("sinceTime"),
                                timestamp::formatSeconds(m_resume.lastTimestamp()));
    } else if (!m_fromInstanceStart) {
        if (m_options.tailLines) {
            spec.query.addQueryItem(QStringLiteral("tailLines"), QString::number(*m_options.tailLines));
        }
        if (m_options.sinceSeconds) {
            spec.query.addQueryItem(QStringLiteral("sinceSeconds"), QString::number(*m_options.sinceSeconds));
        } else if (m_options.sinceTime) {
            spec.query.addQueryItem(QStringLiteral("sinceTime"),
                                    timestamp::formatSeconds(timestamp::fromDateTime(*m_options.sinceTime)));
        }
    }
    // Shown with timestamps, the user's bytes are the server's, so the server may stop early. Otherwise the
    // server would count the timestamps too; and a resumed request's replayed second would count: the client
    // counts alone.
    if (m_options.limitBytes && m_options.timestamps && !m_resume.hasDelivered()) {
        spec.query.addQueryItem(QStringLiteral("limitBytes"), QString::number(*m_options.limitBytes));
    }
    return spec;
}

void LogStream::connectStream() {
    if (!m_transport) {
        fail(LogError{LogError::Kind::Connection, QStringLiteral("the cluster connection is gone"), {}});
        return;
    }
    m_receivedData = false;
    transport::StreamHandlers handlers;
    handlers.onData = [this](const QByteArray& bytes) { onData(bytes); };
    handlers.onFinished = [this](const transport::ApiResult& result) { onStreamFinished(result); };
    m_request = m_transport->openStream(nextRequest(), this, std::move(handlers));
}

void LogStream::onData(const QByteArray& bytes) {
    if (!m_receivedData) {
        m_receivedData = true;
        m_attempt = 0;
        setState(State::Streaming);
    }
    LogLines lines;
    m_splitter.feed(bytes, &lines);
    deliver(std::move(lines));
}

void LogStream::deliver(LogLines lines) {
    if (m_state == State::Finished) {
        return;
    }
    lines.removeIf([this](const LogLine& line) { return !m_resume.accept(line.timestampNs); });
    const bool limitReached = applyLimit(&lines);
    for (const LogLine& line : std::as_const(lines)) {
        m_resume.delivered(line.timestampNs);
    }
    m_linesDelivered += lines.size();
    if (!lines.isEmpty()) {
        emit linesReceived(lines);
    }
    if (limitReached) {
        end(EndReason::Completed);
    }
}

bool LogStream::applyLimit(LogLines* lines) {
    if (!m_options.limitBytes) {
        return false;
    }
    const qint64 limit = *m_options.limitBytes;
    const qint64 prefix = m_options.timestamps ? timestamp::nanoTextLength + 1 : 0;
    for (qsizetype i = 0; i < lines->size(); ++i) {
        LogLine& line = (*lines)[i];
        const QByteArray text = line.text.toUtf8();
        const qint64 size = prefix + text.size() + (line.truncated ? 0 : 1);
        if (m_bytesShown + size <= limit) {
            m_bytesShown += size;
            if (m_bytesShown == limit) {
                lines->resize(i + 1);
                return true;
            }
            continue;
        }
        // The limit falls inside this line: keep what fits of its text, drop a line cut in its timestamp.
        const qint64 room = limit - m_bytesShown - prefix;
        m_bytesShown = limit;
        if (room <= 0) {
            lines->resize(i);
            return true;
        }
        line.text = QString::fromUtf8(text.first(room));
        line.truncated = true;
        lines->resize(i + 1);
        return true;
    }
    return false;
}

void LogStream::onStreamFinished(const transport::ApiResult& result) {
    m_request = {};
    if (m_state == State::Finished) {
        return;
    }
    if (result.ok()) {
        LogLines last;
        m_splitter.finish(&last);
        deliver(std::move(last));
        if (m_state == State::Finished) {
            return;
        }
        if (!m_options.follow || m_options.previous) {
            end(EndReason::Completed);
        } else {
            checkPodAfterCleanEnd();
        }
        return;
    }
    const transport::ApiError& error = *result.error;
    if (error.kind() != transport::ApiError::Kind::Status) {
        scheduleReconnect(error.message());
        return;
    }
    const LogError logError = LogError::fromApiError(error);
    if (logError.kind == LogError::Kind::PodNotFound && (m_resume.hasDelivered() || m_reconnects > 0)) {
        end(EndReason::PodDeleted);
        return;
    }
    fail(logError);
}

void LogStream::checkPodAfterCleanEnd() {
    transport::ApiRequestSpec spec;
    spec.path = podPath(m_namespace, m_pod);
    m_request = m_transport->send(spec, this, [this](const transport::ApiResult& result) {
        m_request = {};
        if (result.ok()) {
            onPodAfterEnd(QJsonDocument::fromJson(result.response.body).object());
        } else if (result.error->kind() == transport::ApiError::Kind::Status &&
                   result.error->httpStatus() == 404) {
            end(EndReason::PodDeleted);
        } else if (m_state == State::WaitingForRestart) {
            m_retryTimer->start(int(m_options.restartPollInterval.count())); // look again later
        } else {
            scheduleReconnect(result.error->message());
        }
    });
}

void LogStream::onPodAfterEnd(const QJsonObject& pod) {
    const ContainerStatus status = ContainerStatus::find(pod, m_options.container);
    const QString running = status.runningInstance();
    if (!running.isEmpty()) {
        if (!followsRestarts() || m_instance.isEmpty() || running == m_instance) {
            // The same container still runs: the API server ended the request (its timeout); go on from here.
            m_instance = running;
            scheduleReconnect(QStringLiteral("the server ended the stream"));
        } else {
            followNewInstance(status);
        }
        return;
    }
    if (followsRestarts() && status.willRestart()) {
        if (m_state != State::WaitingForRestart) {
            qCDebug(lcLogs) << "container of" << m_pod << "stopped; waiting for it to start again";
            setState(State::WaitingForRestart);
        }
        m_retryTimer->start(int(m_options.restartPollInterval.count()));
        return;
    }
    end(EndReason::ContainerTerminated);
}

void LogStream::followNewInstance(const ContainerStatus& status) {
    m_retryTimer->stop();
    m_request.cancel(); // a look at the pod still on its way (the news came from observePod)
    m_instance = status.runningInstance();
    const qint64 lastDelivered = m_resume.lastTimestamp();
    qCDebug(lcLogs) << "container of" << m_pod << "restarted; following its new instance";
    // The new instance's log is a new log: from its first line, with nothing to skip.
    m_resume = ResumeFilter();
    m_splitter.reset();
    m_fromInstanceStart = true;
    m_attempt = 0;
    LogLine marker;
    marker.timestampNs = timestamp::parse(status.runningSince().toLatin1()).value_or(lastDelivered);
    marker.pod = m_pod;
    marker.container = m_options.container;
    marker.text =
        QStringLiteral("container %1 restarted (restart %2)").arg(status.name()).arg(status.restartCount());
    marker.marker = true;
    emit containerRestarted(status.restartCount());
    emit linesReceived({marker});
    setState(State::Connecting);
    connectStream();
}

void LogStream::scheduleReconnect(const QString& reason) {
    if (m_options.maxReconnectAttempts >= 0 && m_attempt >= m_options.maxReconnectAttempts) {
        fail(LogError{LogError::Kind::Connection, reason, {}});
        return;
    }
    ++m_attempt;
    const qint64 initial = std::max<qint64>(1, m_options.reconnectInitialDelay.count());
    const qint64 delay =
        std::min<qint64>(m_options.reconnectMaxDelay.count(), initial << std::min(m_attempt - 1, 20));
    qCDebug(lcLogs) << "log stream of" << m_pod << "dropped:" << reason << "- reconnecting in" << delay
                    << "ms";
    setState(State::Reconnecting);
    emit reconnecting(m_attempt, int(delay), reason);
    m_retryTimer->start(int(delay));
}

void LogStream::setState(State state) {
    if (m_state != state) {
        m_state = state;
        emit stateChanged(state);
    }
}

void LogStream::end(EndReason reason) {
    if (m_state == State::Finished) {
        return;
    }
    m_request.cancel();
    m_request = {};
    m_podRequest.cancel();
    m_podRequest = {};
    m_retryTimer->stop();
    setState(State::Finished);
    emit finished(reason);
}

void LogStream::fail(const LogError& error) {
    if (m_state == State::Finished) {
        return;
    }
    emit errorOccurred(error);
    end(EndReason::Failed);
}

} // namespace binnacle::logs
