#pragma once

#include "credentialprovider.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace binnacle::auth::test {

// What one requestCredentials() call delivered, filled in by its callback.
struct Delivery {
    bool delivered = false;
    transport::Credentials credentials;
    std::optional<transport::CredentialError> error;
};

std::shared_ptr<Delivery> request(transport::CredentialProvider* provider);

// The first value of a header, or a null QByteArray.
QByteArray headerValue(const transport::Credentials& credentials, const QByteArray& name);
QList<QByteArray> headerValues(const transport::Credentials& credentials, const QByteArray& name);

// Writes an executable bash script `name` with `body` into `directory`; returns its path.
QString writeScript(const QString& directory, const QString& name, const QByteArray& body);
bool writeFile(const QString& path, const QByteArray& contents);
QByteArray readFile(const QString& path);

// The stdout of an ExecCredential with a token (and an expiry when given).
QByteArray execCredentialJson(const QString& apiVersion, const QString& token,
                              const QString& expiration = {});

// Runs the openssl CLI; false when it is missing or fails.
bool runOpenssl(const QStringList& arguments, const QString& workingDirectory);
// Makes a self-signed client certificate and key (RSA or EC) as cert.pem / key.pem in `directory`.
bool makeCertificate(const QString& directory, const QString& prefix, bool ec);

} // namespace binnacle::auth::test
