#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <optional>

namespace binnacle::auth {

struct ClientCertificate {
    QSslCertificate certificate;
    QSslKey key;
};

// A client certificate and its private key from PEM (the first certificate of a chain is the
// leaf). RSA and EC keys, PKCS#1/SEC1 or PKCS#8, are recognised from the key itself; a key that
// does not belong to the certificate, an encrypted key or unreadable PEM is an error. `source`
// names where the PEM came from, for the message.
std::optional<ClientCertificate> parseClientCertificate(const QByteArray& certificatePem,
                                                        const QByteArray& keyPem, const QString& source,
                                                        QString* error);

// The same from a kubeconfig user's fields: the *Data fields win over the files.
std::optional<ClientCertificate> loadClientCertificate(const QString& certificateFile,
                                                       const QByteArray& certificateData,
                                                       const QString& keyFile, const QByteArray& keyData,
                                                       QString* error);

} // namespace binnacle::auth
