// CertificateAuthority: the PEMs it produces read back with Qt's TLS types and verify against the
// CA (Qt and, when installed, the openssl CLI). The TLS handshake is in tst_pkitlshandshake.
#include "certificateauthority.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslCertificateExtension>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using binnacle::sim::CertificateAuthority;
using binnacle::sim::IssuedCertificate;
using binnacle::sim::KeyAlgorithm;

Q_DECLARE_METATYPE(binnacle::sim::KeyAlgorithm)

namespace {

QSsl::KeyAlgorithm qtAlgorithm(KeyAlgorithm algorithm) {
    return algorithm == KeyAlgorithm::Rsa2048 ? QSsl::Rsa : QSsl::Ec;
}

QSslCertificate certificateFrom(const QByteArray& pem) {
    return QSslCertificate(pem, QSsl::Pem);
}

bool writeFile(const QString& path, const QByteArray& contents) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

} // namespace

class TestCertificateAuthority : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void authorityIsSelfSignedCa_data();
    void authorityIsSelfSignedCa();
    void serverCertificateReadsBack_data();
    void serverCertificateReadsBack();
    void clientCertificateCarriesUserAndGroups_data();
    void clientCertificateCarriesUserAndGroups();
    void serialsAreRandom();
    void refusesBadInput();
    void copiesShareAndMovesEmpty();
    void opensslCliVerifiesChain_data();
    void opensslCliVerifiesChain();

private:
    void addAlgorithmRows();
};

void TestCertificateAuthority::initTestCase() {
    if (!QSslSocket::supportsSsl()) {
        QSKIP("No TLS backend available to Qt");
    }
}

void TestCertificateAuthority::addAlgorithmRows() {
    QTest::addColumn<KeyAlgorithm>("caAlgorithm");
    QTest::addColumn<KeyAlgorithm>("leafAlgorithm");
    QTest::newRow("EC CA, EC leaf") << KeyAlgorithm::EcP256 << KeyAlgorithm::EcP256;
    QTest::newRow("RSA CA, RSA leaf") << KeyAlgorithm::Rsa2048 << KeyAlgorithm::Rsa2048;
    QTest::newRow("EC CA, RSA leaf") << KeyAlgorithm::EcP256 << KeyAlgorithm::Rsa2048;
}

void TestCertificateAuthority::authorityIsSelfSignedCa_data() {
    QTest::addColumn<KeyAlgorithm>("algorithm");
    QTest::newRow("EC P-256") << KeyAlgorithm::EcP256;
    QTest::newRow("RSA 2048") << KeyAlgorithm::Rsa2048;
}

void TestCertificateAuthority::authorityIsSelfSignedCa() {
    QFETCH(KeyAlgorithm, algorithm);
    const CertificateAuthority authority =
        CertificateAuthority::create(QStringLiteral("binnacle-ca"), algorithm);
    QVERIFY(!authority.isNull());

    const QSslCertificate ca = certificateFrom(authority.certificatePem());
    QVERIFY(!ca.isNull());
    QVERIFY(ca.isSelfSigned());
    QCOMPARE(ca.subjectInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("binnacle-ca")});
    QCOMPARE(ca.issuerInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("binnacle-ca")});
    QCOMPARE(ca.version(), QByteArray("3"));
    QCOMPARE(ca.publicKey().algorithm(), qtAlgorithm(algorithm));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(ca.effectiveDate() <= now.addSecs(-3500));
    QVERIFY(ca.effectiveDate() >= now.addSecs(-3700));
    QVERIFY(ca.expiryDate() >= now.addDays(364));
    QVERIFY(ca.expiryDate() <= now.addDays(366));

    bool sawBasicConstraints = false;
    for (const QSslCertificateExtension& extension : ca.extensions()) {
        if (extension.name() == QLatin1String("basicConstraints")) {
            sawBasicConstraints = true;
            QVERIFY(extension.isCritical());
            QCOMPARE(extension.value().toMap().value(QStringLiteral("ca")).toBool(), true);
        }
    }
    QVERIFY(sawBasicConstraints);

    const QSslKey key(authority.privateKeyPem(), qtAlgorithm(algorithm), QSsl::Pem, QSsl::PrivateKey);
    QVERIFY(!key.isNull());
}

void TestCertificateAuthority::serverCertificateReadsBack_data() {
    addAlgorithmRows();
}

void TestCertificateAuthority::serverCertificateReadsBack() {
    QFETCH(KeyAlgorithm, caAlgorithm);
    QFETCH(KeyAlgorithm, leafAlgorithm);
    const CertificateAuthority authority =
        CertificateAuthority::create(QStringLiteral("binnacle-ca"), caAlgorithm);
    const IssuedCertificate issued = authority.issueServerCertificate(
        {QStringLiteral("localhost"), QStringLiteral("kubernetes.default.svc")},
        {QStringLiteral("127.0.0.1"), QStringLiteral("::1")}, leafAlgorithm);
    QVERIFY(!issued.isNull());
    QVERIFY(issued.privateKeyPem.startsWith("-----BEGIN PRIVATE KEY-----"));

    const QSslCertificate server = certificateFrom(issued.certificatePem);
    const QSslCertificate ca = certificateFrom(authority.certificatePem());
    QVERIFY(!server.isNull());
    QCOMPARE(server.subjectInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("localhost")});
    QCOMPARE(server.issuerInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("binnacle-ca")});
    QCOMPARE(server.issuerDisplayName(), ca.subjectDisplayName());
    QVERIFY(!server.isSelfSigned());
    QVERIFY(!server.serialNumber().isEmpty());
    QVERIFY(server.serialNumber() != ca.serialNumber());

    const auto alternativeNames = server.subjectAlternativeNames();
    QCOMPARE(alternativeNames.values(QSsl::DnsEntry).size(), 2);
    QVERIFY(alternativeNames.values(QSsl::DnsEntry).contains(QStringLiteral("kubernetes.default.svc")));
    QVERIFY(alternativeNames.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
    QCOMPARE(alternativeNames.values(QSsl::IpAddressEntry).size(), 2);

    const QSslKey key(issued.privateKeyPem, qtAlgorithm(leafAlgorithm), QSsl::Pem, QSsl::PrivateKey);
    QVERIFY(!key.isNull());
    QCOMPARE(server.publicKey().algorithm(), qtAlgorithm(leafAlgorithm));

    // Qt verifies against the default configuration's CAs: trust ours for this check only.
    const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = original;
    trusting.setCaCertificates({ca});
    QSslConfiguration::setDefaultConfiguration(trusting);
    const QList<QSslError> errors = QSslCertificate::verify({server}, QStringLiteral("127.0.0.1"));
    const QList<QSslError> wrongHost = QSslCertificate::verify({server}, QStringLiteral("example.org"));
    QSslConfiguration::setDefaultConfiguration(original);

    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).errorString()));
    QVERIFY(!wrongHost.isEmpty());
}

void TestCertificateAuthority::clientCertificateCarriesUserAndGroups_data() {
    addAlgorithmRows();
}

void TestCertificateAuthority::clientCertificateCarriesUserAndGroups() {
    QFETCH(KeyAlgorithm, caAlgorithm);
    QFETCH(KeyAlgorithm, leafAlgorithm);
    const CertificateAuthority authority =
        CertificateAuthority::create(QStringLiteral("binnacle-ca"), caAlgorithm);
    const IssuedCertificate issued = authority.issueClientCertificate(
        QStringLiteral("alice"), {QStringLiteral("system:masters"), QStringLiteral("developers")},
        leafAlgorithm);
    QVERIFY(!issued.isNull());

    const QSslCertificate client = certificateFrom(issued.certificatePem);
    QCOMPARE(client.subjectInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("alice")});
    const QStringList groups = client.subjectInfo(QSslCertificate::Organization);
    QCOMPARE(groups.size(), 2);
    QVERIFY(groups.contains(QStringLiteral("system:masters")));
    QVERIFY(groups.contains(QStringLiteral("developers")));
    QVERIFY(client.subjectAlternativeNames().isEmpty());
    QCOMPARE(client.issuerInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("binnacle-ca")});
    QVERIFY(!QSslKey(issued.privateKeyPem, qtAlgorithm(leafAlgorithm), QSsl::Pem, QSsl::PrivateKey).isNull());
}

void TestCertificateAuthority::serialsAreRandom() {
    const CertificateAuthority authority = CertificateAuthority::create(QStringLiteral("binnacle-ca"));
    const QSslCertificate first =
        certificateFrom(authority.issueClientCertificate(QStringLiteral("a"), {}).certificatePem);
    const QSslCertificate second =
        certificateFrom(authority.issueClientCertificate(QStringLiteral("a"), {}).certificatePem);
    QVERIFY(!first.isNull());
    QVERIFY(!second.isNull());
    QVERIFY(first.serialNumber() != second.serialNumber());
    // 128 bits print as at most 16 (or 17 with a sign byte) colon-separated hex pairs.
    QVERIFY(first.serialNumber().count(':') >= 10);
}

void TestCertificateAuthority::refusesBadInput() {
    const CertificateAuthority authority = CertificateAuthority::create(QStringLiteral("binnacle-ca"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refusing IP address")));
    QVERIFY(authority.issueServerCertificate({QStringLiteral("localhost")}, {QStringLiteral("not-an-ip")})
                .isNull());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refusing DNS name")));
    QVERIFY(authority.issueServerCertificate({QStringLiteral("a,IP:1.2.3.4")}, {}).isNull());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("at least one DNS name")));
    QVERIFY(authority.issueServerCertificate({}, {}).isNull());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("needs a user name")));
    QVERIFY(authority.issueClientCertificate(QString(), {}).isNull());
}

void TestCertificateAuthority::copiesShareAndMovesEmpty() {
    CertificateAuthority original = CertificateAuthority::create(QStringLiteral("binnacle-ca"));
    const CertificateAuthority copy = original; // NOLINT(performance-unnecessary-copy-initialization)
    QCOMPARE(copy.certificatePem(), original.certificatePem());
    QCOMPARE(copy.privateKeyPem(), original.privateKeyPem());

    CertificateAuthority assigned = CertificateAuthority::create(QStringLiteral("other"));
    assigned = copy;
    QCOMPARE(assigned.certificatePem(), original.certificatePem());

    const CertificateAuthority moved = std::move(original);
    QVERIFY(!moved.isNull());
    QVERIFY(original.isNull()); // NOLINT(bugprone-use-after-move): moved-from state is specified
    QVERIFY(original.certificatePem().isEmpty());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("null authority")));
    QVERIFY(original.issueClientCertificate(QStringLiteral("bob"), {}).isNull());

    // The copy still issues after the original is gone.
    const IssuedCertificate issued = copy.issueClientCertificate(QStringLiteral("bob"), {});
    QVERIFY(!issued.isNull());
}

void TestCertificateAuthority::opensslCliVerifiesChain_data() {
    addAlgorithmRows();
}

void TestCertificateAuthority::opensslCliVerifiesChain() {
    QFETCH(KeyAlgorithm, caAlgorithm);
    QFETCH(KeyAlgorithm, leafAlgorithm);
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        QSKIP("openssl CLI not installed");
    }
    const CertificateAuthority authority =
        CertificateAuthority::create(QStringLiteral("binnacle-ca"), caAlgorithm);
    const IssuedCertificate server = authority.issueServerCertificate(
        {QStringLiteral("localhost")}, {QStringLiteral("127.0.0.1")}, leafAlgorithm);
    const IssuedCertificate client =
        authority.issueClientCertificate(QStringLiteral("alice"), {QStringLiteral("team")}, leafAlgorithm);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString caPath = directory.filePath(QStringLiteral("ca.pem"));
    const QString serverPath = directory.filePath(QStringLiteral("server.pem"));
    const QString clientPath = directory.filePath(QStringLiteral("client.pem"));
    QVERIFY(writeFile(caPath, authority.certificatePem()));
    QVERIFY(writeFile(serverPath, server.certificatePem));
    QVERIFY(writeFile(clientPath, client.certificatePem));

    const auto verify = [&](const QString& purpose, const QString& path) {
        QProcess process;
        process.start(openssl, {QStringLiteral("verify"), QStringLiteral("-CAfile"), caPath,
                                QStringLiteral("-purpose"), purpose, path});
        if (!process.waitForFinished(30000)) {
            return QStringLiteral("openssl did not finish");
        }
        return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError()).trimmed() +
               (process.exitCode() == 0 ? QString() : QStringLiteral(" (exit %1)").arg(process.exitCode()));
    };
    QCOMPARE(verify(QStringLiteral("sslserver"), serverPath), serverPath + QStringLiteral(": OK"));
    QCOMPARE(verify(QStringLiteral("sslclient"), clientPath), clientPath + QStringLiteral(": OK"));
    // The EKUs are honoured: a client certificate is no serving certificate.
    QVERIFY(verify(QStringLiteral("sslserver"), clientPath).contains(QLatin1String("exit")));
}

QTEST_GUILESS_MAIN(TestCertificateAuthority)
#include "tst_certificateauthority.moc"
