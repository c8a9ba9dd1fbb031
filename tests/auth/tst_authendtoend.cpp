// The providers' credentials against the simulator over TLS: bearer token, mTLS client certificate,
// an exec plugin printing the admin token (200) and one printing a wrong token (401).
#include "authtestsupport.h"
#include "credentialproviderfactory.h"
#include "simulator.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace binnacle;
using namespace binnacle::auth::test;

class TestAuthEndToEnd : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<sim::Simulator> m_simulator;
    QTemporaryDir m_directory;

    config::ClusterInfo cluster() const {
        config::ClusterInfo result;
        result.server = m_simulator->serverUrl();
        result.certificateAuthorityData = m_simulator->credentials().caPem;
        return result;
    }

    // GET /api/v1/namespaces with what the provider for `user` delivers; the HTTP status, or -1.
    int statusWith(const config::AuthInfo& user) {
        const auth::ProviderOrError made = auth::makeCredentialProvider(user, cluster(), this);
        if (!made.provider) {
            qWarning() << made.error->message;
            return -1;
        }
        auto delivery = request(made.provider);
        if (!QTest::qWaitFor([&] { return delivery->delivered; }, 20000) || delivery->error) {
            qWarning() << (delivery->error ? delivery->error->message + delivery->error->detail
                                           : QStringLiteral("no answer"));
            return -1;
        }
        QNetworkRequest request(QUrl(m_simulator->serverUrl() + QStringLiteral("/api/v1/namespaces")));
        for (const auto& [name, value] : delivery->credentials.headers) {
            request.setRawHeader(name, value);
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromData(m_simulator->credentials().caPem));
        if (!delivery->credentials.clientCertificate.isNull()) {
            tls.setLocalCertificate(delivery->credentials.clientCertificate);
            tls.setPrivateKey(delivery->credentials.clientKey);
        }
        request.setSslConfiguration(tls);
        // A manager per request: QNetworkAccessManager would reuse a connection made with other credentials.
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(request));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 20000)) {
            return -1;
        }
        if (reply->error() != QNetworkReply::NoError &&
            reply->error() != QNetworkReply::AuthenticationRequiredError) {
            qWarning() << reply->errorString();
        }
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    config::AuthInfo execUser(const QString& token) {
        const QString script = writeScript(
            m_directory.path(), QStringLiteral("plugin-") + QString::number(qHash(token)),
            "printf '%s' '" + execCredentialJson(QStringLiteral("client.authentication.k8s.io/v1"), token) +
                "'");
        config::AuthInfo user;
        user.exec = config::ExecConfig{};
        user.exec->apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
        user.exec->command = script;
        user.exec->interactiveMode = QStringLiteral("Never");
        user.exec->provideClusterInfo = true;
        return user;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        sim::SimulatorOptions options;
        options.controllers = false;
        m_simulator = std::make_unique<sim::Simulator>(options);
        QString error;
        QVERIFY2(m_simulator->start(&error), qPrintable(error));
    }

    void adminToken() {
        config::AuthInfo user;
        user.token = m_simulator->credentials().adminToken;
        QCOMPARE(statusWith(user), 200);
    }

    void clientCertificate() {
        config::AuthInfo user;
        user.clientCertificateData = m_simulator->credentials().clientCertificatePem;
        user.clientKeyData = m_simulator->credentials().clientKeyPem;
        QCOMPARE(statusWith(user), 200);
    }

    void tokenFile() {
        const QString path = m_directory.filePath(QStringLiteral("token"));
        QVERIFY(writeFile(path, m_simulator->credentials().adminToken.toUtf8() + '\n'));
        config::AuthInfo user;
        user.tokenFile = path;
        QCOMPARE(statusWith(user), 200);
    }

    void execPlugin() { QCOMPARE(statusWith(execUser(m_simulator->credentials().adminToken)), 200); }

    void execPluginWithWrongToken() {
        QCOMPARE(statusWith(execUser(QStringLiteral("not-a-token-the-server-knows"))), 401);
    }

    void cleanupTestCase() { m_simulator.reset(); }
};

QTEST_GUILESS_MAIN(TestAuthEndToEnd)
#include "tst_authendtoend.moc"
