#include "portforwardstream.h"

#include "channelprotocol.h"
#include "streaminglogging.h"

#include <QTimer>
#include <QWebSocket>

namespace binnacle::streaming {

using transport::ApiError;

PortForwardStream::PortForwardStream(WebSocketConnector* connector, QObject* parent)
    : QObject(parent)
    , m_connector(connector) {}

PortForwardStream::~PortForwardStream() {
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

WebSocketRequest PortForwardStream::requestFor(const QString& namespaceName, const QString& podName,
                                               const QList<quint16>& ports) {
    WebSocketRequest request;
    request.path = QStringLiteral("/api/v1/namespaces/%1/pods/%2/portforward").arg(namespaceName, podName);
    for (const quint16 port : ports) {
        request.query.addQueryItem(QStringLiteral("ports"), QString::number(port));
    }
    // The kubelet's handler also accepts no subprotocol at all, meaning the same binary framing.
    request.subprotocols = {QLatin1String(channel::v4Protocol)};
    return request;
}

void PortForwardStream::open(const QString& namespaceName, const QString& podName,
                             const QList<quint16>& ports) {
    if (m_state != State::Idle) {
        return;
    }
    m_ports = ports;
    m_prefixSeen = QList<bool>(ports.size() * 2, false);
    if (m_pending.size() < ports.size()) {
        m_pending.resize(ports.size());
    }
    m_state = State::Connecting;
    if (!m_connector || ports.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            finish(ApiError(ApiError::Kind::Network, QStringLiteral("Nothing to forward")));
        });
        return;
    }
    m_connector->open(requestFor(namespaceName, podName, ports), this,
                      [this](WebSocketConnection connection) { onConnected(std::move(connection)); });
}

void PortForwardStream::onConnected(WebSocketConnection connection) {
    if (m_state != State::Connecting) {
        delete connection.socket;
        return;
    }
    if (!connection.ok()) {
        finish(connection.error);
        return;
    }
    if (!connection.subprotocol.isEmpty() && connection.subprotocol != QLatin1String(channel::v4Protocol)) {
        delete connection.socket;
        finish(ApiError(ApiError::Kind::Network,
                        QStringLiteral("The server chose an unsupported stream protocol \"%1\"")
                            .arg(connection.subprotocol)));
        return;
    }
    m_socket = connection.socket;
    m_socket->setParent(this);
    m_state = State::Open;
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &PortForwardStream::onMessage);
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        if (m_protocolError) {
            finish(m_protocolError);
        } else if (m_closeAsked || m_socket->closeCode() == QWebSocketProtocol::CloseCodeNormal) {
            finish(std::nullopt);
        } else {
            finish(ApiError(ApiError::Kind::ConnectionLost,
                            QStringLiteral("The port-forward connection broke"), m_socket->closeReason()));
        }
    });
    Q_EMIT opened();
    for (int index = 0; index < m_pending.size(); ++index) {
        if (!m_pending[index].isEmpty()) {
            write(index, std::exchange(m_pending[index], {}));
        }
    }
    if (m_closeAsked) {
        m_socket->close();
    }
}

void PortForwardStream::onMessage(const QByteArray& message) {
    if (message.isEmpty()) {
        return;
    }
    const int channelId = quint8(message.at(0));
    const int portIndex = channelId / 2;
    if (portIndex >= m_ports.size()) {
        qCDebug(lcStreaming) << "port-forward message on unknown channel" << channelId;
        return;
    }
    QByteArray payload = message.mid(1);
    if (!m_prefixSeen[channelId]) {
        const std::optional<quint16> port = takePortPrefix(&payload);
        if (!port || *port != m_ports[portIndex]) {
            m_protocolError =
                ApiError(ApiError::Kind::Network,
                         QStringLiteral("The server's port-forward stream for port %1 began with "
                                        "another port")
                             .arg(m_ports[portIndex]));
            m_socket->close(QWebSocketProtocol::CloseCodeProtocolError);
            return;
        }
        m_prefixSeen[channelId] = true;
    }
    if (payload.isEmpty()) {
        return;
    }
    if (channelId % 2 == 0) {
        Q_EMIT dataReceived(portIndex, payload);
    } else {
        Q_EMIT portError(portIndex, QString::fromUtf8(payload));
    }
}

void PortForwardStream::write(int portIndex, const QByteArray& data) {
    if (data.isEmpty() || portIndex < 0) {
        return;
    }
    if (m_state == State::Idle || m_state == State::Connecting) {
        if (m_pending.size() <= portIndex) {
            m_pending.resize(portIndex + 1);
        }
        m_pending[portIndex].append(data);
        return;
    }
    if (m_state == State::Open && portIndex < m_ports.size()) {
        m_socket->sendBinaryMessage(channelMessage(quint8(portIndex * 2), data));
    }
}

void PortForwardStream::close() {
    m_closeAsked = true;
    if (m_state == State::Open) {
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
    } else if (m_state == State::Idle) {
        finish(std::nullopt);
    }
    // Connecting: closed as soon as the upgrade is done (see onConnected).
}

void PortForwardStream::finish(std::optional<transport::ApiError> error) {
    if (m_state == State::Closed) {
        return;
    }
    m_state = State::Closed;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    Q_EMIT closed(error);
}

} // namespace binnacle::streaming
