#pragma once

#include "credentialprovider.h"
#include "kubeconfigtypes.h"

namespace binnacle::auth {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The Impersonate-* headers for a kubeconfig user's `as`, `as-uid`, `as-groups` and
// `as-user-extra`: one Impersonate-Group per group and one Impersonate-Extra-<key> per value, the
// key percent-encoded where it holds bytes a header name cannot (as client-go does).
HeaderList impersonationHeaders(const config::AuthInfo& user);
bool hasImpersonation(const config::AuthInfo& user);
QByteArray escapeHeaderKey(const QString& key);

// Adds the impersonation headers to whatever the wrapped provider delivers. Takes ownership of it.
class ImpersonatingCredentialProvider : public transport::CredentialProvider {
    Q_OBJECT
public:
    ImpersonatingCredentialProvider(transport::CredentialProvider* inner, HeaderList headers,
                                    QObject* parent = nullptr);

    void requestCredentials(Callback done) override;
    bool invalidate() override;
    transport::CredentialProvider* inner() const { return m_inner; }

private:
    transport::CredentialProvider* m_inner;
    HeaderList m_headers;
};

} // namespace binnacle::auth
