// kubectl port-forward and kubectl attach against binnacle-sim.
//
// port-forward: kubectl 1.32 speaks SPDY/3.1 for port-forward. It first asks for a WebSocket carrying SPDY
// frames (subprotocol SPDY/3.1+portforward.k8s.io, the PortForwardWebsockets tunnel) and, when that upgrade
// fails, falls back to a plain SPDY/3.1 upgrade (POST, X-Stream-Protocol-Version: portforward.k8s.io). The
// simulator serves both (SpdyPortForwardSession), so a real TCP client talks through kubectl's local port
// to the pod's echo service and HTTP page: several ports and connections at once, a megabyte both ways, a
// Service resolved by kubectl to its pod and target port, and the kubelet's error for a port nothing
// listens on, after which kubectl gives up on the connection.
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
#include <QTcpSocket>

using namespace binnacle::sim::conformance;

namespace {
const QString kNamespace = QStringLiteral("conf-forward");
constexpr int kReadyTimeoutMs = 60000;

const QByteArray kPods = R"(apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: forward-web}}
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
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: forward-web}
  ports: [{name: echo, port: 7000, targetPort: 9000}]
)";

// Connects to kubectl's local port; the socket is connected, or the test has failed.
std::unique_ptr<QTcpSocket> connectTo(quint16 port) {
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QStringLiteral("127.0.0.1"), port);
    socket->waitForConnected(5000);
    return socket;
}

// Writes `bytes` and reads until as many came back (or the socket closed, or 20 s passed).
QByteArray roundTrip(QTcpSocket& socket, const QByteArray& bytes) {
    socket.write(bytes);
    QByteArray received;
    QDeadlineTimer deadline(20000);
    while (received.size() < bytes.size() && !deadline.hasExpired()) {
        if (!socket.bytesAvailable() &&
            !socket.waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 500))) &&
            socket.state() != QAbstractSocket::ConnectedState) {
            break;
        }
        received += socket.readAll();
    }
    return received;
}

// Reads until the peer closes (an HTTP response with Connection: close).
QByteArray readUntilClosed(QTcpSocket& socket) {
    QByteArray received;
    QDeadlineTimer deadline(20000);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(200);
        received += socket.readAll();
    }
    return received + socket.readAll();
}

QByteArray pattern(int size) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i) {
        bytes[i] = char((i * 31 + i / 251) & 0xFF);
    }
    return bytes;
}

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

    void portForwardEchoesThroughTheWebSocketTunnel() {
        // -v=6 names each request with its method and status: the tunnel is a GET answered 101, and kubectl
        // did not fall back to plain SPDY.
        auto forward = startForward({"pod/web", ":9000", "-v=6"});
        const quint16 local = localPort(*forward, 9000);
        QVERIFY2(local != 0, qPrintable(forward->describe()));
        auto socket = connectTo(local);
        QCOMPARE(roundTrip(*socket, "hello through kubectl\n"), QByteArray("hello through kubectl\n"));
        QCOMPARE(roundTrip(*socket, "second line\n"), QByteArray("second line\n"));
        socket.reset();
        const QString log = forward->describe();
        QVERIFY2(
            log.contains(QRegularExpression(QStringLiteral("GET https://\\S+/pods/web/portforward 101"))),
            qPrintable(log));
        QVERIFY2(!log.contains(QStringLiteral("fallback to secondary dialer")), qPrintable(log));
    }

    void portForwardOverPlainSpdy() {
        // With the tunnel switched off kubectl upgrades a POST to SPDY/3.1 directly.
        qputenv("KUBECTL_PORT_FORWARD_WEBSOCKETS", "false");
        auto forward = startForward({"pod/web", ":9000", ":80", "-v=6"});
        qunsetenv("KUBECTL_PORT_FORWARD_WEBSOCKETS");
        const quint16 echo = localPort(*forward, 9000);
        const quint16 web = localPort(*forward, 80);
        QVERIFY2(echo != 0 && web != 0, qPrintable(forward->describe()));
        auto socket = connectTo(echo);
        QCOMPARE(roundTrip(*socket, "plain spdy"), QByteArray("plain spdy"));
        auto page = connectTo(web);
        page->write("GET /plain HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        const QByteArray response = readUntilClosed(*page);
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.constData());
        QVERIFY(response.contains("port 80, path /plain."));
        const QString log = forward->describe();
        QVERIFY2(
            log.contains(QRegularExpression(QStringLiteral("POST https://\\S+/pods/web/portforward 101"))),
            qPrintable(log));
    }

    void severalPortsAndConnectionsAtOnce() {
        auto forward = startForward({"pod/web", ":9000", ":80"});
        const quint16 echo = localPort(*forward, 9000);
        const quint16 web = localPort(*forward, 80);
        QVERIFY2(echo != 0 && web != 0, qPrintable(forward->describe()));
        // Two echo connections and a page, all open together: each has its own pair of SPDY streams.
        auto first = connectTo(echo);
        auto second = connectTo(echo);
        auto page = connectTo(web);
        page->write("GET /many HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QCOMPARE(roundTrip(*first, "first"), QByteArray("first"));
        QCOMPARE(roundTrip(*second, "second"), QByteArray("second"));
        QCOMPARE(roundTrip(*first, "first again"), QByteArray("first again"));
        QByteArray response;
        QDeadlineTimer deadline(20000);
        while (!response.contains("</html>") && !deadline.hasExpired()) {
            page->waitForReadyRead(200);
            response += page->readAll();
        }
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.constData());
        QVERIFY(response.contains("<h1>Hello from web</h1>"));
        QVERIFY(response.contains("Namespace conf-forward, port 80, path /many."));
        // Keep-alive: a second request on the same connection.
        page->write("GET /again HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QVERIFY(readUntilClosed(*page).contains("path /again."));
    }

    void aMegabyteBothWays() {
        auto forward = startForward({"pod/web", ":9000"});
        const quint16 local = localPort(*forward, 9000);
        QVERIFY2(local != 0, qPrintable(forward->describe()));
        auto socket = connectTo(local);
        const QByteArray sent = pattern(1 << 20);
        const QByteArray received = roundTrip(*socket, sent);
        QCOMPARE(received.size(), sent.size());
        QVERIFY(received == sent);
    }

    void serviceResolvesToItsPodAndTargetPort() {
        // kubectl finds the Service's pod by its selector and maps port 7000 to targetPort 9000.
        auto forward = startForward({"svc/web", ":7000"});
        const quint16 local = localPort(*forward, 9000);
        QVERIFY2(local != 0, qPrintable(forward->describe()));
        auto socket = connectTo(local);
        QCOMPARE(roundTrip(*socket, "via the service"), QByteArray("via the service"));
    }

    void unknownPortGivesTheKubeletError() {
        // kubectl listens without checking the port; the first connection gets the kubelet's error on the
        // error stream, kubectl reports it and gives up on the whole forward.
        auto forward = startForward({"pod/web", ":5432"});
        const quint16 local = localPort(*forward, 5432);
        QVERIFY2(local != 0, qPrintable(forward->describe()));
        auto socket = connectTo(local);
        socket->write("anyone there?");
        QVERIFY(readUntilClosed(*socket).isEmpty());
        QVERIFY(forward->process().waitForFinished(20000));
        const KubectlResult result = forward->stop();
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(
            result.err.contains(QRegularExpression(QStringLiteral(
                "an error occurred forwarding \\d+ -> 5432: error forwarding port 5432 to pod [0-9a-f]{64}, "
                "uid : failed to execute portforward in network namespace"))),
            qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("connect: connection refused")), qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("error: lost connection to pod")),
                 qPrintable(result.err));
    }

    void podDeletionEndsTheForward() {
        // The pod goes away under an open connection: its streams end, the connection goes (GOAWAY), and
        // kubectl says so and exits rather than listening on a dead port.
        const KubectlResult created = m_cluster.create(R"(apiVersion: v1
kind: Pod
metadata: {name: brief}
spec:
  containers:
  - {name: app, image: busybox:1.36, ports: [{containerPort: 9000}]}
)",
                                                       kNamespace);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        QVERIFY(
            kubectl({"wait", "--for=condition=Ready", "pod/brief", "--timeout=60s"}, {}, 70000).succeeded());
        auto forward = startForward({"pod/brief", ":9000"});
        const quint16 local = localPort(*forward, 9000);
        QVERIFY2(local != 0, qPrintable(forward->describe()));
        auto socket = connectTo(local);
        QCOMPARE(roundTrip(*socket, "before"), QByteArray("before"));
        QVERIFY(kubectl({"delete", "pod", "brief", "--grace-period=0", "--force"}).succeeded());
        QVERIFY(readUntilClosed(*socket).isEmpty());
        QVERIFY(forward->process().waitForFinished(20000));
        const KubectlResult result = forward->stop();
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("error: lost connection to pod")),
                 qPrintable(result.err));
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
    std::unique_ptr<KubectlBackground> startForward(const QStringList& arguments) const {
        QStringList full{QStringLiteral("-n"), kNamespace, QStringLiteral("port-forward")};
        full += arguments;
        return m_cluster.kubectl().start(full);
    }

    // The local port kubectl chose for `remote`, from its "Forwarding from 127.0.0.1:P -> R" line; 0 if none.
    static quint16 localPort(KubectlBackground& forward, quint16 remote) {
        const QRegularExpression line(
            QStringLiteral("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> %1$").arg(remote));
        return quint16(line.match(forward.waitForLine(line, 30000)).captured(1).toUInt());
    }

    KubectlResult kubectl(QStringList arguments, const QByteArray& input = {}, int timeoutMs = 30000) const {
        arguments.prepend(kNamespace);
        arguments.prepend(QStringLiteral("-n"));
        return m_cluster.kubectl().run(arguments, input, timeoutMs);
    }

    ConformanceCluster m_cluster;
};

BINNACLE_CONFORMANCE_MAIN(TestKubectlPortForward)
#include "tst_kubectl_portforward.moc"
