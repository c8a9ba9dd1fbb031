#include "staticcredentialprovider.h"

#include "authlogging.h"

namespace binnacle::auth {

StaticCredentialProvider::StaticCredentialProvider(Settings settings, QObject* parent)
    : CredentialProvider(parent)
    , m_settings(std::move(settings)) {
    if (!m_settings.tokenFile.isEmpty()) {
        m_tokenFile.emplace(m_settings.tokenFile);
    }
}

void StaticCredentialProvider::requestCredentials(Callback done) {
    transport::Credentials credentials;
    QString token = m_settings.token;
    if (m_tokenFile) {
        QString error;
        const QString fileToken = m_tokenFile->token(&error);
        if (!fileToken.isEmpty()) {
            token = fileToken;
        } else if (token.isEmpty()) {
            done(transport::Credentials(), transport::CredentialError{error, {}});
            return;
        } else {
            // As client-go does: the inline token stands in while the file cannot be read.
            qCWarning(lcAuth) << "using the inline token:" << error;
        }
    }
    if (!token.isEmpty()) {
        credentials.headers.append({"Authorization", "Bearer " + token.toUtf8()});
    } else if (!m_settings.username.isEmpty()) {
        const QByteArray pair = m_settings.username.toUtf8() + ':' + m_settings.password.toUtf8();
        credentials.headers.append({"Authorization", "Basic " + pair.toBase64()});
    }
    if (m_settings.clientCertificate) {
        credentials.clientCertificate = m_settings.clientCertificate->certificate;
        credentials.clientKey = m_settings.clientCertificate->key;
    }
    done(credentials, std::nullopt);
}

bool StaticCredentialProvider::invalidate() {
    if (!m_tokenFile) {
        return false;
    }
    m_tokenFile->invalidate();
    return true;
}

} // namespace binnacle::auth
