// Client certificates and keys from files or data: RSA and EC, PKCS#8 and traditional PEM, keys that
// do not belong, unreadable input. Certificates are made with the openssl CLI (skipped without it).
#include "authtestsupport.h"
#include "clientcertificate.h"
#include "credentialproviderfactory.h"

#include <QTemporaryDir>
#include <QTest>

using namespace binnacle;
using namespace binnacle::auth::test;

class TestClientCertificate : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;

    QString path(const QString& name) const { return m_directory.filePath(name); }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        if (!makeCertificate(m_directory.path(), QStringLiteral("rsa-"), false) ||
            !makeCertificate(m_directory.path(), QStringLiteral("ec-"), true) ||
            !makeCertificate(m_directory.path(), QStringLiteral("other-"), false)) {
            QSKIP("the openssl CLI is needed to make test certificates");
        }
        // The traditional (PKCS#1 / SEC1) forms of the same keys.
        QVERIFY(runOpenssl({QStringLiteral("pkey"), QStringLiteral("-in"), QStringLiteral("rsa-key.pem"),
                            QStringLiteral("-traditional"), QStringLiteral("-out"),
                            QStringLiteral("rsa-key-traditional.pem")},
                           m_directory.path()));
        QVERIFY(runOpenssl({QStringLiteral("pkey"), QStringLiteral("-in"), QStringLiteral("ec-key.pem"),
                            QStringLiteral("-traditional"), QStringLiteral("-out"),
                            QStringLiteral("ec-key-traditional.pem")},
                           m_directory.path()));
        QVERIFY(readFile(path(QStringLiteral("rsa-key-traditional.pem"))).contains("BEGIN RSA PRIVATE KEY"));
        QVERIFY(readFile(path(QStringLiteral("ec-key-traditional.pem"))).contains("BEGIN EC PRIVATE KEY"));
    }

    void loads_data() {
        QTest::addColumn<QString>("certificateFile");
        QTest::addColumn<QString>("keyFile");
        QTest::addColumn<bool>("asData");
        QTest::addColumn<QSsl::KeyAlgorithm>("algorithm");
        for (const bool asData : {false, true}) {
            const char* how = asData ? "data" : "file";
            QTest::addRow("rsa pkcs8 %s", how) << "rsa-cert.pem"
                                               << "rsa-key.pem" << asData << QSsl::Rsa;
            QTest::addRow("rsa pkcs1 %s", how) << "rsa-cert.pem"
                                               << "rsa-key-traditional.pem" << asData << QSsl::Rsa;
            QTest::addRow("ec pkcs8 %s", how) << "ec-cert.pem"
                                              << "ec-key.pem" << asData << QSsl::Ec;
            QTest::addRow("ec sec1 %s", how) << "ec-cert.pem"
                                             << "ec-key-traditional.pem" << asData << QSsl::Ec;
        }
    }

    void loads() {
        QFETCH(QString, certificateFile);
        QFETCH(QString, keyFile);
        QFETCH(bool, asData);
        QFETCH(QSsl::KeyAlgorithm, algorithm);
        config::AuthInfo user;
        if (asData) {
            user.clientCertificateData = readFile(path(certificateFile));
            user.clientKeyData = readFile(path(keyFile));
        } else {
            user.clientCertificateFile = path(certificateFile);
            user.clientKeyFile = path(keyFile);
        }
        const auth::ProviderOrError made = auth::makeCredentialProvider(user, {}, this);
        QVERIFY2(made.provider, made.error ? qPrintable(made.error->message) : "");
        const auto delivery = request(made.provider);
        QVERIFY(delivery->delivered && !delivery->error);
        const transport::Credentials& credentials = delivery->credentials;
        QCOMPARE(credentials.clientCertificate.subjectInfo(QSslCertificate::CommonName), QStringList{"jane"});
        QVERIFY(!credentials.clientKey.isNull());
        QCOMPARE(credentials.clientKey.algorithm(), algorithm);
        QCOMPARE(credentials.clientKey.type(), QSsl::PrivateKey);
        QVERIFY(credentials.headers.isEmpty());
    }

    void refuses_data() {
        QTest::addColumn<QByteArray>("certificatePem");
        QTest::addColumn<QByteArray>("keyPem");
        QTest::addColumn<QString>("expectedMessage");
        const QByteArray rsaCertificate = readFile(path(QStringLiteral("rsa-cert.pem")));
        const QByteArray ecKey = readFile(path(QStringLiteral("ec-key.pem")));
        QTest::newRow("another rsa key") << rsaCertificate << readFile(path(QStringLiteral("other-key.pem")))
                                         << QStringLiteral("does not match its certificate");
        QTest::newRow("an ec key for an rsa certificate")
            << rsaCertificate << ecKey << QStringLiteral("does not match its certificate");
        QTest::newRow("garbage certificate")
            << QByteArray("not pem") << ecKey << QStringLiteral("is not a PEM certificate");
        QTest::newRow("garbage key") << rsaCertificate << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n")
                                     << QStringLiteral("is not a PEM private key");
        QTest::newRow("encrypted key")
            << rsaCertificate << QByteArray("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n")
            << QStringLiteral("encrypted");
    }

    void refuses() {
        QFETCH(QByteArray, certificatePem);
        QFETCH(QByteArray, keyPem);
        QFETCH(QString, expectedMessage);
        config::AuthInfo user;
        user.clientCertificateData = certificatePem;
        user.clientKeyData = keyPem;
        const auth::ProviderOrError made = auth::makeCredentialProvider(user, {}, this);
        QVERIFY(!made.provider);
        QVERIFY(made.error);
        QVERIFY2(made.error->message.contains(expectedMessage), qPrintable(made.error->message));
        QVERIFY2(!made.error->message.contains("PRIVATE"), "the message must not quote the key");
    }

    void unreadableFile() {
        config::AuthInfo user;
        user.clientCertificateFile = path(QStringLiteral("rsa-cert.pem"));
        user.clientKeyFile = path(QStringLiteral("missing-key.pem"));
        const auth::ProviderOrError made = auth::makeCredentialProvider(user, {}, this);
        QVERIFY(!made.provider);
        QVERIFY(made.error);
        QVERIFY2(made.error->message.contains(QStringLiteral("cannot read")) &&
                     made.error->message.contains(user.clientKeyFile),
                 qPrintable(made.error->message));
    }
};

QTEST_GUILESS_MAIN(TestClientCertificate)
#include "tst_clientcertificate.moc"
