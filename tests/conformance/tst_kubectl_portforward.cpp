// kubectl port-forward and kubectl attach against binnacle-sim.
//
// port-forward: kubectl 1.32 always speaks SPDY for port-forward. It first asks for a WebSocket carrying
// SPDY frames (subprotocol SPDY/3.1+portforward.k8s.io, the PortForwardWebsockets tunnel) and, when that
// upgrade fails, falls back to a plain SPDY/3.1 upgrade (POST, X-Stream-Protocol-Version:
// portforward.k8s.io). The simulator implements no SPDY: it serves port-forward over the kubelet's WebSocket
// channel protocol (v4.channel.k8s.io), which tst_portforwardwebsocket covers with a client of our own. So
// this test asserts what kubectl honestly does here: both upgrades are tried, refused with a clear message,
// and kubectl exits with an error rather than hanging or listening on a dead port.
//
// attach: kubectl 1.32 attaches over WebSocket v5.channel.k8s.io (as exec), so it works end to end: stdin
// echoed by the container's simulated main process, the TTY under a pty with its size, log lines as they
// come, and the kubelet's errors.
#include "conformancecluster.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>

using namespace binnacle::sim::conformance;

namespace {
const QString kNamespace = QStringLiteral("conf-forward");
constexpr int kReadyTimeoutMs = 60000;

const QByteArray kPods = R"(apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: nginx:1.27
    stdin: true
    ports: [{containerPort: 80, name: http}, {containerPort: 9000, name: echo}]
---
apiVersion: v1
kind: Pod
metadata: {name: term}
spec:
  containers:
  - {name: main, image: busybox:1.36, stdin: true, tty: true}
---
apiVersion: v1
kind: Pod
metadata: {name: staged}
spec:
  initContainers:
  - {name: setup, image: busybox:1.36}
  containers:
  - {name: main, image: busybox:1.36}
)";

} // namespace

class TestKubectlPortForward : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kNamespace, &error), qPrintable(error));
        const KubectlResult created = m_cluster.create(kPods, kNamespace);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        const KubectlResult ready =
            kubectl({"wait", "--for=condition=Ready", "pod/web", "pod/term", "pod/staged", "--timeout=60s"},
                    {}, kReadyTimeoutMs + 10000);
        QVERIFY2(ready.succeeded(), qPrintable(ready.describe()));
    }

    void portForwardNeedsSpdyAndFailsClearly() {
        // ":80": kubectl would pick the local port itself, had the upgrade worked.
        const KubectlResult result = kubectl({"port-forward", "pod/web", ":80", "-v=8"});
        QVERIFY2(!result.timedOut, "kubectl port-forward hung instead of failing");
        QCOMPARE(result.exitCode, 1);
        // First the SPDY-over-WebSocket tunnel, refused with the simulator's explanation...
        QVERIFY2(result.err.contains(QStringLiteral("Sec-Websocket-Protocol: SPDY/3.1+portforward.k8s.io")),
                 qPrintable(result.err.right(4000)));
        QVERIFY2(result.err.contains(QStringLiteral("fallback to secondary dialer")),
                 qPrintable(result.err.right(4000)));
        QVERIFY2(
            result.err.contains(QStringLiteral("the simulator does not serve SPDY/3.1+portforward.k8s.io")),
            qPrintable(result.err.right(4000)));
        // ...then plain SPDY, refused after the same checks.
        QVERIFY2(result.err.contains(QStringLiteral("X-Stream-Protocol-Version: portforward.k8s.io")),
                 qPrintable(result.err.right(4000)));
        QVERIFY2(result.err.contains(QStringLiteral("error: error upgrading connection: the simulator serves "
                                                    "port-forward over WebSocket only")),
                 qPrintable(result.err.right(4000)));
        QVERIFY2(!result.out.contains(QStringLiteral("Forwarding from")), qPrintable(result.out));
    }

    void portForwardChecksComeFirst() {
        // The API server's checks happen before the upgrade, so kubectl reports them as they are.
        const KubectlResult missing = kubectl({"port-forward", "pod/ghost", ":80"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("pods \"ghost\" not found")),
                 qPrintable(missing.describe()));
        const KubectlResult forbidden = m_cluster.kubectl(QStringLiteral("sim-readonly"))
                                            .run({"-n", kNamespace, "port-forward", "pod/web", ":80"});
        QCOMPARE(forbidden.exitCode, 1);
        QVERIFY2(forbidden.err.contains(QStringLiteral("pods/portforward")),
                 qPrintable(forbidden.describe()));
    }

    void attachEchoesStdin() {
        const KubectlResult result = kubectl({"attach", "web", "-i"}, "first line\nsecond line\n");
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(result.out, QStringLiteral("first line\nsecond line\n"));
        QVERIFY2(
            result.err.contains(QStringLiteral("If you don't see a command prompt, try pressing enter.")),
            qPrintable(result.err));
    }

    void attachUsesWebSockets() {
        const KubectlResult result = kubectl({"attach", "web", "-i", "-v=6"}, "x\n");
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QVERIFY2(result.err.contains(QStringLiteral("The subprotocol is v5.channel.k8s.io")),
                 qPrintable(result.err.right(3000)));
        QVERIFY2(result.err.contains(QStringLiteral("101 Switching Protocols")),
                 qPrintable(result.err.right(3000)));
    }

    void attachStreamsLogLines() {
        // Without -i kubectl just shows what the main process prints from now on: a line per 5 s.
        auto attached = m_cluster.kubectl().start({"-n", kNamespace, "attach", "web"});
        const QString line = attached->waitForLine(QRegularExpression(QStringLiteral("\"GET /")), 30000);
        const QString seen = attached->describe();
        attached->stop();
        QVERIFY2(!line.isEmpty(), qPrintable(seen));
        QVERIFY2(line.contains(QStringLiteral("HTTP/1.1")), qPrintable(line)); // nginx's access log
    }

    void attachToATerminalUnderAPty() {
        // kubectl attach -it needs a terminal: util-linux `script` gives it one, sized 123x45, which kubectl
        // sends on the resize channel. The main process answers `size` and ends with `exit`.
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        if (script.isEmpty()) {
            QSKIP("util-linux `script` is not installed: no pty to run kubectl attach -it in");
        }
        QProcess process;
        process.setProgram(script);
        const QString command =
            QStringLiteral(
                "stty cols 123 rows 45; '%1' --kubeconfig '%2' --context sim-admin -n %3 attach -it term")
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
        QByteArray seen;
        auto type = [&](const QByteArray& keys, const QByteArray& expect) {
            process.write(keys);
            QDeadlineTimer deadline(15000);
            while (!seen.contains(expect) && !deadline.hasExpired()) {
                process.waitForReadyRead(200);
                seen += process.readAll();
            }
            return seen.contains(expect);
        };
        QVERIFY2(type({}, "try pressing enter."), seen.constData());
        // Typed keys come back twice: the terminal's echo, then the process's own.
        QVERIFY2(type("hello pty\r", "hello pty\r\nhello pty\r\n"), seen.constData());
        // kubectl sends the size from its own goroutine, so it may land just after the first keys.
        bool sized = false;
        for (int attempt = 0; attempt < 20 && !sized; ++attempt) {
            QTest::qWait(attempt * 50);
            seen.clear();
            sized = type("size\r", "45 123\r\n");
        }
        QVERIFY2(sized, seen.constData());
        QVERIFY2(type("exit\r", "Session ended, resume using"), seen.constData());
        QVERIFY(process.waitForFinished(15000));
        QCOMPARE(process.exitCode(), 0);
    }

    void attachToAContainerThatDoesNotRun() {
        // The init container has finished: the kubelet finds nothing to attach to.
        const KubectlResult result = kubectl({"attach", "staged", "-c", "setup"});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("container setup not found in pod staged_conf-forward")),
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

BINNACLE_CONFORMANCE_MAIN(TestKubectlPortForward)
#include "tst_kubectl_portforward.moc"
