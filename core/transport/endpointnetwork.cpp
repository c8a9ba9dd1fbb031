#include "endpointnetwork.h"

#include <QHostAddress>
#include <QSslCertificate>
#include <algorithm>

namespace binnacle::transport {

namespace {

bool dnsNameMatches(QString pattern, const QString& name) {
    pattern = pattern.toLower();
    if (pattern.endsWith(QLatin1Char('.'))) {
        pattern.chop(1);
    }
    if (!pattern.startsWith(QLatin1String("*."))) {
        return pattern == name;
    }
    // A wildcard covers one whole leftmost label, never more, and never a bare public suffix like "*.com".
    const qsizetype firstDot = name.indexOf(QLatin1Char('.'));
    return firstDot > 0 && pattern.count(QLatin1Char('.')) >= 2 && name.mid(firstDot) == pattern.mid(1);
}

} // namespace

bool certificateMatchesName(const QSslCertificate& certificate, const QString& name) {
    if (certificate.isNull() || name.isEmpty()) {
        return false;
    }
    const auto alternatives = certificate.subjectAlternativeNames();
    const QHostAddress address(name);
    if (!address.isNull()) {
        const QList<QString> ips = alternatives.values(QSsl::IpAddressEntry);
        return std::any_of(ips.begin(), ips.end(),
                           [&address](const QString& ip) { return QHostAddress(ip) == address; });
    }
    QString host = name.toLower();
    if (host.endsWith(QLatin1Char('.'))) {
        host.chop(1);
    }
    const QList<QString> dnsNames = alternatives.values(QSsl::DnsEntry);
    if (!dnsNames.isEmpty()) {
        return std::any_of(dnsNames.begin(), dnsNames.end(),
                           [&host](const QString& pattern) { return dnsNameMatches(pattern, host); });
    }
    const QStringList commonNames = certificate.subjectInfo(QSslCertificate::CommonName);
    return std::any_of(commonNames.begin(), commonNames.end(),
                       [&host](const QString& pattern) { return dnsNameMatches(pattern, host); });
}

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
