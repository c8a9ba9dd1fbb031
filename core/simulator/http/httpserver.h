#pragma once

#include "httpconnection.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <functional>

class QSslServer;

namespace binnacle::sim {

// A TLS HTTP/1.1 server. It owns the connections and hands each parsed request to one handler.
class HttpServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(HttpConnection*, const HttpRequest&)>;

    explicit HttpServer(QObject* parent = nullptr);
    ~HttpServer() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setRejectionHandler(HttpConnection::RejectionHandler handler) {
        m_rejectionHandler = std::move(handler);
    }
    void setMaxBodyBytes(qsizetype bytes) { m_maxBodyBytes = bytes; }
    bool listen(const QHostAddress& address, quint16 port, const QSslConfiguration& tls, QString* error);
    void close();
    quint16 port() const;

    QList<HttpConnection*> connections() const { return m_connections; }
    // Closes every connection that is not in the middle of a response (fault injection).
    int closeIdleConnections();
    // Drops every connection, busy or not (restart).
    void abortAllConnections();

private:
    void acceptPending();

    QSslServer* m_server;
    Handler m_handler;
    HttpConnection::RejectionHandler m_rejectionHandler;
    qsizetype m_maxBodyBytes = 3 * 1024 * 1024;
    QList<HttpConnection*> m_connections;
};

} // namespace binnacle::sim
