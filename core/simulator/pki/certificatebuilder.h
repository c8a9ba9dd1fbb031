#pragma once

#include "certificateauthority.h"

#include <QByteArray>
#include <QLoggingCategory>
#include <QString>
#include <QStringList>
#include <memory>
#include <openssl/evp.h>
#include <openssl/x509.h>

// Internal to binnacle_sim_pki: OpenSSL 3 building blocks (EVP and X509 APIs only) behind
// RAII handles.
namespace binnacle::sim::pki {

Q_DECLARE_LOGGING_CATEGORY(lcPki)

template <auto FreeFunction> struct OpenSslFree {
    template <typename T> void operator()(T* pointer) const { FreeFunction(pointer); }
};

using KeyPointer = std::unique_ptr<EVP_PKEY, OpenSslFree<&EVP_PKEY_free>>;
using CertificatePointer = std::unique_ptr<X509, OpenSslFree<&X509_free>>;

// What goes into one certificate besides its key.
struct CertificateProfile {
    QString commonName;
    QStringList organizations;
    bool certificateAuthority = false;
    QString extendedKeyUsage; // "serverAuth", "clientAuth", or empty
    QString subjectAltName;   // OpenSSL syntax: "DNS:a,IP:127.0.0.1", or empty
};

KeyPointer generateKey(KeyAlgorithm algorithm);

// Builds and signs a certificate for subjectKey. Without an issuer it is self-signed.
CertificatePointer buildCertificate(const CertificateProfile& profile, EVP_PKEY* subjectKey, X509* issuer,
                                    EVP_PKEY* issuerKey);

QByteArray certificateToPem(X509* certificate);
QByteArray privateKeyToPem(EVP_PKEY* key);

// Drains OpenSSL's error queue into one line, for the log.
QString takeOpenSslErrors();

} // namespace binnacle::sim::pki
