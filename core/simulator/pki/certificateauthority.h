#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>

// OpenSSL's own struct names (X509, EVP_PKEY), so that this header does not pull in OpenSSL.
struct x509_st;
struct evp_pkey_st;

namespace binnacle::sim {

struct IssuedCertificate {
    QByteArray certificatePem; // "-----BEGIN CERTIFICATE-----"
    QByteArray privateKeyPem;  // unencrypted PKCS#8, "-----BEGIN PRIVATE KEY-----"

    // Empty when issuing failed (the reason is logged under binnacle.sim.pki).
    bool isNull() const { return certificatePem.isEmpty() || privateKeyPem.isEmpty(); }
};

enum class KeyAlgorithm { EcP256, Rsa2048 };

// The simulator's own certificate authority, generated at start: it signs the TLS serving
// certificate and the client certificates whose subject kube-apiserver reads as user (CN) and
// groups (O). Certificates are valid from one hour ago (clock skew) to one year ahead, carry random
// 128-bit serials and SHA-256 signatures.
//
// Copies share the same immutable OpenSSL objects (reference-counted); a moved-from authority is null.
class CertificateAuthority {
public:
    // A self-signed CA: basicConstraints CA:TRUE, keyUsage keyCertSign. Null on failure.
    static CertificateAuthority create(const QString& commonName,
                                       KeyAlgorithm algorithm = KeyAlgorithm::EcP256);

    CertificateAuthority(const CertificateAuthority& other);
    CertificateAuthority& operator=(const CertificateAuthority& other);
    CertificateAuthority(CertificateAuthority&& other) noexcept;
    CertificateAuthority& operator=(CertificateAuthority&& other) noexcept;
    ~CertificateAuthority();

    bool isNull() const { return !m_certificate || !m_key; }

    // A serving certificate: serverAuth, subjectAltName with each DNS name and IP address, CN the
    // first DNS name (or IP). Null when an IP address does not parse or a name is empty.
    IssuedCertificate issueServerCertificate(const QStringList& dnsNames, const QStringList& ipAddresses,
                                             KeyAlgorithm algorithm = KeyAlgorithm::EcP256) const;
    // A client certificate: clientAuth, subject CN=userName and one O= per group.
    IssuedCertificate issueClientCertificate(const QString& userName, const QStringList& groups,
                                             KeyAlgorithm algorithm = KeyAlgorithm::EcP256) const;

    QByteArray certificatePem() const;
    QByteArray privateKeyPem() const;

private:
    struct CertificateDeleter {
        void operator()(x509_st* certificate) const;
    };
    struct KeyDeleter {
        void operator()(evp_pkey_st* key) const;
    };

    CertificateAuthority() = default;

    std::unique_ptr<x509_st, CertificateDeleter> m_certificate;
    std::unique_ptr<evp_pkey_st, KeyDeleter> m_key;
};

} // namespace binnacle::sim
