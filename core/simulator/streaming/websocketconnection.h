#pragma once

#include "websocketframe.h"

#include <QObject>

class QAbstractSocket;

namespace binnacle::sim {

// The server side of one WebSocket after the 101 response: it owns the socket, turns the client's
// frames into messages, answers pings and the closing handshake, and writes unmasked frames.
class WebSocketConnection : public QObject {
    Q_OBJECT
public:
    // `alreadyRead` holds bytes the HTTP layer read past the upgrade request, if any.
    WebSocketConnection(QAbstractSocket* socket, const QByteArray& alreadyRead, QObject* parent = nullptr);
    ~WebSocketConnection() override;

    void sendBinary(const QByteArray& message);
    void sendText(const QByteArray& message);
    // Starts the closing handshake; the socket is dropped when the client answers, or after a grace period.
    void close(quint16 code = ws::closeNormal, const QByteArray& reason = {});
    bool isClosing() const { return m_closeSent; }
    qint64 pendingBytes() const;

Q_SIGNALS:
    void binaryMessageReceived(const QByteArray& message);
    void textMessageReceived(const QByteArray& message);
    // The connection is gone (closed cleanly, by error, or by the peer); emitted once.
    void disconnected();

private:
    void onReadyRead();
    void handle(const ws::WebSocketEvent& event);
    void finish();

    QAbstractSocket* m_socket;
    ws::WebSocketFrameParser m_parser;
    bool m_closeSent = false;
    bool m_finished = false;
};

} // namespace binnacle::sim
