// pods/portforward over real TLS against an in-process simulator, as the kubelet's WebSocket protocol has it:
// the port prefix (uint16 little-endian) opening both channels of every port, data on 2i and errors on 2i+1,
// two ports in one socket, an echo round trip of more than a megabyte, the HTTP page, the error channel for a
// port nothing listens on, closing from either side, the base64 and no-subprotocol variants, and the errors
// sent instead of the upgrade. kubectl's SPDY/3.1 is here too: tunnelled in WebSocket, its streams through to
// the echo service, and the plain upgrade's handshake (real kubectl drives both in tst_kubectl_portforward).
#include "apitestcluster.h"
#include "execwebsocketclient.h"
#include "portforwardreader.h"
#include "portforwardsession.h"
#include "spdyframes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;
using streamtest::Channels;
using streamtest::ExecWebSocketClient;
using streamtest::readUntil;
using streamtest::readUntilClosed;

namespace {
constexpr char kNamespace[] = "pf-wire";
constexpr char kV4[] = "v4.channel.k8s.io";

QJsonObject container(const QString& name, const QString& image, const QJsonArray& ports) {
    return QJsonObject{{"name", name}, {"image", image}, {"ports", ports}};
}

QJsonObject pod(const QString& name, const QJsonObject& extraSpec = {}) {
    QJsonObject spec{
        {"containers",
         QJsonArray{container("app", "nginx:1.27",
                              QJsonArray{QJsonObject{{"containerPort", 80}, {"name", "web"}},
                                         QJsonObject{{"containerPort", 9000}, {"name", "echo"}}}),
                    container("side", "busybox:1.36", QJsonArray{QJsonObject{{"containerPort", 8080}}})}}};
    for (auto it = extraSpec.begin(); it != extraSpec.end(); ++it) {
        spec.insert(it.key(), it.value());
    }
    return QJsonObject{
        {"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", QJsonObject{{"name", name}}}, {"spec", spec}};
}

QByteArray target(const QString& podName, const QByteArray& query) {
    return "/api/v1/namespaces/" + QByteArray(kNamespace) + "/pods/" + podName.toUtf8() + "/portforward?" +
           query;
}

QByteArray prefixed(int channel, quint16 port) {
    return char(channel) + portforward::portPrefix(port);
}

QJsonObject json(const QByteArray& bytes) {
    return QJsonDocument::fromJson(bytes).object();
}
} // namespace

class TestPortForwardWebSocket : public QObject {
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
        QCOMPARE(m_cluster->post(podsPath(), pod("web")).status, 201);
        QCOMPARE(
            m_cluster
                ->post(podsPath(), pod("stuck", {{"nodeSelector", QJsonObject{{"no-such-node", "true"}}}}))
                .status,
            201);
        QTRY_VERIFY_WITH_TIMEOUT(isRunning("web"), 30000);
    }

    void portPrefixOpensBothChannelsOfEveryPort() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("web", "ports=9000&ports=80"), kV4));
        QCOMPARE(client.response().header("Sec-WebSocket-Protocol"), QByteArray(kV4));
        Channels channels;
        QVERIFY(readUntil(client, &channels, [](const Channels& c) { return c.messages.size() >= 4; }));
        // 9000 = 0x2328 and 80 = 0x0050, low byte first.
        QCOMPARE(channels.messages.at(0), QByteArray("\x00\x28\x23", 3));
        QCOMPARE(channels.messages.at(1), QByteArray("\x01\x28\x23", 3));
        QCOMPARE(channels.messages.at(2), QByteArray("\x02\x50\x00", 3));
        QCOMPARE(channels.messages.at(3), QByteArray("\x03\x50\x00", 3));
        QVERIFY(!channels.closed);
    }

    void twoPortsAtOnce() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("web", "ports=9000&ports=8080"), kV4));
        client.sendChannel(0, "ping over echo\n");
        client.sendChannel(2, "GET /two HTTP/1.1\r\nHost: localhost\r\n\r\n");
        client.sendChannel(0, "second ping\n");
        Channels channels;
        QVERIFY(readUntil(client, &channels, [](const Channels& c) {
            return c.data.value(0).endsWith("second ping\n") && c.data.value(2).contains("</html>");
        }));
        QCOMPARE(channels.data.value(0), portforward::portPrefix(9000) + "ping over echo\nsecond ping\n");
        QVERIFY(channels.data.value(2).startsWith(portforward::portPrefix(8080) + "HTTP/1.1 200 OK\r\n"));
        QVERIFY(channels.data.value(2).contains("port 8080, path /two."));
        QCOMPARE(channels.data.value(1), portforward::portPrefix(9000)); // no errors
        QCOMPARE(channels.data.value(3), portforward::portPrefix(8080));
    }

    void echoRoundTripOfMoreThanAMegabyte() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("web", "ports=9000"), kV4));
        QByteArray sent;
        constexpr int chunkBytes = 32 * 1024;
        constexpr int chunks = 48; // 1.5 MiB
        Channels channels;
        for (int i = 0; i < chunks; ++i) {
            QByteArray chunk(chunkBytes, Qt::Uninitialized);
            for (int j = 0; j < chunkBytes; ++j) {
                chunk[j] = char((i * 131 + j * 7) & 0xFF);
            }
            sent += chunk;
            client.sendChannel(0, chunk);
            if (i % 8 == 7) { // keep a window in flight rather than a round trip per chunk
                const qsizetype expected = 2 + sent.size();
                QVERIFY(readUntil(client, &channels, [expected](const Channels& c) {
                    return c.data.value(0).size() >= expected;
                }));
            }
        }
        QVERIFY(readUntil(client, &channels,
                          [&sent](const Channels& c) { return c.data.value(0).size() >= 2 + sent.size(); }));
        QCOMPARE(channels.data.value(0).size(), 2 + sent.size());
        QVERIFY(channels.data.value(0).mid(2) == sent);
    }

    void httpPageNamesThePodAndClosesWhenAsked() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("web", "ports=80"), kV4));
        client.sendChannel(0, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        Channels channels;
        // The page's server closes its side; with no other port open the kubelet closes the socket.
        QVERIFY(readUntilClosed(client, &channels));
        const QByteArray response = channels.data.value(0).mid(2);
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.constData());
        QVERIFY(response.contains("<h1>Hello from web</h1>"));
        QVERIFY(response.contains("Namespace pf-wire, port 80"));
        QCOMPARE(channels.closeCode, ws::closeNormal);
    }

    void unknownPortGetsTheKubeletErrorAndOthersGoOn() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("web", "ports=9000&ports=5432"), kV4));
        Channels channels;
        QVERIFY(readUntil(client, &channels, [](const Channels& c) { return c.data.value(3).size() > 2; }));
        const QString error = QString::fromUtf8(channels.data.value(3).mid(2));
        QCOMPARE(channels.data.value(3).left(2), portforward::portPrefix(5432));
        static const QRegularExpression kubeletWording(
            R"(^error forwarding port 5432 to pod [0-9a-f]{64}, uid : failed to execute portforward in network )"
            R"(namespace "/var/run/netns/cni-[0-9a-f-]{36}": failed to connect to localhost:5432 inside namespace )"
            R"("[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:5432: connect: connection refused )");
        QVERIFY2(kubeletWording.match(error).hasMatch(), qPrintable(error));
        client.sendChannel(0, "still here");
        QVERIFY(readUntil(client, &channels,
                          [](const Channels& c) { return c.data.value(0).endsWith("still here"); }));
        QVERIFY(!channels.closed);
        // Frames for an error channel or an unknown channel are dropped, as the kubelet drops them.
        client.sendChannel(1, "ignored");
        client.sendChannel(9, "ignored");
        client.sendChannel(0, "after");
        QVERIFY(readUntil(client, &channels,
                          [](const Channels& c) { return c.data.value(0).endsWith("after"); }));
        // Closing from the client's side: the server answers the close.
        client.sendFrame(ws::Opcode::Close, QByteArray("\x03\xe8", 2));
        QVERIFY(readUntilClosed(client, &channels));
        QCOMPARE(channels.closeCode, ws::closeNormal);
    }

    void onlyUnknownPortsCloseTheSocket() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("web", "ports=5432"), kV4));
        Channels channels;
        QVERIFY(readUntilClosed(client, &channels));
        QVERIFY(channels.data.value(1).contains("error forwarding port 5432"));
        QCOMPARE(channels.data.value(0), portforward::portPrefix(5432));
    }

    void base64Protocol() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("web", "ports=9000"), "v4.base64.channel.k8s.io"));
        QCOMPARE(client.response().header("Sec-WebSocket-Protocol"), QByteArray("v4.base64.channel.k8s.io"));
        const auto first = client.next();
        QVERIFY(first);
        QCOMPARE(first->opcode, ws::Opcode::Text);
        QCOMPARE(first->payload, "0" + portforward::portPrefix(9000).toBase64());
        const auto second = client.next();
        QVERIFY(second);
        QCOMPARE(second->payload, "1" + portforward::portPrefix(9000).toBase64());
        client.sendFrame(ws::Opcode::Text, "0" + QByteArray("hello\x00\xff", 7).toBase64());
        const auto echo = client.next();
        QVERIFY(echo);
        QCOMPARE(echo->opcode, ws::Opcode::Text);
        QCOMPARE(QByteArray::fromBase64(echo->payload.mid(1)), QByteArray("hello\x00\xff", 7));
    }

    void noSubprotocolMeansBinaryChannels() {
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("web", "ports=9000"), {}));
        QVERIFY(client.response().header("Sec-WebSocket-Protocol").isEmpty());
        Channels channels;
        client.sendChannel(0, "raw");
        QVERIFY(
            readUntil(client, &channels, [](const Channels& c) { return c.data.value(0).endsWith("raw"); }));
        QCOMPARE(channels.messages.first(), prefixed(0, 9000));
    }

    void podDeletionEndsTheForward() {
        QCOMPARE(m_cluster->post(podsPath(), pod("short")).status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(isRunning("short"), 30000);
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("short", "ports=9000"), kV4));
        Channels channels;
        QVERIFY(readUntil(client, &channels, [](const Channels& c) { return c.messages.size() >= 2; }));
        const WireResponse removed =
            m_cluster->remove(podsPath() + "/short", QJsonObject{{"gracePeriodSeconds", 0}});
        QVERIFY2(removed.status == 200 || removed.status == 202, removed.body.constData());
        QTRY_VERIFY_WITH_TIMEOUT(m_cluster->get(podsPath() + "/short").status == 404, 30000);
        QVERIFY(readUntilClosed(client, &channels));
    }

    void errorsInsteadOfTheUpgrade_data() {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("protocols");
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("read-only user")
            << target("web", "ports=80") << QByteArray(kV4) << true << 403
            << R"(pods "web" is forbidden: User "sim-readonly" cannot get resource "pods/portforward" in API group "" in the namespace "pf-wire")";
        QTest::newRow("missing pod") << target("ghost", "ports=80") << QByteArray(kV4) << false << 404
                                     << R"(pods "ghost" not found)";
        QTest::newRow("not scheduled") << target("stuck", "ports=80") << QByteArray(kV4) << false << 400
                                       << "pod stuck does not have a host assigned";
        QTest::newRow("no ports") << target("web", "") << QByteArray(kV4) << false << 400
                                  << R"(query parameter "port" is required)";
        QTest::newRow("port zero") << target("web", "ports=0") << QByteArray(kV4) << false << 400
                                   << R"(port "0" must be > 0)";
        QTest::newRow("not a port")
            << target("web", "ports=http") << QByteArray(kV4) << false << 400
            << R"(unable to parse "http" as a port: strconv.ParseUint: parsing "http": invalid syntax)";
        QTest::newRow("the SPDY protocol name")
            << target("web", "ports=80") << QByteArray("portforward.k8s.io") << false << 400
            << "requested protocol(s) are not supported: [portforward.k8s.io]; "
               "supports [v4.channel.k8s.io v4.base64.channel.k8s.io]";
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

    void spdyTunnelledInWebSocket() {
        // kubectl 1.31+: no `ports` query, SPDY frames in binary messages, cut wherever its writes fall.
        ExecWebSocketClient client(m_cluster->access());
        QVERIFY(client.open(target("web", ""), "SPDY/3.1+portforward.k8s.io"));
        QCOMPARE(client.response().header("Sec-WebSocket-Protocol"),
                 QByteArray("SPDY/3.1+portforward.k8s.io"));
        spdy::FrameWriter writer;
        spdy::FrameParser parser;
        QList<spdy::Frame> frames;
        auto sendSplit = [&client](const QByteArray& bytes) {
            client.sendFrame(ws::Opcode::Binary, bytes.left(4));
            client.sendFrame(ws::Opcode::Binary, bytes.mid(4));
        };
        auto readFrames = [&](qsizetype count) {
            while (frames.size() < count) {
                const auto event = client.next();
                if (!event || event->opcode != ws::Opcode::Binary) {
                    return false;
                }
                parser.feed(event->payload);
                while (const auto frame = parser.next()) {
                    frames.append(*frame);
                }
            }
            return true;
        };
        const spdy::HeaderBlock error{{"streamtype", "error"}, {"port", "9000"}, {"requestid", "0"}};
        spdy::HeaderBlock data = error;
        data[0].second = "data";
        sendSplit(writer.synStream(1, error));
        sendSplit(writer.data(1, {}, true));
        sendSplit(writer.synStream(3, data));
        QVERIFY(readFrames(2));
        QCOMPARE(frames[0].type, spdy::FrameType::SynReply);
        QCOMPARE(frames[1].type, spdy::FrameType::SynReply);
        QCOMPARE(frames[1].streamId, 3u);
        sendSplit(writer.data(3, "through the tunnel"));
        sendSplit(writer.ping(1));
        QVERIFY(readFrames(4));
        QCOMPARE(frames[2].streamId, 3u);
        QCOMPARE(frames[2].data, QByteArray("through the tunnel"));
        QCOMPARE(frames[3].type, spdy::FrameType::Ping);
        // The local connection ends: FIN on both streams; then kubectl's GOAWAY closes the WebSocket.
        sendSplit(writer.data(3, {}, true));
        QVERIFY(readFrames(6));
        QVERIFY(frames[4].fin() && frames[4].streamId == 1 && frames[5].fin() && frames[5].streamId == 3);
        sendSplit(writer.goAway(0, spdy::goAwayOk));
        Channels channels;
        QVERIFY(readUntilClosed(client, &channels));
    }

    void plainSpdyUpgrade() {
        // httpstream.Handshake: the stream protocol is named in the 101, or refused with 403.
        const WireRequest upgrade{"POST",
                                  target("web", ""),
                                  {},
                                  {{"Connection", "Upgrade"},
                                   {"Upgrade", "SPDY/3.1"},
                                   {"X-Stream-Protocol-Version", "portforward.k8s.io"}}};
        const WireResponse spdy = m_cluster->send(upgrade);
        QCOMPARE(spdy.status, 101);
        QCOMPARE(spdy.header("Upgrade"), QByteArray("SPDY/3.1"));
        QCOMPARE(spdy.header("X-Stream-Protocol-Version"), QByteArray("portforward.k8s.io"));
        WireRequest other = upgrade;
        other.headers.last().second = "v2.portforward.k8s.io";
        const WireResponse refused = m_cluster->send(other);
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.json().value("message").toString(),
                 QStringLiteral("unable to upgrade: unable to negotiate protocol: client supports "
                                "[v2.portforward.k8s.io], server accepts [portforward.k8s.io]"));
        const WireResponse plain = m_cluster->get(target("web", "ports=80"));
        QCOMPARE(plain.status, 400);
        QCOMPARE(plain.json().value("message").toString(), QStringLiteral("Upgrade request required"));
    }

private:
    static QByteArray podsPath() { return "/api/v1/namespaces/" + QByteArray(kNamespace) + "/pods"; }

    bool isRunning(const QString& name) {
        const WireResponse response = m_cluster->get(podsPath() + "/" + name.toUtf8());
        return response.json().value("status").toObject().value("phase").toString() ==
               QLatin1String("Running");
    }

    std::unique_ptr<ApiTestCluster> m_cluster;
};

QTEST_GUILESS_MAIN(TestPortForwardWebSocket)
#include "tst_portforwardwebsocket.moc"
