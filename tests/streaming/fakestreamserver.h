#pragma once

// A tiny WebSocket server in the test, standing in for an API server where the simulator cannot be asked
// for a behaviour (refuse v5, send a wrong port prefix, exit with an unusual status). It speaks plain
// ws:// on 127.0.0.1, offers the subprotocols it is given and records what clients send.
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QWebSocket>
#include <QWebSocketServer>
#include <functional>
#include <memory>

namespace streamingtesting {

class FakeStreamServer : public QObject {
public:
    struct Peer {
        QWebSocket* socket = nullptr;
        QUrl url;
        QByteArray authorization;
        QList<QByteArray> received; // whole binary messages, channel byte included
    };

    explicit FakeStreamServer(const QStringList& subprotocols)
        : m_server(QStringLiteral("fake"), QWebSocketServer::NonSecureMode) {
        m_server.setSupportedSubprotocols(subprotocols);
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket* socket = m_server.nextPendingConnection()) {
                auto peer = std::make_shared<Peer>();
                peer->socket = socket;
                peer->url = socket->requestUrl();
                peer->authorization = socket->request().rawHeader("Authorization");
                socket->setParent(this);
                QObject::connect(socket, &QWebSocket::binaryMessageReceived, this,
                                 [this, peer](const QByteArray& message) {
                                     peer->received.append(message);
                                     if (onMessage) {
                                         onMessage(*peer, message);
                                     }
                                 });
                peers.append(peer);
                if (onConnection) {
                    onConnection(*peer);
                }
            }
        });
    }

    QUrl httpUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

    std::function<void(Peer&)> onConnection;
    std::function<void(Peer&, const QByteArray&)> onMessage;
    QList<std::shared_ptr<Peer>> peers;

private:
    QWebSocketServer m_server;
};

inline QByteArray message(quint8 channelId, const QByteArray& payload) {
    return QByteArray(1, char(channelId)) + payload;
}

} // namespace streamingtesting
