#pragma once

#include "clientcertificate.h"
#include "credentialprovider.h"
#include "tokenfile.h"

#include <optional>

namespace binnacle::auth {

// Credentials written in the kubeconfig itself: a bearer token (inline or from a token file),
// basic auth, a client certificate — or none at all (anonymous). Nothing to run, so everything is
// delivered at once.
class StaticCredentialProvider : public transport::CredentialProvider {
    Q_OBJECT
public:
    struct Settings {
        QString token;
        QString tokenFile; // a token read from it wins over `token`
        QString username;
        QString password;
        std::optional<ClientCertificate> clientCertificate;
    };

    explicit StaticCredentialProvider(Settings settings, QObject* parent = nullptr);

    void requestCredentials(Callback done) override;
    // Only a token file can change: re-read it on the next request.
    bool invalidate() override;

private:
    Settings m_settings;
    std::optional<TokenFile> m_tokenFile;
};

} // namespace binnacle::auth
