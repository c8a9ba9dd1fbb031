#include "websocketconnection.h"

#include <QAbstractSocket>
#include <QTimer>

namespace binnacle::sim {

namespace {
// How long to wait for the client's Close answer before closing the socket ourselves. Generous: a client
// on a loaded machine may be slow to read, and closing early risks a reset that discards the unread
// status and Close frames on the client's side.
constexpr int closeGraceMs = 10000;
} // namespace

WebSocketConnection::WebSocketConnection(QAbstractSocket* socket, const QByteArray& alreadyRead,
                                         QObject* parent)
    : QObject(parent)
    , m_socket(socket) {
    m_socket->setParent(this);
    connect(m_socket, &QAbstractSocket::readyRead, this, &WebSocketConnection::onReadyRead);
    connect(m_socket, &QAbstractSocket::disconnected, this, &WebSocketConnection::finish);
    m_parser.feed(alreadyRead);
    QTimer::singleShot(0, this, &WebSocketConnection::onReadyRead);
}

WebSocketConnection::~WebSocketConnection() {
    m_finished = true; // no signal from a connection being destroyed
    m_socket->disconnect(this);
    m_socket->abort();
}

qint64 WebSocketConnection::pendingBytes() const {
    return m_socket->bytesToWrite();
}

void WebSocketConnection::sendBinary(const QByteArray& message) {
    if (m_closeSent || m_finished) {
        return;
    }
    m_socket->write(ws::encodeFrame(ws::Opcode::Binary, message));
}

void WebSocketConnection::sendText(const QByteArray& message) {
    if (m_closeSent || m_finished) {
        return;
    }
    m_socket->write(ws::encodeFrame(ws::Opcode::Text, message));
}

void WebSocketConnection::close(quint16 code, const QByteArray& reason) {
    if (m_closeSent || m_finished) {
        return;
    }
    m_closeSent = true;
    m_socket->write(ws::encodeClose(code, reason));
    QTimer::singleShot(closeGraceMs, this, [this] {
        if (!m_finished) {
            m_socket->disconnectFromHost(); // graceful (FIN), so that what was sent is still delivered
        }
    });
}

void WebSocketConnection::onReadyRead() {
    if (m_finished) {
        return;
    }
    m_parser.feed(m_socket->readAll());
    while (!m_finished) {
        const auto event = m_parser.next();
        if (!event) {
            break;
        }
        handle(*event);
    }
    if (!m_finished && m_parser.error() != ws::WebSocketFrameParser::Error::None) {
        const bool tooBig = m_parser.error() == ws::WebSocketFrameParser::Error::TooBig;
        close(tooBig ? ws::closeTooBig : ws::closeProtocolError);
    }
}

void WebSocketConnection::handle(const ws::WebSocketEvent& event) {
    switch (event.opcode) {
    case ws::Opcode::Binary:
        Q_EMIT binaryMessageReceived(event.payload);
        break;
    case ws::Opcode::Text:
        Q_EMIT textMessageReceived(event.payload);
        break;
    case ws::Opcode::Ping:
        if (!m_closeSent) {
            m_socket->write(ws::encodeFrame(ws::Opcode::Pong, event.payload));
        }
        break;
    case ws::Opcode::Close:
        // Echo the close (unless we started it), then the server closes TCP first (RFC 6455 §7.1.1).
        if (!m_closeSent) {
            m_closeSent = true;
            m_socket->write(ws::encodeClose(event.closeCode == 1005 ? ws::closeNormal : event.closeCode));
        }
        m_socket->disconnectFromHost();
        break;
    default:
        break;
    }
}

void WebSocketConnection::finish() {
    if (m_finished) {
        return;
    }
    m_finished = true;
    Q_EMIT disconnected();
}

} // namespace binnacle::sim
