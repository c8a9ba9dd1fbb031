#include "clientcertificate.h"

#include <QFile>
#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace binnacle::auth {

namespace {

struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
    void operator()(X509* certificate) const { X509_free(certificate); }
};
struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

std::unique_ptr<BIO, BioFree> memoryBio(const QByteArray& data) {
    return std::unique_ptr<BIO, BioFree>(BIO_new_mem_buf(data.constData(), int(data.size())));
}

// Never fails on a wrong passphrase prompt: an encrypted key has no passphrase here.
int noPassphrase(char*, int, int, void*) {
    return -1;
}

std::optional<QSsl::KeyAlgorithm> qtAlgorithm(const EVP_PKEY* key) {
    switch (EVP_PKEY_base_id(key)) {
    case EVP_PKEY_RSA:
        return QSsl::Rsa;
    case EVP_PKEY_EC:
        return QSsl::Ec;
    default:
        return std::nullopt;
    }
}

bool readPem(const QString& file, const QByteArray& data, QByteArray* pem, QString* error) {
    if (!data.isEmpty()) {
        *pem = data;
        return true;
    }
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(file, input.errorString());
        return false;
    }
    *pem = input.readAll();
    return true;
}

} // namespace

std::optional<ClientCertificate> parseClientCertificate(const QByteArray& certificatePem,
                                                        const QByteArray& keyPem, const QString& source,
                                                        QString* error) {
    ERR_clear_error();
    const auto certificateBio = memoryBio(certificatePem);
    const std::unique_ptr<X509, X509Free> certificate(
        PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr));
    if (!certificate) {
        *error = QStringLiteral("the client certificate of %1 is not a PEM certificate").arg(source);
        return std::nullopt;
    }
    if (keyPem.contains("ENCRYPTED")) {
        *error =
            QStringLiteral("the client key of %1 is encrypted; a passphrase-protected key is not supported")
                .arg(source);
        return std::nullopt;
    }
    const auto keyBio = memoryBio(keyPem);
    const std::unique_ptr<EVP_PKEY, PkeyFree> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassphrase, nullptr));
    ERR_clear_error();
    if (!key) {
        *error = QStringLiteral("the client key of %1 is not a PEM private key").arg(source);
        return std::nullopt;
    }
    const std::optional<QSsl::KeyAlgorithm> algorithm = qtAlgorithm(key.get());
    if (!algorithm) {
        *error = QStringLiteral("the client key of %1 is neither RSA nor EC").arg(source);
        return std::nullopt;
    }
    if (X509_check_private_key(certificate.get(), key.get()) != 1) {
        ERR_clear_error();
        *error = QStringLiteral("the client key of %1 does not match its certificate").arg(source);
        return std::nullopt;
    }

    ClientCertificate result;
    result.certificate = QSslCertificate(certificatePem, QSsl::Pem);
    result.key = QSslKey(keyPem, *algorithm, QSsl::Pem, QSsl::PrivateKey);
    if (result.certificate.isNull() || result.key.isNull()) {
        *error = QStringLiteral("Qt's TLS backend could not load the client certificate of %1").arg(source);
        return std::nullopt;
    }
    return result;
}

std::optional<ClientCertificate> loadClientCertificate(const QString& certificateFile,
                                                       const QByteArray& certificateData,
                                                       const QString& keyFile, const QByteArray& keyData,
                                                       QString* error) {
    QByteArray certificatePem;
    QByteArray keyPem;
    if (!readPem(certificateFile, certificateData, &certificatePem, error) ||
        !readPem(keyFile, keyData, &keyPem, error)) {
        return std::nullopt;
    }
    const QString source =
        certificateData.isEmpty() ? certificateFile : QStringLiteral("the kubeconfig user");
    return parseClientCertificate(certificatePem, keyPem, source, error);
}

} // namespace binnacle::auth
