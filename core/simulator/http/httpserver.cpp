#include "httpserver.h"

#include <QSslServer>
#include <QSslSocket>

namespace binnacle::sim {

HttpServer::HttpServer(QObject* parent)
    : QObject(parent)
    , m_server(new QSslServer(this)) {
    connect(m_server, &QSslServer::pendingConnectionAvailable, this, &HttpServer::acceptPending);
    // A failed handshake (wrong CA, plain HTTP) is the client's problem; the socket is dropped quietly.
    connect(m_server, &QSslServer::errorOccurred, this,
            [](QSslSocket* socket, QAbstractSocket::SocketError) { socket->deleteLater(); });
}

HttpServer::~HttpServer() {
    abortAllConnections();
}

bool HttpServer::listen(const QHostAddress& address, quint16 port, const QSslConfiguration& tls,
                        QString* error) {
    m_server->setSslConfiguration(tls);
    if (!m_server->listen(address, port)) {
        if (error) {
            *error = m_server->errorString();
        }
        return false;
    }
    return true;
}

void HttpServer::close() {
    m_server->close();
}

quint16 HttpServer::port() const {
    return m_server->serverPort();
}

void HttpServer::acceptPending() {
    while (m_server->hasPendingConnections()) {
        auto* socket = qobject_cast<QSslSocket*>(m_server->nextPendingConnection());
        if (!socket) {
            continue;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto* connection = new HttpConnection(socket, m_maxBodyBytes, this);
        connection->setRejectionHandler(m_rejectionHandler);
        m_connections.append(connection);
        connect(connection, &HttpConnection::requestReceived, this,
                [this](HttpConnection* source, const HttpRequest& request) {
                    if (m_handler) {
                        m_handler(source, request);
                    }
                });
        connect(connection, &HttpConnection::closed, this, [this, connection] {
            m_connections.removeOne(connection);
            connection->deleteLater();
        });
    }
}

int HttpServer::closeIdleConnections() {
    int closed = 0;
    const auto snapshot = m_connections;
    for (HttpConnection* connection : snapshot) {
        if (connection->isIdle()) {
            connection->abort();
            ++closed;
        }
    }
    return closed;
}

void HttpServer::abortAllConnections() {
    const auto snapshot = m_connections;
    for (HttpConnection* connection : snapshot) {
        connection->abort();
    }
}

} // namespace binnacle::sim
