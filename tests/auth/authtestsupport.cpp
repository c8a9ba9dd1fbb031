#include "authtestsupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

namespace binnacle::auth::test {

std::shared_ptr<Delivery> request(transport::CredentialProvider* provider) {
    auto delivery = std::make_shared<Delivery>();
    provider->requestCredentials([delivery](const transport::Credentials& credentials,
                                            const std::optional<transport::CredentialError>& error) {
        delivery->delivered = true;
        delivery->credentials = credentials;
        delivery->error = error;
    });
    return delivery;
}

QList<QByteArray> headerValues(const transport::Credentials& credentials, const QByteArray& name) {
    QList<QByteArray> values;
    for (const auto& [headerName, value] : credentials.headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0) {
            values.append(value);
        }
    }
    return values;
}

QByteArray headerValue(const transport::Credentials& credentials, const QByteArray& name) {
    const QList<QByteArray> values = headerValues(credentials, name);
    return values.isEmpty() ? QByteArray() : values.first();
}

bool writeFile(const QString& path, const QByteArray& contents) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) == contents.size();
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString writeScript(const QString& directory, const QString& name, const QByteArray& body) {
    const QString path = directory + QLatin1Char('/') + name;
    if (!writeFile(path, "#!/bin/bash\n" + body + '\n')) {
        return {};
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

QByteArray execCredentialJson(const QString& apiVersion, const QString& token, const QString& expiration) {
    QJsonObject status{{QStringLiteral("token"), token}};
    if (!expiration.isEmpty()) {
        status.insert(QStringLiteral("expirationTimestamp"), expiration);
    }
    const QJsonObject credential{{QStringLiteral("apiVersion"), apiVersion},
                                 {QStringLiteral("kind"), QStringLiteral("ExecCredential")},
                                 {QStringLiteral("status"), status}};
    return QJsonDocument(credential).toJson(QJsonDocument::Compact);
}

bool runOpenssl(const QStringList& arguments, const QString& workingDirectory) {
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        return false;
    }
    QProcess openssl;
    openssl.setWorkingDirectory(workingDirectory);
    openssl.start(QStringLiteral("openssl"), arguments);
    return openssl.waitForFinished(30000) && openssl.exitStatus() == QProcess::NormalExit &&
           openssl.exitCode() == 0;
}

bool makeCertificate(const QString& directory, const QString& prefix, bool ec) {
    const QStringList keyType =
        ec ? QStringList{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1")}
           : QStringList{QStringLiteral("-newkey"), QStringLiteral("rsa:2048")};
    return runOpenssl(
        QStringList{QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-nodes")} + keyType +
            QStringList{QStringLiteral("-keyout"), prefix + QStringLiteral("key.pem"), QStringLiteral("-out"),
                        prefix + QStringLiteral("cert.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                        QStringLiteral("-subj"), QStringLiteral("/CN=jane/O=developers")},
        directory);
}

} // namespace binnacle::auth::test
