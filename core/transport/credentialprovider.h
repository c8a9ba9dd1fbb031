#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <functional>
#include <optional>

namespace binnacle::transport {

// What a request carries to prove who sends it: headers (Authorization, Impersonate-*) and,
// for mTLS, a client certificate and key.
struct Credentials {
    QList<QPair<QByteArray, QByteArray>> headers;
    QSslCertificate clientCertificate;
    QSslKey clientKey;
};

// Why credentials could not be had: a message for the banner, the detail one click away
// (an exec plugin's stderr and installHint). Never holds a secret.
struct CredentialError {
    QString message;
    QString detail;
};

// The seam between transport and auth: the transport asks for credentials before each request and
// tells the provider when the server answered 401. Implementations live in core/auth.
class CredentialProvider : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const Credentials&, const std::optional<CredentialError>&)>;
    using QObject::QObject;

    // Delivers credentials asynchronously on this object's thread (an exec plugin may have to run;
    // nothing blocks). Cached credentials are delivered at once.
    virtual void requestCredentials(Callback done) = 0;
    // The server rejected the last credentials: drop what is cached (re-run the plugin, re-read the
    // token file). Returns whether asking again can help (false for a static token).
    virtual bool invalidate() = 0;
};

} // namespace binnacle::transport
