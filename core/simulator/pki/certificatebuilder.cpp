#include "certificatebuilder.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace binnacle::sim::pki {

Q_LOGGING_CATEGORY(lcPki, "binnacle.sim.pki")

namespace {

using BignumPointer = std::unique_ptr<BIGNUM, OpenSslFree<&BN_free>>;
using BioPointer = std::unique_ptr<BIO, OpenSslFree<&BIO_free>>;
using ExtensionPointer = std::unique_ptr<X509_EXTENSION, OpenSslFree<&X509_EXTENSION_free>>;

constexpr long secondsPerHour = 3600;
constexpr long validityBackdate = secondsPerHour; // tolerate clocks running a little behind
constexpr long validityPeriod = 365L * 24 * secondsPerHour;
constexpr int serialBits = 128;

bool setRandomSerial(X509* certificate) {
    BignumPointer serial(BN_new());
    if (!serial) {
        return false;
    }
    // A zero serial is not allowed (RFC 5280 §4.1.2.2); the odds are nil, the loop is cheap.
    do {
        if (BN_rand(serial.get(), serialBits, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) {
            return false;
        }
    } while (BN_is_zero(serial.get()));
    return BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) != nullptr;
}

bool addNameEntry(X509_NAME* name, const char* field, const QString& value) {
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(utf8.constData()),
                                      int(utf8.size()), -1, 0) == 1;
}

bool addExtension(X509V3_CTX* context, X509* certificate, int nid, const QString& value) {
    const QByteArray text = value.toLatin1();
    ExtensionPointer extension(X509V3_EXT_nconf_nid(nullptr, context, nid, text.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

QString keyUsageFor(const CertificateProfile& profile, EVP_PKEY* subjectKey) {
    if (profile.certificateAuthority) {
        return QStringLiteral("critical,keyCertSign,cRLSign,digitalSignature");
    }
    // RSA key exchange encrypts with the certificate key; ECDSA keys only ever sign.
    if (EVP_PKEY_is_a(subjectKey, "RSA")) {
        return QStringLiteral("critical,digitalSignature,keyEncipherment");
    }
    return QStringLiteral("critical,digitalSignature");
}

bool addExtensions(const CertificateProfile& profile, X509* certificate, X509* issuer, EVP_PKEY* subjectKey) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer ? issuer : certificate, certificate, nullptr, nullptr, 0);

    bool ok = addExtension(&context, certificate, NID_basic_constraints,
                           profile.certificateAuthority ? QStringLiteral("critical,CA:TRUE")
                                                        : QStringLiteral("critical,CA:FALSE"));
    ok = ok && addExtension(&context, certificate, NID_key_usage, keyUsageFor(profile, subjectKey));
    ok = ok && addExtension(&context, certificate, NID_subject_key_identifier, QStringLiteral("hash"));
    if (issuer) {
        ok = ok && addExtension(&context, certificate, NID_authority_key_identifier,
                                QStringLiteral("keyid:always"));
    }
    if (!profile.extendedKeyUsage.isEmpty()) {
        ok = ok && addExtension(&context, certificate, NID_ext_key_usage, profile.extendedKeyUsage);
    }
    if (!profile.subjectAltName.isEmpty()) {
        ok = ok && addExtension(&context, certificate, NID_subject_alt_name, profile.subjectAltName);
    }
    return ok;
}

QByteArray readAll(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return length > 0 ? QByteArray(data, qsizetype(length)) : QByteArray();
}

} // namespace

KeyPointer generateKey(KeyAlgorithm algorithm) {
    switch (algorithm) {
    case KeyAlgorithm::EcP256:
        return KeyPointer(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    case KeyAlgorithm::Rsa2048:
        return KeyPointer(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048)));
    }
    return nullptr;
}

CertificatePointer buildCertificate(const CertificateProfile& profile, EVP_PKEY* subjectKey, X509* issuer,
                                    EVP_PKEY* issuerKey) {
    CertificatePointer certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1 ||
        !setRandomSerial(certificate.get())) {
        return nullptr;
    }
    if (!X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -validityBackdate) ||
        !X509_gmtime_adj(X509_getm_notAfter(certificate.get()), validityPeriod)) {
        return nullptr;
    }

    X509_NAME* subject = X509_get_subject_name(certificate.get());
    for (const QString& organization : profile.organizations) {
        if (!addNameEntry(subject, "O", organization)) {
            return nullptr;
        }
    }
    if (!addNameEntry(subject, "CN", profile.commonName)) {
        return nullptr;
    }
    X509_NAME* issuerName = issuer ? X509_get_subject_name(issuer) : subject;
    if (X509_set_issuer_name(certificate.get(), issuerName) != 1 ||
        X509_set_pubkey(certificate.get(), subjectKey) != 1) {
        return nullptr;
    }
    if (!addExtensions(profile, certificate.get(), issuer, subjectKey)) {
        return nullptr;
    }
    if (X509_sign(certificate.get(), issuerKey, EVP_sha256()) <= 0) {
        return nullptr;
    }
    return certificate;
}

QByteArray certificateToPem(X509* certificate) {
    BioPointer bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1) {
        return {};
    }
    return readAll(bio.get());
}

QByteArray privateKeyToPem(EVP_PKEY* key) {
    BioPointer bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        return {};
    }
    return readAll(bio.get());
}

QString takeOpenSslErrors() {
    QStringList messages;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        messages << QString::fromLatin1(buffer);
    }
    return messages.isEmpty() ? QStringLiteral("unknown OpenSSL error") : messages.join(QStringLiteral("; "));
}

} // namespace binnacle::sim::pki
