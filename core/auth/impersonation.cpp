#include "impersonation.h"

namespace binnacle::auth {

namespace {

// RFC 7230 token characters, the bytes a header name may hold.
bool isTokenByte(char byte) {
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9')) {
        return true;
    }
    return QByteArrayView("!#$&'*+-.^_`|~").contains(byte);
}

} // namespace

QByteArray escapeHeaderKey(const QString& key) {
    // '%' is escaped too, so that the server's unescaping gets back exactly the key.
    const QByteArray utf8 = key.toUtf8();
    QByteArray escaped;
    for (const char byte : utf8) {
        if (isTokenByte(byte)) {
            escaped.append(byte);
        } else {
            escaped.append('%').append(QByteArray::number(uchar(byte), 16).toUpper().rightJustified(2, '0'));
        }
    }
    return escaped;
}

bool hasImpersonation(const config::AuthInfo& user) {
    return !user.impersonate.isEmpty() || !user.impersonateUid.isEmpty() ||
           !user.impersonateGroups.isEmpty() || !user.impersonateExtra.isEmpty();
}

HeaderList impersonationHeaders(const config::AuthInfo& user) {
    HeaderList headers;
    if (!user.impersonate.isEmpty()) {
        headers.append({"Impersonate-User", user.impersonate.toUtf8()});
    }
    if (!user.impersonateUid.isEmpty()) {
        headers.append({"Impersonate-Uid", user.impersonateUid.toUtf8()});
    }
    for (const QString& group : user.impersonateGroups) {
        headers.append({"Impersonate-Group", group.toUtf8()});
    }
    for (auto extra = user.impersonateExtra.cbegin(); extra != user.impersonateExtra.cend(); ++extra) {
        const QByteArray name = "Impersonate-Extra-" + escapeHeaderKey(extra.key());
        for (const QString& value : extra.value()) {
            headers.append({name, value.toUtf8()});
        }
    }
    return headers;
}

ImpersonatingCredentialProvider::ImpersonatingCredentialProvider(transport::CredentialProvider* inner,
                                                                 HeaderList headers, QObject* parent)
    : CredentialProvider(parent)
    , m_inner(inner)
    , m_headers(std::move(headers)) {
    m_inner->setParent(this);
}

void ImpersonatingCredentialProvider::requestCredentials(Callback done) {
    m_inner->requestCredentials([headers = m_headers, done = std::move(done)](
                                    const transport::Credentials& credentials,
                                    const std::optional<transport::CredentialError>& error) {
        transport::Credentials withImpersonation = credentials;
        if (!error) {
            withImpersonation.headers.append(headers);
        }
        done(withImpersonation, error);
    });
}

bool ImpersonatingCredentialProvider::invalidate() {
    return m_inner->invalidate();
}

} // namespace binnacle::auth
