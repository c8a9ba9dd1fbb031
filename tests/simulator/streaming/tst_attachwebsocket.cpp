// pods/attach over real TLS against an in-process simulator: the v5 and v4 channel protocols to the
// container's simulated main process — its log lines, stdin echoed back, resize on a TTY, and the Success
// status when it exits, when the client detaches and when the pod goes — and the errors sent instead of the
// upgrade (a container that does not run is the kubelet's 500).
#include "apitestcluster.h"
#include "channelprotocol.h"
#include "execwebsocketclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;
using streamtest::ExecWebSocketClient;

namespace {
constexpr char kNamespace[] = "attach-wire";
const QByteArray kBothProtocols = "v5.channel.k8s.io, v4.channel.k8s.io";

QJsonObject pod(const QString& name, const QJsonObject& mainExtras, const QJsonObject& extraSpec = {}) {
    QJsonObject main{{"name", "main"}, {"image", "busybox:1.36"}};
    for (auto it = mainExtras.begin(); it != mainExtras.end(); ++it) {
        main.insert(it.key(), it.value());
    }
    QJsonObject spec{{"containers", QJsonArray{main}}};
    for (auto it = extraSpec.begin(); it != extraSpec.end(); ++it) {
        spec.insert(it.key(), it.value());
    }
    return QJsonObject{
        {"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", QJsonObject{{"name", name}}}, {"spec", spec}};
}

QByteArray target(const QString& podName, const QByteArray& query) {
    return "/api/v1/namespaces/" + QByteArray(kNamespace) + "/pods/" + podName.toUtf8() + "/attach?" + query;
}

QJsonObject json(const QByteArray& bytes) {
    return QJsonDocument::fromJson(bytes).object();
}

QByteArray podsPath() {
    return "/api/v1/namespaces/" + QByteArray(kNamespace) + "/pods";
}
} // namespace

class TestAttachWebSocket : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        SimulatorOptions options;
        options.controllers = true;
        options.timeScale = 0.02;
        m_cluster = std::make_unique<ApiTestCluster>(options);
        QString error;
        QVERIFY2(m_cluster->start(&error), qPrintable(error));
        m_cluster->ensureNamespace(QLatin1String(kNamespace));
        QCOMPARE(m_cluster->post(podsPath(), pod("reader", {{"stdin", true}})).status, 201);
        QCOMPARE(m_cluster->post(podsPath(), pod("term", {{"stdin", true}, {"tty", true}})).status, 201);
        QCOMPARE(m_cluster->post(podsPath(), pod("daemon", {})).status, 201);
        QCOMPARE(m_cluster
                     ->post(podsPath(),
                            pod("withinit", {},
                                {{"initContainers",
                                  QJsonArray{QJsonObject{{"name", "setup"}, {"image", "busybox:1.36"}}}}}))
                     .status,
                 201);
        QCOMPARE(
            m_cluster
                ->post(podsPath(), pod("stuck", {}, {{"nodeSelector", QJsonObject{{"no-such-node", "x"}}}}))
                .status,
            201);
        for (const char* name : {"reader", "term", "daemon", "withinit"}) {
            QTRY_VERIFY_WITH_TIMEOUT(isRunning(QLatin1String(name)), 30000);
        }
    }

    void stdinIsEchoedAndDetachEndsWithSuccess() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("reader", "stdin=true&stdout=true&stderr=true"), kBothProtocols));
        QCOMPARE(client.response().header("Sec-WebSocket-Protocol"), QByteArray("v5.channel.k8s.io"));
        client.sendChannel(channel::stdinChannel, "hello ");
        client.sendChannel(channel::stdinChannel, "attach\nsecond line\n");
        ExecWebSocketClient::Transcript transcript;
        QVERIFY(client.waitForStdout("second line\n", &transcript));
        QCOMPARE(transcript.messages.first(), QByteArray("\x01")); // the "streams are up" message
        QVERIFY(transcript.stdoutData.contains("hello attach\nsecond line\n"));
        // Detaching: v5 closes stdin; the kubelet ends the attach with Success.
        client.sendChannel(channel::closeSignal, QByteArray(1, char(channel::stdinChannel)));
        const auto rest = client.readUntilClosed();
        QCOMPARE(json(rest.status).value("status").toString(), QStringLiteral("Success"));
        QVERIFY(rest.closed);
        QCOMPARE(rest.closeCode, ws::closeNormal);
    }

    void logLinesArriveWhileAttached() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("daemon", "stdout=true&stderr=true"), kBothProtocols));
        ExecWebSocketClient::Transcript transcript;
        // busybox-like images log logfmt lines; warnings and errors come on stderr.
        QVERIFY(client.waitForStdout("container=main", &transcript, 15000));
        QVERIFY(transcript.stdoutData.startsWith("level="));
        QVERIFY(transcript.stdoutData.endsWith('\n'));
        QVERIFY(transcript.status.isEmpty());
    }

    void ttyResizeAndExit() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("term", "stdin=true&stdout=true&tty=true"), kBothProtocols));
        client.sendChannel(channel::resizeChannel, R"({"Width":100,"Height":30})");
        client.sendChannel(channel::stdinChannel, "size\r");
        ExecWebSocketClient::Transcript transcript;
        QVERIFY(client.waitForStdout("size\r\n30 100\r\n", &transcript));
        client.sendChannel(channel::resizeChannel, R"({"Width":120,"Height":40})");
        client.sendChannel(channel::stdinChannel, "size\r");
        QVERIFY(client.waitForStdout("40 120\r\n", &transcript));
        // The main process exits; attach carries no exit code, only the kubelet's Success.
        client.sendChannel(channel::stdinChannel, "exit 3\r");
        const auto rest = client.readUntilClosed();
        QCOMPARE(json(rest.status).value("status").toString(), QStringLiteral("Success"));
        QVERIFY(!json(rest.status).contains("details"));
        QVERIFY(rest.closed);
    }

    void v4EndsOnExitToo() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("reader", "stdin=true&stdout=true"), "v4.channel.k8s.io"));
        QCOMPARE(client.response().header("Sec-WebSocket-Protocol"), QByteArray("v4.channel.k8s.io"));
        client.sendChannel(channel::stdinChannel, "one\nexit\n");
        const auto transcript = client.readUntilClosed();
        QVERIFY(transcript.stdoutData.contains("one\n"));
        QCOMPARE(json(transcript.status).value("status").toString(), QStringLiteral("Success"));
    }

    void stdinIsIgnoredWhenTheContainerHasNone() {
        // The kubelet follows the container's spec: without `stdin: true` nothing reads what the client
        // sends.
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("daemon", "stdin=true&stdout=true"), kBothProtocols));
        client.sendChannel(channel::stdinChannel, "unheard marker\nexit\n");
        client.sendFrame(ws::Opcode::Close, QByteArray("\x03\xe8", 2)); // after the stdin, on the same stream
        const auto transcript = client.readUntilClosed();
        QVERIFY(transcript.closed);
        QVERIFY(!transcript.stdoutData.contains("unheard marker"));
        QVERIFY(transcript.status.isEmpty()); // `exit` was not read either
    }

    void podDeletionEndsTheAttach() {
        QCOMPARE(m_cluster->post(podsPath(), pod("brief", {{"stdin", true}})).status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(isRunning(QStringLiteral("brief")), 30000);
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("brief", "stdout=true"), kBothProtocols));
        const WireResponse removed =
            m_cluster->remove(podsPath() + "/brief", QJsonObject{{"gracePeriodSeconds", 0}});
        QVERIFY2(removed.status == 200 || removed.status == 202, removed.body.constData());
        const auto transcript = client.readUntilClosed(30000);
        QCOMPARE(json(transcript.status).value("status").toString(), QStringLiteral("Success"));
        QVERIFY(transcript.closed);
    }

    void errorsInsteadOfTheUpgrade_data() {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("container not running") << target("withinit", "stdout=true&container=setup") << 500
                                               << "container setup not found in pod withinit_attach-wire";
        QTest::newRow("unknown container") << target("reader", "stdout=true&container=nope") << 400
                                           << "container nope is not valid for pod reader";
        QTest::newRow("not scheduled")
            << target("stuck", "stdout=true") << 400 << "pod stuck does not have a host assigned";
        QTest::newRow("no streams") << target("reader", "tty=true") << 400
                                    << "you must specify at least 1 of stdin, stdout, stderr";
        QTest::newRow("missing pod") << target("ghost", "stdout=true") << 404 << R"(pods "ghost" not found)";
    }

    void errorsInsteadOfTheUpgrade() {
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(QString, message);
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(!client.open(target, kBothProtocols));
        QCOMPARE(client.response().status, status);
        QCOMPARE(json(client.response().body).value("message").toString(), message);
    }

    void spdyIsRefusedAfterTheSameChecks() {
        const WireResponse spdy =
            m_cluster->send(WireRequest{"POST",
                                        target("reader", "stdout=true"),
                                        {},
                                        {{"Connection", "Upgrade"}, {"Upgrade", "SPDY/3.1"}}});
        QCOMPARE(spdy.status, 400);
        QVERIFY(spdy.json().value("message").toString().contains(QStringLiteral("not SPDY")));
    }

private:
    bool isRunning(const QString& name) {
        const WireResponse response = m_cluster->get(podsPath() + "/" + name.toUtf8());
        return response.json().value("status").toObject().value("phase").toString() ==
               QLatin1String("Running");
    }

    std::unique_ptr<ApiTestCluster> m_cluster;
};

QTEST_GUILESS_MAIN(TestAttachWebSocket)
#include "tst_attachwebsocket.moc"
