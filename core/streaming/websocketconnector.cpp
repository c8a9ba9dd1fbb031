#include "websocketconnector.h"

#include "endpointnetwork.h"
#include "streaminglogging.h"

#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <algorithm>

namespace binnacle::streaming {

using transport::ApiError;
using transport::ApiStatus;
using transport::CredentialError;
using transport::Credentials;

namespace {

// QWebSocket reports a refused upgrade only in its error string:
// "QWebSocketPrivate::processHandshake: Unhandled http status code: 403 (Forbidden)."; a 400 it reads
// as a version negotiation, and without a Sec-WebSocket-Version header in the answer it says "Unknown
// error condition encountered" (qwebsocket_p.cpp, processHandshake).
int refusedHttpCode(const QString& qtMessage) {
    static const QRegularExpression pattern(QStringLiteral("status code: (\\d{3})"));
    const QRegularExpressionMatch match = pattern.match(qtMessage);
    if (match.hasMatch()) {
        return match.captured(1).toInt();
    }
    if (qtMessage.contains(QLatin1String("processHandshake: Unknown error condition"))) {
        return 400;
    }
    return 0;
}

ApiError socketError(QAbstractSocket::SocketError error, const QString& qtMessage,
                     const QList<QSslError>& sslErrors) {
    using Kind = ApiError::Kind;
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return ApiError(Kind::ConnectionRefused, QStringLiteral("Connection refused"), qtMessage);
    case QAbstractSocket::HostNotFoundError:
        return ApiError(Kind::HostNotFound, QStringLiteral("Host not found"), qtMessage);
    case QAbstractSocket::SocketTimeoutError:
        return ApiError(Kind::Timeout, QStringLiteral("The connection timed out"), qtMessage);
    case QAbstractSocket::RemoteHostClosedError:
        return ApiError(Kind::ConnectionLost, QStringLiteral("The server closed the connection"), qtMessage);
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: {
        QStringList details;
        for (const QSslError& sslError : sslErrors) {
            details.append(sslError.errorString());
        }
        return ApiError(Kind::Tls, QStringLiteral("TLS handshake failed"),
                        details.isEmpty() ? qtMessage : details.join(QLatin1String("; ")));
    }
    case QAbstractSocket::ProxyAuthenticationRequiredError:
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError:
        return ApiError(Kind::Proxy, QStringLiteral("The proxy failed"), qtMessage);
    default:
        return ApiError(Kind::Network, qtMessage);
    }
}
} // namespace

struct WebSocketConnector::Attempt {
    WebSocketRequest request;
    QPointer<QObject> context;
    bool hasContext = false;
    Callback done;
    QWebSocket* socket = nullptr;
    QTimer* timer = nullptr;
    QList<QSslError> sslErrors;
    bool reauthenticated = false;
    bool finished = false;
};

WebSocketConnector::WebSocketConnector(transport::ClusterEndpoint endpoint,
                                       transport::CredentialProvider* credentials, QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_credentials(credentials) {
    m_sslConfiguration = transport::sslConfigurationFor(m_endpoint, &m_setupError);
    const QString scheme = m_endpoint.server.scheme();
    if (!m_endpoint.server.isValid() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        m_setupError =
            QStringLiteral("The cluster's server URL \"%1\" is not valid").arg(m_endpoint.server.toString());
    }
    m_proxy = transport::proxyFor(m_endpoint.proxyUrl, &m_setupError);
}

QUrl WebSocketConnector::urlFor(const WebSocketRequest& request) const {
    QUrl url = m_endpoint.server;
    url.setScheme(m_endpoint.server.scheme() == QLatin1String("http") ? QStringLiteral("ws")
                                                                      : QStringLiteral("wss"));
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/'))) {
        prefix.chop(1);
    }
    url.setPath(prefix + request.path);
    url.setQuery(request.query);
    return url;
}

void WebSocketConnector::open(const WebSocketRequest& request, QObject* context, Callback done) {
    auto attempt = std::make_shared<Attempt>();
    attempt->request = request;
    attempt->context = context;
    attempt->hasContext = context != nullptr;
    attempt->done = std::move(done);
    if (!m_setupError.isEmpty()) {
        QTimer::singleShot(0, this, [this, attempt] {
            finish(attempt, {nullptr, {}, ApiError(ApiError::Kind::Network, m_setupError)});
        });
        return;
    }
    start(attempt);
}

void WebSocketConnector::withCredentials(
    std::function<void(const Credentials&, const std::optional<CredentialError>&)> done) {
    QPointer<WebSocketConnector> self(this);
    QPointer<transport::CredentialProvider> provider = m_credentials;
    if (!provider) {
        QTimer::singleShot(0, this, [done] { done(Credentials(), std::nullopt); });
        return;
    }
    // The provider answers on its own thread; the answer is carried back here.
    QMetaObject::invokeMethod(
        provider.data(),
        [provider, self, done] {
            if (!provider) {
                return;
            }
            provider->requestCredentials(
                [self, done](const Credentials& credentials, const std::optional<CredentialError>& error) {
                    if (self) {
                        QMetaObject::invokeMethod(
                            self.data(), [done, credentials, error] { done(credentials, error); },
                            Qt::QueuedConnection);
                    }
                });
        },
        Qt::QueuedConnection);
}

void WebSocketConnector::start(const std::shared_ptr<Attempt>& attempt) {
    withCredentials(
        [this, attempt](const Credentials& credentials, const std::optional<CredentialError>& error) {
            if (attempt->hasContext && !attempt->context) {
                return;
            }
            if (error) {
                finish(attempt,
                       {nullptr, {}, ApiError(ApiError::Kind::Credential, error->message, error->detail)});
                return;
            }
            connectSocket(attempt, credentials);
        });
}

void WebSocketConnector::connectSocket(const std::shared_ptr<Attempt>& attempt,
                                       const Credentials& credentials) {
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    attempt->socket = socket;
    QSslConfiguration ssl = m_sslConfiguration;
    if (!credentials.clientCertificate.isNull()) {
        ssl.setLocalCertificate(credentials.clientCertificate);
        ssl.setPrivateKey(credentials.clientKey);
    }
    socket->setSslConfiguration(ssl);
    socket->setProxy(m_proxy);

    QNetworkRequest networkRequest(urlFor(attempt->request));
    networkRequest.setRawHeader("User-Agent", m_userAgent);
    for (const auto& header : credentials.headers) {
        networkRequest.setRawHeader(header.first, header.second);
    }
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(attempt->request.subprotocols);

    attempt->timer = new QTimer(socket);
    attempt->timer->setSingleShot(true);
    connect(attempt->timer, &QTimer::timeout, this, [this, attempt] {
        finish(attempt,
               {nullptr, {}, ApiError(ApiError::Kind::Timeout, QStringLiteral("The upgrade timed out"))});
    });
    attempt->timer->start(m_handshakeTimeout);

    // QWebSocket cannot be told a tls-server-name: Qt checks the URL's host. With one set, a host name
    // mismatch alone is forgiven when the certificate is valid for that name (the chain is still verified),
    // and the certificate must be valid for it once connected.
    const QString serverName = m_endpoint.insecureSkipTlsVerify ? QString() : m_endpoint.tlsServerName;
    connect(socket, &QWebSocket::sslErrors, this, [attempt, serverName](const QList<QSslError>& errors) {
        attempt->sslErrors = errors;
        const bool onlyTheHostName =
            !errors.isEmpty() && std::all_of(errors.begin(), errors.end(), [](const QSslError& error) {
                return error.error() == QSslError::HostNameMismatch;
            });
        if (!serverName.isEmpty() && onlyTheHostName &&
            transport::certificateMatchesName(errors.first().certificate(), serverName)) {
            attempt->socket->ignoreSslErrors();
        }
    });
    connect(socket, &QWebSocket::connected, this, [this, attempt, serverName] {
        if (!serverName.isEmpty() && attempt->socket->requestUrl().scheme() == QLatin1String("wss") &&
            !transport::certificateMatchesName(attempt->socket->sslConfiguration().peerCertificate(),
                                               serverName)) {
            finish(attempt, {nullptr,
                             {},
                             ApiError(ApiError::Kind::Tls, QStringLiteral("TLS handshake failed"),
                                      QStringLiteral("The server certificate is not valid for "
                                                     "tls-server-name \"%1\"")
                                          .arg(serverName))});
            return;
        }
        finish(attempt, {attempt->socket, attempt->socket->subprotocol(), std::nullopt});
    });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, attempt](QAbstractSocket::SocketError error) {
                if (attempt->finished) {
                    return;
                }
                const QString qtMessage = attempt->socket->errorString();
                const int httpCode = refusedHttpCode(qtMessage);
                if (httpCode != 0) {
                    onRefused(attempt, httpCode, qtMessage);
                    return;
                }
                finish(attempt, {nullptr, {}, socketError(error, qtMessage, attempt->sslErrors)});
            });
    qCDebug(lcStreaming) << "upgrade" << attempt->request.path << attempt->request.subprotocols;
    socket->open(networkRequest, options);
}

void WebSocketConnector::onRefused(const std::shared_ptr<Attempt>& attempt, int httpCode,
                                   const QString& qtMessage) {
    attempt->timer->stop();
    attempt->socket->disconnect(this);
    attempt->socket->deleteLater();
    attempt->socket = nullptr;
    QPointer<WebSocketConnector> self(this);

    if (httpCode == 401 && !attempt->reauthenticated && m_credentials) {
        // The credentials were rejected: let the provider drop its cache (re-run the exec plugin) and
        // try once more if that can help, as the transport does.
        attempt->reauthenticated = true;
        QPointer<transport::CredentialProvider> provider = m_credentials;
        QMetaObject::invokeMethod(
            provider.data(),
            [provider, self, attempt, qtMessage] {
                const bool retry = provider && provider->invalidate();
                if (self) {
                    QMetaObject::invokeMethod(
                        self.data(),
                        [self, attempt, retry, qtMessage] {
                            if (retry) {
                                self->start(attempt);
                            } else {
                                self->onRefused(attempt, 401, qtMessage);
                            }
                        },
                        Qt::QueuedConnection);
                }
            },
            Qt::QueuedConnection);
        return;
    }

    const ApiError synthesized = ApiError::fromStatus(ApiStatus::fromHttpResponse(httpCode, {}, {}));
    QPointer<transport::ClusterTransport> transport = m_statusTransport;
    if (!transport || httpCode < 400) {
        finish(attempt, {nullptr, {}, synthesized});
        return;
    }
    transport::ApiRequestSpec spec;
    spec.path = attempt->request.path;
    spec.query = attempt->request.query;
    spec.retryable = false;
    spec.priority = transport::Priority::Interactive;
    QMetaObject::invokeMethod(
        transport.data(),
        [transport, self, attempt, spec, httpCode, synthesized] {
            if (!transport) {
                return;
            }
            transport->send(spec, transport.data(),
                            [self, attempt, httpCode, synthesized](const transport::ApiResult& result) {
                                // The probe's answer stands for the upgrade's only when the server
                                // refused both the same way.
                                ApiError error = synthesized;
                                if (result.error && result.error->kind() == ApiError::Kind::Status &&
                                    result.error->httpStatus() == httpCode) {
                                    error = *result.error;
                                }
                                if (self) {
                                    QMetaObject::invokeMethod(
                                        self.data(),
                                        [self, attempt, error] {
                                            self->finish(attempt, {nullptr, {}, error});
                                        },
                                        Qt::QueuedConnection);
                                }
                            });
        },
        Qt::QueuedConnection);
}

void WebSocketConnector::finish(const std::shared_ptr<Attempt>& attempt, WebSocketConnection connection) {
    if (attempt->finished) {
        return;
    }
    attempt->finished = true;
    if (attempt->socket) {
        delete attempt->timer;
        attempt->timer = nullptr;
        attempt->socket->disconnect(this);
        if (connection.socket == attempt->socket) {
            connection.socket->setParent(nullptr);
        } else {
            attempt->socket->abort();
            attempt->socket->deleteLater();
        }
        attempt->socket = nullptr;
    }
    if (connection.error) {
        qCInfo(lcStreaming).noquote()
            << "upgrade of" << attempt->request.path << "failed:" << connection.error->message();
    }
    if (attempt->hasContext && !attempt->context) {
        delete connection.socket;
        return;
    }
    attempt->done(std::move(connection));
}

} // namespace binnacle::streaming
