#include "portforwardsession.h"

#include "websocketconnection.h"

#include <QtEndian>

namespace binnacle::sim {

namespace portforward {
QList<QByteArray> supportedProtocols() {
    return {QByteArray(v4Protocol), QByteArray(v4Base64Protocol)};
}

QByteArray portPrefix(quint16 port) {
    uchar bytes[2];
    qToLittleEndian(port, bytes);
    return QByteArray(reinterpret_cast<const char*>(bytes), 2);
}
} // namespace portforward

PortForwardSession::PortForwardSession(WebSocketConnection* connection, const QByteArray& protocol,
                                       QString podName, QString namespaceName, const QList<Target>& targets,
                                       QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_base64(protocol == portforward::v4Base64Protocol)
    , m_podName(std::move(podName))
    , m_namespaceName(std::move(namespaceName)) {
    m_connection->setParent(this);
    m_pairs.reserve(targets.size());
    for (const Target& target : targets) {
        m_pairs.push_back(Pair{target, nullptr, false});
    }
    connect(m_connection, &WebSocketConnection::binaryMessageReceived, this,
            [this](const QByteArray& message) {
                if (!m_base64 && !message.isEmpty()) {
                    onMessage(quint8(message.at(0)), message.mid(1));
                }
            });
    connect(m_connection, &WebSocketConnection::textMessageReceived, this, [this](const QByteArray& message) {
        if (m_base64 && !message.isEmpty()) {
            onMessage(int(quint8(message.at(0))) - '0', QByteArray::fromBase64(message.mid(1)));
        }
    });
    connect(m_connection, &WebSocketConnection::disconnected, this, [this] {
        for (Pair& pair : m_pairs) {
            pair.responder.reset(); // the pod side of each connection goes with the socket
            pair.open = false;
        }
        Q_EMIT ended();
        deleteLater();
    });
}

PortForwardSession::~PortForwardSession() = default;

void PortForwardSession::send(int channel, const QByteArray& payload) {
    if (m_base64) {
        m_connection->sendText(char('0' + channel) + payload.toBase64());
    } else {
        m_connection->sendBinary(char(channel) + payload);
    }
}

void PortForwardSession::start() {
    for (size_t i = 0; i < m_pairs.size(); ++i) {
        const QByteArray prefix = portforward::portPrefix(m_pairs[i].target.port);
        send(int(2 * i), prefix);
        send(int(2 * i + 1), prefix);
    }
    for (size_t i = 0; i < m_pairs.size(); ++i) {
        Pair& pair = m_pairs[i];
        if (!pair.target.service) {
            send(int(2 * i + 1), pair.target.refusal.toUtf8());
            continue;
        }
        pair.open = true;
        pair.responder = std::make_unique<PortResponder>(*pair.target.service, m_podName, m_namespaceName,
                                                         pair.target.port);
        const int dataChannel = int(2 * i);
        pair.responder->onData = [this, dataChannel](const QByteArray& data) { send(dataChannel, data); };
        pair.responder->onClosed = [this, i] { closePair(int(i)); };
    }
    closePair(-1); // closes the socket at once when no port had a service
}

void PortForwardSession::onMessage(int channel, const QByteArray& payload) {
    // Messages for error channels (write-only) or unknown channels are dropped, as the kubelet drops them.
    if (channel < 0 || channel % 2 != 0 || size_t(channel / 2) >= m_pairs.size()) {
        return;
    }
    Pair& pair = m_pairs[size_t(channel / 2)];
    if (pair.open && pair.responder) {
        pair.responder->receive(payload);
    }
}

void PortForwardSession::closePair(int index) {
    if (index >= 0 && size_t(index) < m_pairs.size()) {
        m_pairs[size_t(index)].open = false;
    }
    for (const Pair& pair : m_pairs) {
        if (pair.open) {
            return;
        }
    }
    if (!m_closing) {
        m_closing = true;
        m_connection->close();
    }
}

void PortForwardSession::podStopped() {
    for (size_t i = 0; i < m_pairs.size(); ++i) {
        m_pairs[i].open = false;
    }
    closePair(-1);
}

} // namespace binnacle::sim
