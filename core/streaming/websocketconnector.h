#pragma once

#include "apierror.h"
#include "clustertransport.h"
#include "credentialprovider.h"

#include <QNetworkProxy>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrlQuery>
#include <chrono>
#include <functional>
#include <optional>

class QWebSocket;

namespace binnacle::streaming {

// One upgrade to ask the API server for.
struct WebSocketRequest {
    QString path; // relative to the server URL's path, e.g. /api/v1/namespaces/ns/pods/p/exec
    QUrlQuery query;
    QStringList subprotocols; // best first
};

// The outcome of an upgrade: a connected socket with the subprotocol the server chose, or why not.
struct WebSocketConnection {
    QWebSocket* socket = nullptr; // connected and unparented: the receiver owns it
    QString subprotocol;
    std::optional<transport::ApiError> error;

    bool ok() const { return socket != nullptr; }
};

// Opens wss:// (ws:// for an http:// server) upgrades to one cluster's API server with the cluster's
// TLS settings and the user's credentials, asked for before every upgrade (exec plugins run, rotated
// client certificates are used). A refused upgrade becomes a typed error: QWebSocket keeps the HTTP
// body to itself, so when a transport is given the same request is sent once more without the
// upgrade to read the API server's Status (the checks that refuse an upgrade — RBAC, pod, container —
// come before the upgrade itself; without the Upgrade header nothing can start).
//
// The credential provider and the transport may live on another thread: they are called there and
// answer here. The sockets live on this object's thread.
class WebSocketConnector : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(WebSocketConnection)>;

    WebSocketConnector(transport::ClusterEndpoint endpoint, transport::CredentialProvider* credentials,
                       QObject* parent = nullptr);

    // The transport that reads the Status of a refused upgrade; optional.
    void setStatusTransport(transport::ClusterTransport* transport) { m_statusTransport = transport; }
    // How long an upgrade may take, connection and TLS included.
    void setHandshakeTimeout(std::chrono::milliseconds timeout) { m_handshakeTimeout = timeout; }
    void setUserAgent(const QByteArray& userAgent) { m_userAgent = userAgent; }
    const transport::ClusterEndpoint& endpoint() const { return m_endpoint; }

    // `done` runs once, never from inside open(), and not after `context` is destroyed.
    void open(const WebSocketRequest& request, QObject* context, Callback done);

    // The URL an upgrade goes to (wss:// for https://), the server's path prefix kept.
    QUrl urlFor(const WebSocketRequest& request) const;

private:
    struct Attempt;
    void withCredentials(
        std::function<void(const transport::Credentials&, const std::optional<transport::CredentialError>&)>
            done);
    void start(const std::shared_ptr<Attempt>& attempt);
    void connectSocket(const std::shared_ptr<Attempt>& attempt, const transport::Credentials& credentials);
    void onRefused(const std::shared_ptr<Attempt>& attempt, int httpCode, const QString& qtMessage);
    void finish(const std::shared_ptr<Attempt>& attempt, WebSocketConnection connection);

    transport::ClusterEndpoint m_endpoint;
    QPointer<transport::CredentialProvider> m_credentials;
    QPointer<transport::ClusterTransport> m_statusTransport;
    QSslConfiguration m_sslConfiguration;
    QNetworkProxy m_proxy;
    QString m_setupError;
    QByteArray m_userAgent = "binnacle/0.1";
    std::chrono::milliseconds m_handshakeTimeout{30000};
};

} // namespace binnacle::streaming
