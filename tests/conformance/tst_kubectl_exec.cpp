// kubectl exec against binnacle-sim: kubectl 1.32 speaks WebSocket v5.channel.k8s.io to the API server
// (falling back to SPDY only when the upgrade fails), and the simulator runs the command in its built-in
// interpreter. Output, exit codes, stdin, container choice and authorization are checked on kubectl's own
// output and exit code.
#include "conformancecluster.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>

using namespace binnacle::sim::conformance;

namespace {
const QString kNamespace = QStringLiteral("conf-exec");
constexpr int kReadyTimeoutMs = 60000;

const QByteArray kPods = R"(apiVersion: v1
kind: Pod
metadata: {name: shell}
spec:
  containers:
  - name: main
    image: alpine:3.20
    env: [{name: GREETING, value: hello-from-spec}]
---
apiVersion: v1
kind: Pod
metadata: {name: pair}
spec:
  containers:
  - {name: app, image: nginx:1.27}
  - {name: sidecar, image: busybox:1.36}
)";
} // namespace

class TestKubectlExec : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kNamespace, &error), qPrintable(error));
        const KubectlResult created = m_cluster.create(kPods, kNamespace);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        const KubectlResult ready =
            kubectl({"wait", "--for=condition=Ready", "pod/shell", "pod/pair", "--timeout=60s"}, {},
                    kReadyTimeoutMs + 10000);
        QVERIFY2(ready.succeeded(), qPrintable(ready.describe()));
    }

    void echoPrintsToStdout() {
        const KubectlResult result = kubectl({"exec", "shell", "--", "echo", "hello"});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(result.out, QStringLiteral("hello\n"));
    }

    void usesWebSockets() {
        // -v=7 shows the request headers: the upgrade is a WebSocket offering v5.channel.k8s.io.
        const KubectlResult result = kubectl({"exec", "shell", "-v=7", "--", "true"});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QVERIFY2(result.err.contains(QStringLiteral("v5.channel.k8s.io")),
                 qPrintable(result.err.right(3000)));
        QVERIFY2(!result.err.contains(QStringLiteral("SPDY/3.1")), qPrintable(result.err.right(3000)));
    }

    void exitCodeIsKubectlsExitCode() {
        const KubectlResult result = kubectl({"exec", "shell", "--", "sh", "-c", "exit 3"});
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains(QStringLiteral("command terminated with exit code 3")),
                 qPrintable(result.describe()));
    }

    void falseExitsOne() {
        const KubectlResult result = kubectl({"exec", "shell", "--", "false"});
        QCOMPARE(result.exitCode, 1);
    }

    void hostnameFileHoldsThePodName() {
        const KubectlResult result = kubectl({"exec", "shell", "--", "cat", "/etc/hostname"});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(result.out, QStringLiteral("shell\n"));
    }

    void envComesFromThePodSpec() {
        const KubectlResult result = kubectl({"exec", "shell", "--", "env"});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QVERIFY2(result.outLines().contains(QStringLiteral("GREETING=hello-from-spec")),
                 qPrintable(result.out));
        QVERIFY2(result.outLines().contains(QStringLiteral("HOSTNAME=shell")), qPrintable(result.out));
    }

    void shellScriptWithVariablesAndOperators() {
        const KubectlResult result = kubectl(
            {"exec", "shell", "--", "sh", "-c", "echo $GREETING; false || echo fallback && hostname"});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(result.out, QStringLiteral("hello-from-spec\nfallback\nshell\n"));
    }

    void stdinIsEchoedByCat() {
        const QByteArray input = "first line\nsecond line\n";
        const KubectlResult result = kubectl({"exec", "-i", "shell", "--", "cat"}, input);
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(result.out.toUtf8(), input);
    }

    void stdinFeedsAShell() {
        const KubectlResult result =
            kubectl({"exec", "-i", "shell", "--", "sh"}, "echo one\ncd /etc\npwd\nexit 4\necho never\n");
        QCOMPARE(result.exitCode, 4);
        QCOMPARE(result.out, QStringLiteral("one\n/etc\n"));
    }

    void interactiveShellUnderAPty() {
        // kubectl exec -it needs a terminal: util-linux `script` gives it one, sized 123x45, which kubectl
        // sends on the resize channel. Keys are typed with pauses, as a person would.
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        if (script.isEmpty()) {
            QSKIP("util-linux `script` is not installed: no pty to run kubectl exec -it in");
        }
        QProcess process;
        process.setProgram(script);
        const QString command =
            QStringLiteral("stty cols 123 rows 45; '%1' --kubeconfig '%2' --context sim-admin -n %3 exec -it "
                           "shell -- sh")
                .arg(Kubectl::executable(), m_cluster.simulator().kubeconfigPath(), kNamespace);
        process.setArguments({QStringLiteral("-q"), QStringLiteral("-e"), QStringLiteral("-c"), command,
                              QStringLiteral("/dev/null")});
        process.start();
        QVERIFY(process.waitForStarted());
        const auto stopOnFailure = qScopeGuard([&process] {
            if (process.state() != QProcess::NotRunning) {
                process.kill();
                process.waitForFinished(5000);
            }
        });
        auto type = [&](const QByteArray& keys, const QByteArray& expect) {
            process.write(keys);
            QByteArray seen;
            QDeadlineTimer deadline(15000);
            while (!seen.contains(expect) && !deadline.hasExpired()) {
                process.waitForReadyRead(200);
                seen += process.readAll();
            }
            return seen;
        };
        QVERIFY(type({}, "/ # ").contains("/ # "));
        QVERIFY(type("echo $TERM\r", "xterm\r\n").contains("xterm\r\n"));
        // kubectl sends the size from its own goroutine, so it may land just after the first keys.
        QByteArray size;
        for (int attempt = 0; attempt < 20 && !size.contains("45 123\r\n"); ++attempt) {
            QTest::qWait(attempt * 50);
            size = type("stty size\r", "/ # ");
        }
        QVERIFY2(size.contains("45 123\r\n"), size.constData());
        type("exit 6\r", "exit code 6");
        QVERIFY(process.waitForFinished(15000));
        QCOMPARE(process.exitCode(), 6);
    }

    void unknownCommandExits127() {
        const KubectlResult result = kubectl({"exec", "shell", "--", "nosuchtool", "--flag"});
        QCOMPARE(result.exitCode, 127);
        QVERIFY2(result.err.contains(QStringLiteral("sh: nosuchtool: not found")),
                 qPrintable(result.describe()));
        QVERIFY2(result.err.contains(QStringLiteral("command terminated with exit code 127")),
                 qPrintable(result.describe()));
    }

    void containerFlagPicksTheContainer() {
        const KubectlResult result =
            kubectl({"exec", "pair", "-c", "sidecar", "--", "cat", "/etc/os-release"});
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QVERIFY2(result.out.contains(QStringLiteral("ID=alpine")), qPrintable(result.out));
        // Without -c kubectl picks the first container and says so.
        const KubectlResult defaulted = kubectl({"exec", "pair", "--", "cat", "/etc/os-release"});
        QVERIFY2(defaulted.succeeded(), qPrintable(defaulted.describe()));
        QVERIFY2(defaulted.out.contains(QStringLiteral("ID=debian")), qPrintable(defaulted.out));
        QVERIFY2(defaulted.err.contains(QStringLiteral("Defaulted container \"app\"")),
                 qPrintable(defaulted.err));
    }

    void unknownContainerIsRejected() {
        const KubectlResult result = kubectl({"exec", "pair", "-c", "nope", "--", "true"});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("container nope is not valid for pod pair")),
                 qPrintable(result.describe()));
    }

    void missingPodIsNotFound() {
        const KubectlResult result = kubectl({"exec", "ghost", "--", "true"});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("pods \"ghost\" not found")),
                 qPrintable(result.describe()));
    }

    void readOnlyUserIsForbidden() {
        const KubectlResult result = m_cluster.kubectl(QStringLiteral("sim-readonly"))
                                         .run({"-n", kNamespace, "exec", "shell", "--", "echo", "hello"});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
        QVERIFY2(result.err.contains(QStringLiteral("cannot create resource \"pods/exec\"")),
                 qPrintable(result.describe()));
    }

private:
    KubectlResult kubectl(QStringList arguments, const QByteArray& input = {}, int timeoutMs = 30000) const {
        arguments.prepend(kNamespace);
        arguments.prepend(QStringLiteral("-n"));
        return m_cluster.kubectl().run(arguments, input, timeoutMs);
    }

    ConformanceCluster m_cluster;
};

BINNACLE_CONFORMANCE_MAIN(TestKubectlExec)
#include "tst_kubectl_exec.moc"
