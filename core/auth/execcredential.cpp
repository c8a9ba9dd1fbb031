#include "execcredential.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace binnacle::auth {

namespace {

// RFC 3339 as Go writes it; Qt's ISO parser stops at milliseconds, so longer fractions are cut.
QDateTime parseTimestamp(const QString& text) {
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        static const QRegularExpression longFraction(QStringLiteral("(\\.\\d{3})\\d+"));
        parsed = QDateTime::fromString(QString(text).replace(longFraction, QStringLiteral("\\1")),
                                       Qt::ISODateWithMs);
    }
    return parsed.toUTC();
}

} // namespace

bool isSupportedExecApiVersion(const QString& apiVersion) {
    return apiVersion == kExecApiV1 || apiVersion == kExecApiV1beta1;
}

std::optional<QByteArray> buildExecInfo(const config::ExecConfig& exec, const config::ClusterInfo& cluster,
                                        QString* error) {
    QJsonObject spec{{QStringLiteral("interactive"), false}};
    if (exec.provideClusterInfo) {
        QByteArray caPem = cluster.certificateAuthorityData;
        if (caPem.isEmpty() && !cluster.certificateAuthorityFile.isEmpty()) {
            QFile caFile(cluster.certificateAuthorityFile);
            if (!caFile.open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("cannot read certificate authority %1 for the exec plugin: %2")
                             .arg(cluster.certificateAuthorityFile, caFile.errorString());
                return std::nullopt;
            }
            caPem = caFile.readAll();
        }
        // Empty optional fields are left out, as Go's omitempty does.
        QJsonObject clusterInfo{{QStringLiteral("server"), cluster.server},
                                {QStringLiteral("insecure-skip-tls-verify"), cluster.insecureSkipTlsVerify}};
        if (!caPem.isEmpty()) {
            clusterInfo.insert(QStringLiteral("certificate-authority-data"),
                               QString::fromLatin1(caPem.toBase64()));
        }
        if (!cluster.tlsServerName.isEmpty()) {
            clusterInfo.insert(QStringLiteral("tls-server-name"), cluster.tlsServerName);
        }
        if (!cluster.proxyUrl.isEmpty()) {
            clusterInfo.insert(QStringLiteral("proxy-url"), cluster.proxyUrl);
        }
        if (!cluster.execExtension.isEmpty()) {
            clusterInfo.insert(QStringLiteral("config"), cluster.execExtension);
        }
        spec.insert(QStringLiteral("cluster"), clusterInfo);
    }
    const QJsonObject info{{QStringLiteral("apiVersion"), exec.apiVersion},
                           {QStringLiteral("kind"), QStringLiteral("ExecCredential")},
                           {QStringLiteral("spec"), spec}};
    return QJsonDocument(info).toJson(QJsonDocument::Compact);
}

std::optional<ExecCredentialStatus> parseExecCredential(const QByteArray& output, const QString& apiVersion,
                                                        QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(output, &parseError);
    if (!document.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
                     ? QStringLiteral("its output is not JSON (%1)").arg(parseError.errorString())
                     : QStringLiteral("its output is not a JSON object");
        return std::nullopt;
    }
    const QJsonObject credential = document.object();
    const QString returnedVersion = credential.value(QLatin1String("apiVersion")).toString();
    if (returnedVersion != apiVersion) {
        *error = QStringLiteral("it is configured for %1 but returned apiVersion \"%2\"")
                     .arg(apiVersion, returnedVersion);
        return std::nullopt;
    }
    if (credential.value(QLatin1String("kind")).toString() != QLatin1String("ExecCredential")) {
        *error = QStringLiteral("it returned kind \"%1\", not ExecCredential")
                     .arg(credential.value(QLatin1String("kind")).toString());
        return std::nullopt;
    }
    const QJsonValue statusValue = credential.value(QLatin1String("status"));
    if (!statusValue.isObject()) {
        *error = QStringLiteral("it returned no status");
        return std::nullopt;
    }
    const QJsonObject status = statusValue.toObject();
    ExecCredentialStatus result;
    result.token = status.value(QLatin1String("token")).toString();
    result.clientCertificatePem = status.value(QLatin1String("clientCertificateData")).toString().toUtf8();
    result.clientKeyPem = status.value(QLatin1String("clientKeyData")).toString().toUtf8();
    if (result.clientCertificatePem.isEmpty() != result.clientKeyPem.isEmpty()) {
        *error = QStringLiteral("it returned a client certificate or key without the other");
        return std::nullopt;
    }
    if (result.token.isEmpty() && result.clientCertificatePem.isEmpty()) {
        *error = QStringLiteral("it returned neither a token nor a client certificate and key");
        return std::nullopt;
    }
    const QString expiration = status.value(QLatin1String("expirationTimestamp")).toString();
    if (!expiration.isEmpty()) {
        result.expiration = parseTimestamp(expiration);
        if (!result.expiration.isValid()) {
            *error = QStringLiteral("its expirationTimestamp \"%1\" is not an RFC 3339 time").arg(expiration);
            return std::nullopt;
        }
    }
    return result;
}

} // namespace binnacle::auth
