// A real TLS handshake on loopback between a QSslServer serving a certificate from the simulator's
// CertificateAuthority and a QSslSocket that trusts the CA and presents a client certificate.
#include "certificateauthority.h"

#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
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

} // namespace

class TestPkiTlsHandshake : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void tlsHandshakeAuthenticatesClient_data();
    void tlsHandshakeAuthenticatesClient();
    void tlsHandshakeRejectsForeignClient();
};

void TestPkiTlsHandshake::initTestCase() {
    if (!QSslSocket::supportsSsl()) {
        QSKIP("No TLS backend available to Qt");
    }
}

void TestPkiTlsHandshake::tlsHandshakeAuthenticatesClient_data() {
    QTest::addColumn<KeyAlgorithm>("caAlgorithm");
    QTest::addColumn<KeyAlgorithm>("leafAlgorithm");
    QTest::newRow("EC CA, EC leaf") << KeyAlgorithm::EcP256 << KeyAlgorithm::EcP256;
    QTest::newRow("RSA CA, RSA leaf") << KeyAlgorithm::Rsa2048 << KeyAlgorithm::Rsa2048;
    QTest::newRow("EC CA, RSA leaf") << KeyAlgorithm::EcP256 << KeyAlgorithm::Rsa2048;
}

void TestPkiTlsHandshake::tlsHandshakeAuthenticatesClient() {
    QFETCH(KeyAlgorithm, caAlgorithm);
    QFETCH(KeyAlgorithm, leafAlgorithm);
    const CertificateAuthority authority =
        CertificateAuthority::create(QStringLiteral("binnacle-ca"), caAlgorithm);
    const QSslCertificate ca = certificateFrom(authority.certificatePem());
    const IssuedCertificate serverIssued = authority.issueServerCertificate(
        {QStringLiteral("localhost")}, {QStringLiteral("127.0.0.1")}, leafAlgorithm);
    const IssuedCertificate clientIssued = authority.issueClientCertificate(
        QStringLiteral("alice"), {QStringLiteral("system:masters")}, leafAlgorithm);
    QVERIFY(!serverIssued.isNull());
    QVERIFY(!clientIssued.isNull());

    QSslConfiguration serverConfiguration = QSslConfiguration::defaultConfiguration();
    serverConfiguration.setLocalCertificate(certificateFrom(serverIssued.certificatePem));
    serverConfiguration.setPrivateKey(
        QSslKey(serverIssued.privateKeyPem, qtAlgorithm(leafAlgorithm), QSsl::Pem, QSsl::PrivateKey));
    serverConfiguration.setCaCertificates({ca});
    serverConfiguration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    QSslServer server;
    server.setSslConfiguration(serverConfiguration);
    QVERIFY(server.listen(QHostAddress::LocalHost));

    QSslConfiguration clientConfiguration = QSslConfiguration::defaultConfiguration();
    clientConfiguration.setCaCertificates({ca});
    clientConfiguration.setLocalCertificate(certificateFrom(clientIssued.certificatePem));
    clientConfiguration.setPrivateKey(
        QSslKey(clientIssued.privateKeyPem, qtAlgorithm(leafAlgorithm), QSsl::Pem, QSsl::PrivateKey));
    clientConfiguration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    QSslSocket client;
    client.setSslConfiguration(clientConfiguration);
    QStringList clientErrors;
    connect(&client, &QSslSocket::sslErrors, this, [&clientErrors](const QList<QSslError>& errors) {
        for (const QSslError& error : errors) {
            clientErrors << error.errorString();
        }
    });
    QStringList serverErrors;
    connect(&server, &QSslServer::sslErrors, this,
            [&serverErrors](QSslSocket*, const QList<QSslError>& errors) {
                for (const QSslError& error : errors) {
                    serverErrors << error.errorString();
                }
            });

    QSignalSpy encrypted(&client, &QSslSocket::encrypted);
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort());
    QVERIFY2(encrypted.wait(10000), qPrintable((clientErrors + serverErrors).join(QStringLiteral("; "))));
    QVERIFY(clientErrors.isEmpty());
    QCOMPARE(client.peerCertificate().subjectInfo(QSslCertificate::CommonName),
             QStringList{QStringLiteral("localhost")});

    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 10000);
    auto* accepted = qobject_cast<QSslSocket*>(server.nextPendingConnection());
    QVERIFY(accepted);
    QVERIFY(accepted->isEncrypted());
    QVERIFY(serverErrors.isEmpty());
    const QSslCertificate seenByServer = accepted->peerCertificate();
    QCOMPARE(seenByServer.subjectInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("alice")});
    QCOMPARE(seenByServer.subjectInfo(QSslCertificate::Organization),
             QStringList{QStringLiteral("system:masters")});

    // Data crosses the authenticated channel.
    client.write("ping");
    QTRY_COMPARE_WITH_TIMEOUT(accepted->bytesAvailable(), qint64(4), 10000);
    QCOMPARE(accepted->readAll(), QByteArray("ping"));
}

void TestPkiTlsHandshake::tlsHandshakeRejectsForeignClient() {
    const CertificateAuthority authority = CertificateAuthority::create(QStringLiteral("binnacle-ca"));
    const CertificateAuthority stranger = CertificateAuthority::create(QStringLiteral("stranger-ca"));
    const IssuedCertificate serverIssued =
        authority.issueServerCertificate({QStringLiteral("localhost")}, {QStringLiteral("127.0.0.1")});
    const IssuedCertificate foreignClient = stranger.issueClientCertificate(QStringLiteral("mallory"), {});
    const QSslCertificate ca = certificateFrom(authority.certificatePem());

    QSslConfiguration serverConfiguration = QSslConfiguration::defaultConfiguration();
    serverConfiguration.setLocalCertificate(certificateFrom(serverIssued.certificatePem));
    serverConfiguration.setPrivateKey(
        QSslKey(serverIssued.privateKeyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey));
    serverConfiguration.setCaCertificates({ca});
    serverConfiguration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    QSslServer server;
    server.setSslConfiguration(serverConfiguration);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QSignalSpy serverErrors(&server, &QSslServer::sslErrors);

    QSslConfiguration clientConfiguration = QSslConfiguration::defaultConfiguration();
    clientConfiguration.setCaCertificates({ca});
    clientConfiguration.setLocalCertificate(certificateFrom(foreignClient.certificatePem));
    clientConfiguration.setPrivateKey(
        QSslKey(foreignClient.privateKeyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey));
    QSslSocket client;
    client.setSslConfiguration(clientConfiguration);
    QSignalSpy disconnected(&client, &QSslSocket::disconnected);
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort());

    QTRY_VERIFY_WITH_TIMEOUT(serverErrors.count() > 0 || disconnected.count() > 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, 10000);
    QVERIFY(!server.hasPendingConnections());
}

QTEST_GUILESS_MAIN(TestPkiTlsHandshake)
#include "tst_pkitlshandshake.moc"
