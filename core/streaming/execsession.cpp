#include "execsession.h"

#include "streaminglogging.h"

#include <QDateTime>
#include <QTimer>
#include <QWebSocket>

namespace binnacle::streaming {

using transport::ApiError;
using transport::ApiStatus;

namespace {
constexpr int pingIntervalMs = 5000;
constexpr qint64 pongDeadlineMs = 60000;

QString boolText(bool value) {
    return value ? QStringLiteral("true") : QStringLiteral("false");
}
} // namespace

ExecSession::ExecSession(WebSocketConnector* connector, QObject* parent)
    : QObject(parent)
    , m_connector(connector) {}

ExecSession::~ExecSession() {
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

WebSocketRequest ExecSession::requestFor(Mode mode, const ExecOptions& options) {
    WebSocketRequest request;
    request.path = QStringLiteral("/api/v1/namespaces/%1/pods/%2/%3")
                       .arg(options.namespaceName, options.podName,
                            mode == Mode::Exec ? QStringLiteral("exec") : QStringLiteral("attach"));
    if (mode == Mode::Exec) {
        for (const QString& word : options.command) {
            request.query.addQueryItem(QStringLiteral("command"),
                                       QString::fromLatin1(QUrl::toPercentEncoding(word)));
        }
    }
    if (!options.container.isEmpty()) {
        request.query.addQueryItem(QStringLiteral("container"),
                                   QString::fromLatin1(QUrl::toPercentEncoding(options.container)));
    }
    request.query.addQueryItem(QStringLiteral("stdin"), boolText(options.stdinEnabled));
    request.query.addQueryItem(QStringLiteral("stdout"), boolText(options.stdoutEnabled));
    // A terminal has one output stream: kubectl does not ask for stderr with a tty.
    request.query.addQueryItem(QStringLiteral("stderr"), boolText(options.stderrEnabled && !options.tty));
    request.query.addQueryItem(QStringLiteral("tty"), boolText(options.tty));
    request.subprotocols = {QLatin1String(channel::v5Protocol), QLatin1String(channel::v4Protocol)};
    return request;
}

void ExecSession::start(Mode mode, const ExecOptions& options) {
    if (m_state != State::Idle) {
        qCWarning(lcStreaming) << "an exec session starts once";
        return;
    }
    m_options = options;
    m_state = State::Connecting;
    if (!m_connector) {
        QTimer::singleShot(0, this, [this] {
            finish({-1, ApiError(ApiError::Kind::Network, QStringLiteral("No connection to the cluster")),
                    false});
        });
        return;
    }
    m_connector->open(requestFor(mode, options), this,
                      [this](WebSocketConnection connection) { onConnected(std::move(connection)); });
}

void ExecSession::onConnected(WebSocketConnection connection) {
    if (m_state != State::Connecting) {
        delete connection.socket; // terminated while connecting
        return;
    }
    if (!connection.ok()) {
        finish({-1, connection.error, false});
        return;
    }
    m_socket = connection.socket;
    m_socket->setParent(this);
    m_subprotocol = connection.subprotocol;
    if (m_subprotocol != QLatin1String(channel::v5Protocol) &&
        m_subprotocol != QLatin1String(channel::v4Protocol)) {
        finish(
            {-1,
             ApiError(
                 ApiError::Kind::Network,
                 QStringLiteral("The server chose an unsupported stream protocol \"%1\"").arg(m_subprotocol)),
             false});
        return;
    }
    m_state = State::Running;
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &ExecSession::onMessage);
    connect(m_socket, &QWebSocket::disconnected, this, &ExecSession::onDisconnected);
    connect(m_socket, &QWebSocket::pong, this,
            [this] { m_lastPongMs = QDateTime::currentMSecsSinceEpoch(); });
    m_lastPongMs = QDateTime::currentMSecsSinceEpoch();
    m_heartbeat = new QTimer(this);
    connect(m_heartbeat, &QTimer::timeout, this, [this] {
        if (QDateTime::currentMSecsSinceEpoch() - m_lastPongMs > pongDeadlineMs) {
            qCInfo(lcStreaming) << "no pong for a minute: giving up the session";
            m_socket->abort();
            return;
        }
        m_socket->ping();
    });
    m_heartbeat->start(pingIntervalMs);
    qCDebug(lcStreaming) << "exec session up with" << m_subprotocol;
    Q_EMIT started();
    if (m_pendingResize) {
        send(*m_pendingResize);
        m_pendingResize.reset();
    }
    if (!m_pendingStdin.isEmpty()) {
        send(channelMessage(channel::stdinChannel, m_pendingStdin));
        m_pendingStdin.clear();
    }
    if (m_stdinClosePending) {
        m_stdinClosePending = false;
        closeStdin();
    }
}

void ExecSession::onMessage(const QByteArray& message) {
    if (message.isEmpty()) {
        return;
    }
    const quint8 channelId = quint8(message.at(0));
    const QByteArray payload = message.mid(1);
    switch (channelId) {
    case channel::stdoutChannel:
        if (!payload.isEmpty()) {
            Q_EMIT stdoutReceived(payload);
        }
        break;
    case channel::stderrChannel:
        if (!payload.isEmpty()) {
            Q_EMIT stderrReceived(payload);
        }
        break;
    case channel::errorChannel:
        if (auto status = parseRemoteStatus(payload)) {
            m_status = status;
        }
        break;
    default:
        qCDebug(lcStreaming) << "message on unexpected channel" << channelId;
        break;
    }
}

void ExecSession::onDisconnected() {
    ExecResult result;
    result.terminated = m_terminated;
    if (m_status) {
        result.exitCode = m_status->exitCode;
        if (result.exitCode < 0) {
            ApiStatus status;
            status.code = 500;
            status.reason = m_status->reason.isEmpty() ? QStringLiteral("InternalError") : m_status->reason;
            status.message = m_status->message;
            result.error = ApiError::fromStatus(status);
        }
    } else if (!m_terminated) {
        const QString detail = m_socket ? m_socket->closeReason() : QString();
        result.error = ApiError(
            ApiError::Kind::ConnectionLost,
            QStringLiteral("The connection closed before the command's exit status arrived"), detail);
    }
    finish(std::move(result));
}

void ExecSession::send(const QByteArray& message) {
    if (m_socket && m_state == State::Running) {
        m_socket->sendBinaryMessage(message);
    }
}

void ExecSession::writeStdin(const QByteArray& data) {
    if (data.isEmpty()) {
        return;
    }
    if (m_state == State::Connecting || m_state == State::Idle) {
        m_pendingStdin.append(data);
        return;
    }
    send(channelMessage(channel::stdinChannel, data));
}

bool ExecSession::closeStdin() {
    if (m_state == State::Connecting || m_state == State::Idle) {
        m_stdinClosePending = true;
        return true;
    }
    if (m_state != State::Running || !stdinCloseSupported()) {
        return false;
    }
    send(closeChannelMessage(channel::stdinChannel));
    return true;
}

void ExecSession::resize(quint16 columns, quint16 rows) {
    const QByteArray message = resizeMessage(columns, rows);
    if (m_state == State::Running) {
        send(message);
    } else if (m_state != State::Finished) {
        m_pendingResize = message;
    }
}

void ExecSession::terminate() {
    if (m_state == State::Finished) {
        return;
    }
    m_terminated = true;
    if (m_state == State::Running && m_socket) {
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
        return; // disconnected() finishes
    }
    finish({-1, std::nullopt, true});
}

void ExecSession::finish(ExecResult result) {
    if (m_state == State::Finished) {
        return;
    }
    m_state = State::Finished;
    if (m_heartbeat) {
        m_heartbeat->stop();
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    Q_EMIT finished(result);
}

} // namespace binnacle::streaming
