#include "certificateauthority.h"

#include "certificatebuilder.h"

#include <QHostAddress>

namespace binnacle::sim {

using pki::lcPki;

void CertificateAuthority::CertificateDeleter::operator()(x509_st* certificate) const {
    X509_free(certificate);
}

void CertificateAuthority::KeyDeleter::operator()(evp_pkey_st* key) const {
    EVP_PKEY_free(key);
}

namespace {

// Signs a fresh key for the profile with the authority's key; empty on any failure.
IssuedCertificate issue(const pki::CertificateProfile& profile, KeyAlgorithm algorithm, X509* issuer,
                        EVP_PKEY* issuerKey) {
    const pki::KeyPointer key = pki::generateKey(algorithm);
    if (!key) {
        qCWarning(lcPki) << "key generation failed:" << pki::takeOpenSslErrors();
        return {};
    }
    const pki::CertificatePointer certificate = pki::buildCertificate(profile, key.get(), issuer, issuerKey);
    if (!certificate) {
        qCWarning(lcPki) << "signing a certificate for" << profile.commonName
                         << "failed:" << pki::takeOpenSslErrors();
        return {};
    }
    IssuedCertificate issued{pki::certificateToPem(certificate.get()), pki::privateKeyToPem(key.get())};
    if (issued.isNull()) {
        qCWarning(lcPki) << "PEM encoding failed:" << pki::takeOpenSslErrors();
    }
    return issued;
}

// A name that could break out of OpenSSL's "DNS:a,DNS:b" list syntax is refused, not escaped.
bool isUsableDnsName(const QString& name) {
    return !name.isEmpty() && !name.contains(QLatin1Char(',')) && !name.contains(QLatin1Char(' ')) &&
           !name.contains(QLatin1Char(':'));
}

} // namespace

CertificateAuthority CertificateAuthority::create(const QString& commonName, KeyAlgorithm algorithm) {
    CertificateAuthority authority;
    pki::KeyPointer key = pki::generateKey(algorithm);
    if (!key) {
        qCWarning(lcPki) << "CA key generation failed:" << pki::takeOpenSslErrors();
        return authority;
    }
    pki::CertificateProfile profile;
    profile.commonName = commonName;
    profile.certificateAuthority = true;
    pki::CertificatePointer certificate = pki::buildCertificate(profile, key.get(), nullptr, key.get());
    if (!certificate) {
        qCWarning(lcPki) << "CA certificate creation failed:" << pki::takeOpenSslErrors();
        return authority;
    }
    authority.m_certificate.reset(certificate.release());
    authority.m_key.reset(key.release());
    return authority;
}

CertificateAuthority::CertificateAuthority(const CertificateAuthority& other) {
    // The OpenSSL objects are never modified after creation, so copies share them by reference count.
    if (other.m_certificate && X509_up_ref(other.m_certificate.get()) == 1) {
        m_certificate.reset(other.m_certificate.get());
    }
    if (other.m_key && EVP_PKEY_up_ref(other.m_key.get()) == 1) {
        m_key.reset(other.m_key.get());
    }
}

CertificateAuthority& CertificateAuthority::operator=(const CertificateAuthority& other) {
    if (this != &other) {
        CertificateAuthority copy(other);
        *this = std::move(copy);
    }
    return *this;
}

CertificateAuthority::CertificateAuthority(CertificateAuthority&& other) noexcept = default;
CertificateAuthority& CertificateAuthority::operator=(CertificateAuthority&& other) noexcept = default;
CertificateAuthority::~CertificateAuthority() = default;

IssuedCertificate CertificateAuthority::issueServerCertificate(const QStringList& dnsNames,
                                                               const QStringList& ipAddresses,
                                                               KeyAlgorithm algorithm) const {
    if (isNull()) {
        qCWarning(lcPki) << "cannot issue a serving certificate from a null authority";
        return {};
    }
    QStringList alternativeNames;
    for (const QString& name : dnsNames) {
        if (!isUsableDnsName(name)) {
            qCWarning(lcPki) << "refusing DNS name" << name << "for a serving certificate";
            return {};
        }
        alternativeNames << QStringLiteral("DNS:") + name;
    }
    QStringList normalizedAddresses;
    for (const QString& text : ipAddresses) {
        const QHostAddress address(text);
        if (address.isNull()) {
            qCWarning(lcPki) << "refusing IP address" << text << "for a serving certificate";
            return {};
        }
        normalizedAddresses << address.toString();
        alternativeNames << QStringLiteral("IP:") + address.toString();
    }
    if (alternativeNames.isEmpty()) {
        qCWarning(lcPki) << "a serving certificate needs at least one DNS name or IP address";
        return {};
    }

    pki::CertificateProfile profile;
    profile.commonName = dnsNames.isEmpty() ? normalizedAddresses.first() : dnsNames.first();
    profile.extendedKeyUsage = QStringLiteral("serverAuth");
    profile.subjectAltName = alternativeNames.join(QLatin1Char(','));
    return issue(profile, algorithm, m_certificate.get(), m_key.get());
}

IssuedCertificate CertificateAuthority::issueClientCertificate(const QString& userName,
                                                               const QStringList& groups,
                                                               KeyAlgorithm algorithm) const {
    if (isNull()) {
        qCWarning(lcPki) << "cannot issue a client certificate from a null authority";
        return {};
    }
    if (userName.isEmpty()) {
        qCWarning(lcPki) << "a client certificate needs a user name";
        return {};
    }
    pki::CertificateProfile profile;
    profile.commonName = userName;
    profile.organizations = groups;
    profile.extendedKeyUsage = QStringLiteral("clientAuth");
    return issue(profile, algorithm, m_certificate.get(), m_key.get());
}

QByteArray CertificateAuthority::certificatePem() const {
    return m_certificate ? pki::certificateToPem(m_certificate.get()) : QByteArray();
}

QByteArray CertificateAuthority::privateKeyPem() const {
    return m_key ? pki::privateKeyToPem(m_key.get()) : QByteArray();
}

} // namespace binnacle::sim
