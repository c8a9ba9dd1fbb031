// Exec credential plugins that fail: exit codes, bad output, timeouts, missing commands, and the
// interactive ones a GUI cannot serve. The error must name the command and carry stderr and the hint.
#include "exectestfixture.h"

#include <QElapsedTimer>

using namespace binnacle;
using namespace binnacle::auth::test;

class TestExecFailures : public ExecTestFixture {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_directory.isValid()); }

    void failingPlugin_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expectedMessage");
        QTest::addColumn<QString>("expectedDetail");
        QTest::newRow("exit code") << QByteArray("echo 'error: refresh token expired' >&2\nexit 3")
                                   << QStringLiteral("failed with exit code 3")
                                   << QStringLiteral("error: refresh token expired");
        QTest::newRow("bad json") << QByteArray("echo 'warming up' >&2\necho 'this is not json'")
                                  << QStringLiteral("returned no usable credential")
                                  << QStringLiteral("warming up");
        QTest::newRow("wrong apiVersion")
            << QByteArray("printf '%s' '" + execCredentialJson(kV1beta1, QStringLiteral("t")) + "'")
            << QStringLiteral("returned apiVersion \"client.authentication.k8s.io/v1beta1\"") << QString();
        QTest::newRow("no status")
            << QByteArray(
                   R"(echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}')")
            << QStringLiteral("returned no status") << QString();
        QTest::newRow("certificate without key")
            << QByteArray(
                   R"(echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"x"}}')")
            << QStringLiteral("without the other") << QString();
        QTest::newRow("crash") << QByteArray("kill -SEGV $$") << QStringLiteral("crashed") << QString();
    }

    void failingPlugin() {
        QFETCH(QByteArray, body);
        QFETCH(QString, expectedMessage);
        QFETCH(QString, expectedDetail);
        const QString name = QStringLiteral("failing-%1")
                                 .arg(QTest::currentDataTag())
                                 .replace(QLatin1Char(' '), QLatin1Char('-'));
        writeScript(m_directory.path(), name, body);
        auth::ExecCredentialProvider* plugin = provider(execConfig(name), options());
        auto delivery = fetch(plugin);
        QVERIFY(delivery->delivered);
        QVERIFY(delivery->error);
        const transport::CredentialError& error = *delivery->error;
        QVERIFY2(error.message.contains(name), qPrintable(error.message));
        QVERIFY2(error.message.contains(expectedMessage), qPrintable(error.message));
        QVERIFY2(error.detail.contains(expectedDetail), qPrintable(error.detail));
        QVERIFY2(error.detail.contains(QStringLiteral("apt install the-plugin")), qPrintable(error.detail));

        // Errors are not cached: the next request runs the plugin again.
        delivery = fetch(plugin);
        QVERIFY(delivery->error);
        QCOMPARE(plugin->runCount(), 2);
    }

    void longStderrIsCapped() {
        writeScript(m_directory.path(), QStringLiteral("noisy"),
                    "for i in $(seq 1 5000); do echo \"line $i of noise\" >&2; done\necho 'the real reason' "
                    ">&2\nexit 1");
        auto delivery = fetch(provider(execConfig(QStringLiteral("noisy")), options()));
        QVERIFY(delivery->error);
        QVERIFY2(delivery->error->detail.size() < 5000,
                 qPrintable(QString::number(delivery->error->detail.size())));
        QVERIFY(delivery->error->detail.contains(QStringLiteral("the real reason")));
    }

    void timeout() {
        writeScript(m_directory.path(), QStringLiteral("hanging"), "exec sleep 30");
        QElapsedTimer elapsed;
        elapsed.start();
        auto delivery = fetch(provider(execConfig(QStringLiteral("hanging")), options(300)));
        QVERIFY(delivery->error);
        QVERIFY2(delivery->error->message.contains(
                     QStringLiteral("exec plugin hanging did not answer within 0.3 s")),
                 qPrintable(delivery->error->message));
        QVERIFY(elapsed.elapsed() < 10000);
    }

    void notFound() {
        auth::ExecCredentialProvider* plugin =
            provider(execConfig(QStringLiteral("binnacle-no-such-plugin")), options());
        auto delivery = fetch(plugin);
        QVERIFY(delivery->error);
        QCOMPARE(delivery->error->message, QStringLiteral("exec plugin binnacle-no-such-plugin not found"));
        QCOMPARE(delivery->error->detail, QStringLiteral("Install it with: apt install the-plugin"));
        QCOMPARE(plugin->runCount(), 0);

        // A path that does not exist is not found either.
        delivery =
            fetch(provider(execConfig(m_directory.filePath(QStringLiteral("sub/missing"))), options()));
        QVERIFY(delivery->error);
        QVERIFY(delivery->error->message.endsWith(QStringLiteral("not found")));
    }

    void interactiveAlwaysRefused() {
        const QString script = countingPlugin(QStringLiteral("interactive"), kV1);
        config::ExecConfig exec = execConfig(QStringLiteral("interactive"));
        exec.interactiveMode = QStringLiteral("Always");
        auth::ExecCredentialProvider* plugin = provider(exec, options());
        auto delivery = request(plugin);
        QVERIFY2(delivery->delivered, "refused at once, without running anything");
        QVERIFY(delivery->error);
        QVERIFY2(delivery->error->message.contains(QStringLiteral("terminal")),
                 qPrintable(delivery->error->message));
        QVERIFY(delivery->error->message.contains(QStringLiteral("interactive")));
        QCOMPARE(plugin->runCount(), 0);
        QCOMPARE(runsOf(script), 0);
    }
};

QTEST_GUILESS_MAIN(TestExecFailures)
#include "tst_execfailures.moc"
