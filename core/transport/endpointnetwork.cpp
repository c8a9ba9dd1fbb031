#include "endpointnetwork.h"

#include <QSslCertificate>

namespace binnacle::transport {

QSslConfiguration sslConfigurationFor(const ClusterEndpoint& endpoint, QString* error) {
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!endpoint.caPem.isEmpty()) {
        const QList<QSslCertificate> authorities = QSslCertificate::fromData(endpoint.caPem, QSsl::Pem);
        if (authorities.isEmpty()) {
            *error = QStringLiteral("The cluster's certificate-authority data holds no PEM certificate");
        }
        configuration.setCaCertificates(authorities);
    }
    if (endpoint.insecureSkipTlsVerify) {
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    return configuration;
}

QNetworkProxy proxyFor(const QUrl& url, QString* error) {
    if (url.isEmpty()) {
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    }
    const QString scheme = url.scheme().toLower();
    QNetworkProxy::ProxyType type = QNetworkProxy::HttpProxy;
    if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h")) {
        type = QNetworkProxy::Socks5Proxy;
    } else if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        *error =
            QStringLiteral("Unsupported proxy-url scheme \"%1\" (use http, https or socks5)").arg(scheme);
        return QNetworkProxy(QNetworkProxy::NoProxy);
    }
    const int defaultPort =
        type == QNetworkProxy::Socks5Proxy ? 1080 : (scheme == QLatin1String("https") ? 443 : 80);
    return QNetworkProxy(type, url.host(), quint16(url.port(defaultPort)), url.userName(), url.password());
}

} // namespace binnacle::transport
