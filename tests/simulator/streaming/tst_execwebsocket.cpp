// pods/exec over real TLS against an in-process simulator with its controllers: the WebSocket handshake,
// v5 and v4 channel framing, stdin and its v5 close signal, the TTY shell with resize and ping/pong,
// fragmented client messages, exit statuses, and the HTTP errors sent instead of the upgrade.
#include "apitestcluster.h"
#include "channelprotocol.h"
#include "execwebsocketclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;
using streamtest::ExecWebSocketClient;

namespace {
constexpr char kNamespace[] = "exec-wire";
const QByteArray kBothProtocols = "v5.channel.k8s.io, v4.channel.k8s.io";

QJsonObject pod(const QString& name, const QJsonObject& extraSpec = {}) {
    QJsonObject spec{
        {"containers",
         QJsonArray{QJsonObject{{"name", "main"},
                                {"image", "busybox:1.36"},
                                {"env", QJsonArray{QJsonObject{{"name", "COLOR"}, {"value", "teal"}}}}}}}};
    for (auto it = extraSpec.begin(); it != extraSpec.end(); ++it) {
        spec.insert(it.key(), it.value());
    }
    return QJsonObject{
        {"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", QJsonObject{{"name", name}}}, {"spec", spec}};
}

QByteArray execTarget(const QString& podName, const QStringList& command, const QByteArray& streams) {
    QByteArray target =
        "/api/v1/namespaces/" + QByteArray(kNamespace) + "/pods/" + podName.toUtf8() + "/exec?";
    for (const QString& word : command) {
        target += "command=" + QUrl::toPercentEncoding(word) + '&';
    }
    return target + streams;
}

QJsonObject json(const QByteArray& bytes) {
    return QJsonDocument::fromJson(bytes).object();
}
} // namespace

class TestExecWebSocket : public QObject {
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
        const QByteArray pods = "/api/v1/namespaces/" + QByteArray(kNamespace) + "/pods";
        QCOMPARE(m_cluster->post(pods, pod("box")).status, 201);
        QCOMPARE(
            m_cluster->post(pods, pod("stuck", {{"nodeSelector", QJsonObject{{"no-such-node", "true"}}}}))
                .status,
            201);
        QTRY_VERIFY_WITH_TIMEOUT(isRunning("box"), 30000);
    }

    void handshakeNegotiatesV5() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(execTarget("box", {"echo", "hello"}, "stdout=true&stderr=true"), kBothProtocols));
        QCOMPARE(client.response().header("Sec-WebSocket-Protocol"), QByteArray("v5.channel.k8s.io"));
        QCOMPARE(client.acceptHeader(), ws::acceptKey(client.sentKey()));
        QCOMPARE(client.response().header("Upgrade").toLower(), QByteArray("websocket"));
        const auto transcript = client.readUntilClosed();
        QVERIFY(!transcript.messages.isEmpty());
        QCOMPARE(transcript.messages.first(), QByteArray("\x01")); // the empty "streams are up" message
        QCOMPARE(transcript.stdoutData, QByteArray("hello\n"));
        QCOMPARE(json(transcript.status).value("status").toString(), QStringLiteral("Success"));
        QVERIFY(transcript.closed);
        QCOMPARE(transcript.closeCode, ws::closeNormal);
    }

    void v4ReportsExitCodeAndStderr() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(
            execTarget("box", {"sh", "-c", "echo $COLOR; nope; exit 3"}, "stdout=true&stderr=true"),
            "v4.channel.k8s.io"));
        QCOMPARE(client.response().header("Sec-WebSocket-Protocol"), QByteArray("v4.channel.k8s.io"));
        const auto transcript = client.readUntilClosed();
        QCOMPARE(transcript.stdoutData, QByteArray("teal\n"));
        QCOMPARE(transcript.stderrData, QByteArray("sh: nope: not found\n"));
        const QJsonObject status = json(transcript.status);
        QCOMPARE(status.value("reason").toString(), QStringLiteral("NonZeroExitCode"));
        QCOMPARE(
            status.value("details").toObject().value("causes").toArray().first().toObject().value("message"),
            QJsonValue("3"));
    }

    void unrequestedStreamsStaySilent() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(
            client.open(execTarget("box", {"sh", "-c", "echo out; nope"}, "stderr=true"), kBothProtocols));
        const auto transcript = client.readUntilClosed();
        QVERIFY(transcript.stdoutData.isEmpty());
        QCOMPARE(transcript.messages.first(), QByteArray("\x02"));
        QCOMPARE(transcript.stderrData, QByteArray("sh: nope: not found\n"));
    }

    void v5CloseSignalEndsStdin() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(
            client.open(execTarget("box", {"cat"}, "stdin=true&stdout=true&stderr=true"), kBothProtocols));
        client.sendChannel(channel::stdinChannel, "abc");
        // A message split in two frames arrives whole.
        client.sendFrame(ws::Opcode::Binary, QByteArray("\x00", 1) + "de", false);
        client.sendFrame(ws::Opcode::Continuation, "f\n");
        ExecWebSocketClient::Transcript transcript;
        QVERIFY(client.waitForStdout("abcdef\n", &transcript));
        client.sendChannel(channel::closeSignal, QByteArray(1, char(channel::stdinChannel)));
        const auto rest = client.readUntilClosed();
        QCOMPARE(json(rest.status).value("status").toString(), QStringLiteral("Success"));
        QVERIFY(rest.closed);
    }

    void v4HasNoCloseSignal() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(execTarget("box", {"cat"}, "stdin=true&stdout=true"), "v4.channel.k8s.io"));
        client.sendChannel(channel::closeSignal, QByteArray(1, char(channel::stdinChannel)));
        client.sendChannel(channel::stdinChannel, "still open");
        ExecWebSocketClient::Transcript transcript;
        QVERIFY(client.waitForStdout("still open", &transcript));
        QVERIFY(transcript.status.isEmpty());
        // Only closing the whole socket ends it; the server answers the close.
        client.sendFrame(ws::Opcode::Close, QByteArray("\x03\xe8", 2));
        const auto rest = client.readUntilClosed();
        QVERIFY(rest.closed);
        QCOMPARE(rest.closeCode, ws::closeNormal);
    }

    void ttyShellWithResizeAndPing() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(execTarget("box", {"sh"}, "stdin=true&stdout=true&tty=true"), kBothProtocols));
        ExecWebSocketClient::Transcript transcript;
        QVERIFY(client.waitForStdout("/ # ", &transcript));
        client.sendChannel(channel::resizeChannel, R"({"Width":100,"Height":30})");
        client.sendFrame(ws::Opcode::Ping, "beat");
        const auto pong = client.next();
        QVERIFY(pong);
        QCOMPARE(pong->opcode, ws::Opcode::Pong);
        QCOMPARE(pong->payload, QByteArray("beat"));
        client.sendChannel(channel::stdinChannel, "echo $TERM\r");
        QVERIFY(client.waitForStdout("echo $TERM\r\nxterm\r\n/ # ", &transcript));
        client.sendChannel(channel::stdinChannel, "stty size\r");
        QVERIFY(client.waitForStdout("stty size\r\n30 100\r\n/ # ", &transcript));
        client.sendChannel(channel::stdinChannel, "exit 2\r");
        const auto rest = client.readUntilClosed();
        QCOMPARE(json(rest.status)
                     .value("details")
                     .toObject()
                     .value("causes")
                     .toArray()
                     .first()
                     .toObject()
                     .value("message"),
                 QJsonValue("2"));
    }

    void errorsInsteadOfTheUpgrade_data() {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("protocols");
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        // The upgrade is a GET: the API server checks that verb first (the read-only user fails there),
        // then create.
        QTest::newRow("read-only user")
            << execTarget("box", {"true"}, "stdout=true") << kBothProtocols << true << 403
            << R"(pods "box" is forbidden: User "sim-readonly" cannot get resource "pods/exec" in API group "" in the namespace "exec-wire")";
        QTest::newRow("missing pod") << execTarget("ghost", {"true"}, "stdout=true") << kBothProtocols
                                     << false << 404 << R"(pods "ghost" not found)";
        QTest::newRow("unknown container")
            << execTarget("box", {"true"}, "stdout=true&container=nope") << kBothProtocols << false << 400
            << "container nope is not valid for pod box";
        QTest::newRow("not scheduled") << execTarget("stuck", {"true"}, "stdout=true") << kBothProtocols
                                       << false << 400 << "pod stuck does not have a host assigned";
        QTest::newRow("no command") << execTarget("box", {}, "stdout=true") << kBothProtocols << false << 400
                                    << "you must specify at least 1 command";
        QTest::newRow("no streams") << execTarget("box", {"true"}, "tty=false") << kBothProtocols << false
                                    << 400 << "you must specify at least 1 of stdin, stdout, stderr";
        QTest::newRow("unsupported protocol")
            << execTarget("box", {"true"}, "stdout=true") << QByteArray("base64.channel.k8s.io") << false
            << 400
            << "requested protocol(s) are not supported: [base64.channel.k8s.io]; "
               "supports [v5.channel.k8s.io v4.channel.k8s.io]";
    }
    void errorsInsteadOfTheUpgrade() {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, protocols);
        QFETCH(bool, readOnly);
        QFETCH(int, status);
        QFETCH(QString, message);
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(!client.open(target, protocols, readOnly ? Credential::ReadOnly : Credential::Admin));
        QCOMPARE(client.response().status, status);
        QCOMPARE(json(client.response().body).value("message").toString(), message);
    }

    void plainRequestNeedsAnUpgrade() {
        const WireResponse response = m_cluster->get(execTarget("box", {"true"}, "stdout=true"));
        QCOMPARE(response.status, 400);
        QCOMPARE(response.json().value("message").toString(), QStringLiteral("Upgrade request required"));
        const WireResponse spdy =
            m_cluster->send(WireRequest{"POST",
                                        execTarget("box", {"true"}, "stdout=true"),
                                        {},
                                        {{"Connection", "Upgrade"}, {"Upgrade", "SPDY/3.1"}}});
        QCOMPARE(spdy.status, 400);
        QVERIFY(spdy.json().value("message").toString().contains(QStringLiteral("not SPDY")));
    }

private:
    bool isRunning(const QString& name) {
        const WireResponse response =
            m_cluster->get("/api/v1/namespaces/" + QByteArray(kNamespace) + "/pods/" + name.toUtf8());
        const QJsonArray statuses =
            response.json().value("status").toObject().value("containerStatuses").toArray();
        return !statuses.isEmpty() &&
               statuses.first().toObject().value("state").toObject().contains(QLatin1String("running"));
    }

    std::unique_ptr<ApiTestCluster> m_cluster;
};

QTEST_GUILESS_MAIN(TestExecWebSocket)
#include "tst_execwebsocket.moc"
