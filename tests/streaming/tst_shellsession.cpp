// ShellSession: bash where there is bash, sh where there is not (the failed try hidden from the user,
// keystrokes typed meanwhile kept), and the decision of what counts as a missing executable.
#include "sessiontesting.h"
#include "shellsession.h"

#include <QSignalSpy>
#include <QTest>

using namespace binnacle;
using namespace binnacle::streaming;
using namespace streamingtesting;

class TestShellSession : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        QVERIFY(m_cluster.createPod(podNamed("box", "debian:12")));
        QVERIFY(m_cluster.createPod(podNamed("tiny", "busybox:1.36")));
    }

    void shellFallsBackToSh_data() {
        QTest::addColumn<QString>("pod");
        QTest::addColumn<QString>("shell");
        QTest::newRow("debian has bash") << "box"
                                         << "bash";
        QTest::newRow("busybox has only sh") << "tiny"
                                             << "sh";
    }
    void shellFallsBackToSh() {
        QFETCH(QString, pod);
        QFETCH(QString, shell);
        ShellSession session(m_cluster.connector.get());
        session.setProbationMs(300);
        Transcript transcript;
        transcript.watch(&session);
        QSignalSpy started(&session, &ShellSession::shellStarted);
        ExecOptions options = command(pod, {}, true);
        options.tty = true;
        session.start(options);
        session.writeStdin("echo $0\r"); // typed before a shell is settled on
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
        QCOMPARE(started.first().first().toString(), shell);
        QCOMPARE(session.shell(), shell);
        QTRY_VERIFY_WITH_TIMEOUT(transcript.out.contains("echo $0\r\n"), 10000);
        QVERIFY2(!transcript.out.contains("not found"),
                 transcript.out.constData()); // the failed try is hidden
        session.writeStdin("exit\r");
        QTRY_VERIFY_WITH_TIMEOUT(transcript.result.has_value(), 10000);
        QCOMPARE(transcript.result->exitCode, 0);
    }

    void missingExecutableDecision_data() {
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("statusMessage");
        QTest::addColumn<bool>("missing");
        QTest::newRow("127") << 127 << QString() << true;
        QTest::newRow("126") << 126 << QString() << true;
        QTest::newRow("exit 1") << 1 << QString() << false;
        QTest::newRow("runtime says not found")
            << -1 << R"(exec: "bash": executable file not found in $PATH: unknown)" << true;
        QTest::newRow("other failure") << -1 << "container is restarting" << false;
    }
    void missingExecutableDecision() {
        QFETCH(int, exitCode);
        QFETCH(QString, statusMessage);
        QFETCH(bool, missing);
        ExecResult result;
        result.exitCode = exitCode;
        if (!statusMessage.isEmpty()) {
            transport::ApiStatus status;
            status.code = 500;
            status.reason = QStringLiteral("InternalError");
            status.message = statusMessage;
            result.error = transport::ApiError::fromStatus(status);
        }
        QCOMPARE(ShellSession::isMissingExecutable(result, {}), missing);
    }

    void lastShellMissingIsReported() {
        ShellSession session(m_cluster.connector.get());
        session.setProbationMs(300);
        Transcript transcript;
        transcript.watch(&session);
        QSignalSpy started(&session, &ShellSession::shellStarted);
        ExecOptions options = command("tiny", {}, true);
        session.start(options, {QStringLiteral("bash"), QStringLiteral("zsh")});
        QTRY_VERIFY_WITH_TIMEOUT(transcript.result.has_value(), 10000);
        QCOMPARE(transcript.result->exitCode, 127);
        QCOMPARE(started.count(), 0);
        QCOMPARE(transcript.err, QByteArray("sh: zsh: not found\n")); // the last try's words reach the user
    }

private:
    Cluster m_cluster;
};

QTEST_GUILESS_MAIN(TestShellSession)
#include "tst_shellsession.moc"
