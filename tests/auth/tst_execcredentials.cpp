// Exec credential plugins as real processes: bash scripts written into a temporary directory.
#include "exectestfixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

using namespace binnacle;
using namespace binnacle::auth::test;

class TestExecCredentials : public ExecTestFixture {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_directory.isValid()); }

    void tokenCachedUntilExpiry_data() {
        QTest::addColumn<QString>("apiVersion");
        QTest::newRow("v1") << kV1;
        QTest::newRow("v1beta1") << kV1beta1;
    }

    void tokenCachedUntilExpiry() {
        QFETCH(QString, apiVersion);
        const QString name = QStringLiteral("expiring-") + QString(QTest::currentDataTag());
        const QString script = countingPlugin(name, apiVersion, QStringLiteral("2030-01-01T13:00:00Z"));
        auth::ExecCredentialProvider* plugin = provider(execConfig(name, apiVersion), options());

        auto delivery = fetch(plugin);
        QVERIFY(delivery->delivered);
        QVERIFY2(!delivery->error,
                 delivery->error ? qPrintable(delivery->error->message + delivery->error->detail) : "");
        QCOMPARE(headerValue(delivery->credentials, "Authorization"), QByteArray("Bearer token-1"));

        m_now = m_now.addSecs(59 * 60); // still before the expiry: delivered at once from the cache
        delivery = request(plugin);
        QVERIFY(delivery->delivered);
        QCOMPARE(headerValue(delivery->credentials, "Authorization"), QByteArray("Bearer token-1"));
        QCOMPARE(plugin->runCount(), 1);

        m_now = m_now.addSecs(2 * 60); // past it
        delivery = fetch(plugin);
        QCOMPARE(headerValue(delivery->credentials, "Authorization"), QByteArray("Bearer token-2"));
        QCOMPARE(plugin->runCount(), 2);
        QCOMPARE(runsOf(script), 2);
        m_now = QDateTime(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC);
    }

    void clientCertificate() {
        QTemporaryDir certificates;
        if (!makeCertificate(certificates.path(), QString(), true)) {
            QSKIP("the openssl CLI is needed to make a test certificate");
        }
        const QJsonObject credential{
            {QStringLiteral("apiVersion"), kV1},
            {QStringLiteral("kind"), QStringLiteral("ExecCredential")},
            {QStringLiteral("status"),
             QJsonObject{{QStringLiteral("clientCertificateData"),
                          QString::fromLatin1(readFile(certificates.filePath(QStringLiteral("cert.pem"))))},
                         {QStringLiteral("clientKeyData"),
                          QString::fromLatin1(readFile(certificates.filePath(QStringLiteral("key.pem"))))}}}};
        const QString output = m_directory.filePath(QStringLiteral("certificate.json"));
        QVERIFY(writeFile(output, QJsonDocument(credential).toJson()));
        writeScript(m_directory.path(), QStringLiteral("cert-plugin"), "cat '" + output.toUtf8() + "'");

        auto delivery = fetch(provider(execConfig(QStringLiteral("cert-plugin")), options()));
        QVERIFY2(!delivery->error, delivery->error ? qPrintable(delivery->error->message) : "");
        QCOMPARE(delivery->credentials.clientCertificate.subjectInfo(QSslCertificate::CommonName),
                 QStringList{"jane"});
        QCOMPARE(delivery->credentials.clientKey.algorithm(), QSsl::Ec);
        QVERIFY(headerValue(delivery->credentials, "Authorization").isNull());
    }

    void execInfoAndEnvironment_data() {
        QTest::addColumn<bool>("provideClusterInfo");
        QTest::newRow("with cluster") << true;
        QTest::newRow("without cluster") << false;
    }

    void execInfoAndEnvironment() {
        QFETCH(bool, provideClusterInfo);
        const QString dump = m_directory.filePath(QStringLiteral("dump-") + QString(QTest::currentDataTag()));
        const QByteArray json = execCredentialJson(kV1beta1, QStringLiteral("t"));
        writeScript(m_directory.path(), QStringLiteral("dumping-plugin"),
                    "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"$DUMP.info\"\n"
                    "printf '%s|%s' \"$PLUGIN_PROFILE\" \"$*\" > \"$DUMP.args\"\n"
                    "printf '%s' '" +
                        json + "'");
        config::ExecConfig exec = execConfig(QStringLiteral("dumping-plugin"), kV1beta1);
        exec.args = {QStringLiteral("get-token"), QStringLiteral("--cluster=prod")};
        exec.env = {{QStringLiteral("PLUGIN_PROFILE"), QStringLiteral("prod")},
                    {QStringLiteral("DUMP"), dump}};
        exec.provideClusterInfo = provideClusterInfo;
        config::ClusterInfo cluster;
        cluster.server = QStringLiteral("https://10.0.0.1:6443/prefix");
        cluster.certificateAuthorityData = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        cluster.tlsServerName = QStringLiteral("kubernetes.default");
        cluster.insecureSkipTlsVerify = false;
        cluster.proxyUrl = QStringLiteral("socks5://localhost:1080");
        cluster.execExtension = QJsonObject{{QStringLiteral("audience"), QStringLiteral("foo")}};

        auto delivery = fetch(provider(exec, options(), cluster));
        QVERIFY2(!delivery->error,
                 delivery->error ? qPrintable(delivery->error->message + delivery->error->detail) : "");
        QCOMPARE(readFile(dump + QStringLiteral(".args")), QByteArray("prod|get-token --cluster=prod"));

        const QJsonObject info = QJsonDocument::fromJson(readFile(dump + QStringLiteral(".info"))).object();
        QCOMPARE(info.value(QLatin1String("apiVersion")).toString(), kV1beta1);
        QCOMPARE(info.value(QLatin1String("kind")).toString(), QStringLiteral("ExecCredential"));
        const QJsonObject spec = info.value(QLatin1String("spec")).toObject();
        QCOMPARE(spec.value(QLatin1String("interactive")), QJsonValue(false));
        QCOMPARE(spec.contains(QLatin1String("cluster")), provideClusterInfo);
        if (!provideClusterInfo) {
            return;
        }
        const QJsonObject clusterInfo = spec.value(QLatin1String("cluster")).toObject();
        QCOMPARE(clusterInfo.value(QLatin1String("server")).toString(), cluster.server);
        QCOMPARE(QByteArray::fromBase64(
                     clusterInfo.value(QLatin1String("certificate-authority-data")).toString().toLatin1()),
                 cluster.certificateAuthorityData);
        QCOMPARE(clusterInfo.value(QLatin1String("tls-server-name")).toString(), cluster.tlsServerName);
        QCOMPARE(clusterInfo.value(QLatin1String("insecure-skip-tls-verify")), QJsonValue(false));
        QCOMPARE(clusterInfo.value(QLatin1String("proxy-url")).toString(), cluster.proxyUrl);
        QCOMPARE(clusterInfo.value(QLatin1String("config")).toObject(), cluster.execExtension);
    }

    void concurrentRequestsShareOneRun() {
        const QString script = countingPlugin(QStringLiteral("slow"), kV1, {}, "0.3");
        auth::ExecCredentialProvider* plugin = provider(execConfig(QStringLiteral("slow")), options());
        auto first = request(plugin);
        auto second = request(plugin);
        QVERIFY(!first->delivered && !second->delivered);
        QTRY_VERIFY_WITH_TIMEOUT(first->delivered && second->delivered, 20000);
        QCOMPARE(headerValue(first->credentials, "Authorization"), QByteArray("Bearer token-1"));
        QCOMPARE(headerValue(second->credentials, "Authorization"), QByteArray("Bearer token-1"));
        QCOMPARE(plugin->runCount(), 1);
        QCOMPARE(runsOf(script), 1);
    }

    void invalidateReruns() {
        const QString script = countingPlugin(QStringLiteral("rotating"), kV1);
        auth::ExecCredentialProvider* plugin = provider(execConfig(QStringLiteral("rotating")), options());
        QCOMPARE(headerValue(fetch(plugin)->credentials, "Authorization"), QByteArray("Bearer token-1"));
        // Without an expiry the credential stays until the server rejects it.
        QCOMPARE(headerValue(request(plugin)->credentials, "Authorization"), QByteArray("Bearer token-1"));

        // Two 401s in a row: one new run.
        QVERIFY(plugin->invalidate());
        QVERIFY(plugin->invalidate());
        auto first = request(plugin);
        auto second = request(plugin);
        QTRY_VERIFY_WITH_TIMEOUT(first->delivered && second->delivered, 20000);
        QCOMPARE(headerValue(first->credentials, "Authorization"), QByteArray("Bearer token-2"));
        QCOMPARE(headerValue(second->credentials, "Authorization"), QByteArray("Bearer token-2"));
        QCOMPARE(plugin->runCount(), 2);
        QCOMPARE(runsOf(script), 2);
    }

    void destroyedWhileRunning() {
        writeScript(m_directory.path(), QStringLiteral("still-running"), "exec sleep 30");
        auto* plugin = provider(execConfig(QStringLiteral("still-running")), options());
        auto delivery = request(plugin);
        QTRY_COMPARE(plugin->runCount(), 1);
        QElapsedTimer elapsed;
        elapsed.start();
        delete plugin;
        QVERIFY2(elapsed.elapsed() < 2000, "destroying a provider must not wait for its plugin");
        QVERIFY(!delivery->delivered);
    }
};

QTEST_GUILESS_MAIN(TestExecCredentials)
#include "tst_execcredentials.moc"
