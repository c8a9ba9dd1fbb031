// PortForwardStream, one WebSocket with one or more ports: against the simulator's per-pod responders
// (echo, a tiny HTTP page) two ports at once and the error channel of a port nothing listens on; against
// a server in the test, the port prefix arriving alone or with data, and a prefix that names another port.
#include "channelprotocol.h"
#include "fakestreamserver.h"
#include "portforwardstream.h"
#include "streamingtesting.h"

#include <QSignalSpy>
#include <QTest>

using namespace binnacle;
using namespace binnacle::streaming;
using namespace streamingtesting;

namespace {
struct Received : QObject {
    QMap<int, QByteArray> data;
    QMap<int, QString> errors;
    std::optional<std::optional<transport::ApiError>> closed;

    void watch(PortForwardStream* stream) {
        connect(stream, &PortForwardStream::dataReceived, this,
                [this](int index, const QByteArray& bytes) { data[index] += bytes; });
        connect(stream, &PortForwardStream::portError, this,
                [this](int index, const QString& message) { errors[index] += message; });
        connect(stream, &PortForwardStream::closed, this,
                [this](const std::optional<transport::ApiError>& error) { closed = error; });
    }
};
} // namespace

class TestPortForwardStream : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        PodSpec pod = podNamed("web", "nginx:1.27");
        pod.ports = QJsonArray{QJsonObject{{"name", "echo"}, {"containerPort", 9000}},
                               QJsonObject{{"name", "http"}, {"containerPort", 8080}}};
        QVERIFY(m_cluster.createPod(pod));
    }

    void twoPortsAtOnce() {
        PortForwardStream stream(m_cluster.connector.get());
        Received received;
        received.watch(&stream);
        stream.open(testNamespace, QStringLiteral("web"), {9000, 8080});
        stream.write(0, "ping"); // kept until the upgrade is done
        stream.write(1, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(received.data.value(0), QByteArray("ping"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(received.data.value(1).contains("</html>"), 10000);
        QVERIFY2(received.data.value(1).startsWith("HTTP/1.1 200"), received.data.value(1).constData());
        QVERIFY(received.data.value(1).contains("web")); // the page names the pod
        QVERIFY(received.errors.isEmpty());
        QCOMPARE(stream.state(), PortForwardStream::State::Open);
        stream.write(0, "again");
        QTRY_COMPARE(received.data.value(0), QByteArray("pingagain"));
        stream.close();
        QTRY_VERIFY(received.closed.has_value());
        QVERIFY(!received.closed->has_value());
    }

    void errorChannelForAClosedPort() {
        PortForwardStream stream(m_cluster.connector.get());
        Received received;
        received.watch(&stream);
        stream.open(testNamespace, QStringLiteral("web"), {9000, 5432});
        stream.write(1, "hello?");
        QTRY_VERIFY_WITH_TIMEOUT(!received.errors.value(1).isEmpty(), 10000);
        QVERIFY2(received.errors.value(1).contains(QLatin1String("error forwarding port 5432")),
                 qPrintable(received.errors.value(1)));
        QVERIFY(!received.errors.contains(0));
        stream.write(0, "still here"); // the other port is unaffected
        QTRY_COMPARE_WITH_TIMEOUT(received.data.value(0), QByteArray("still here"), 10000);
        stream.close();
    }

    void refusedUpgradeIsTyped() {
        PortForwardStream stream(m_cluster.connector.get());
        Received received;
        received.watch(&stream);
        stream.open(testNamespace, QStringLiteral("ghost"), {80});
        QTRY_VERIFY_WITH_TIMEOUT(received.closed.has_value(), 10000);
        QVERIFY(received.closed->has_value());
        QCOMPARE((*received.closed)->httpStatus(), 404);
        QCOMPARE((*received.closed)->message(), QStringLiteral("pods \"ghost\" not found"));
    }

    void requestNamesEveryPort() {
        const WebSocketRequest request = PortForwardStream::requestFor("ns", "p", {8080, 9090});
        QCOMPARE(request.path, QStringLiteral("/api/v1/namespaces/ns/pods/p/portforward"));
        QCOMPARE(request.query.toString(), QStringLiteral("ports=8080&ports=9090"));
        QCOMPARE(request.subprotocols, QStringList{QStringLiteral("v4.channel.k8s.io")});
    }

    // How the prefix may arrive: alone, or at the head of the first data.
    void portPrefixOnFirstFrames_data() {
        QTest::addColumn<bool>("prefixAlone");
        QTest::newRow("prefix alone") << true;
        QTest::newRow("prefix with data") << false;
    }
    void portPrefixOnFirstFrames() {
        QFETCH(bool, prefixAlone);
        FakeStreamServer server({QStringLiteral("v4.channel.k8s.io")});
        server.onConnection = [prefixAlone](FakeStreamServer::Peer& peer) {
            const QList<quint16> ports{8080, 9090};
            for (int i = 0; i < ports.size(); ++i) {
                const QByteArray prefix = portPrefix(ports[i]);
                peer.socket->sendBinaryMessage(message(quint8(2 * i + 1), prefix));
                if (prefixAlone) {
                    peer.socket->sendBinaryMessage(message(quint8(2 * i), prefix));
                    peer.socket->sendBinaryMessage(message(quint8(2 * i), "data" + QByteArray::number(i)));
                } else {
                    peer.socket->sendBinaryMessage(
                        message(quint8(2 * i), prefix + "data" + QByteArray::number(i)));
                }
                // A later message that happens to start with the same two bytes is payload.
                peer.socket->sendBinaryMessage(message(quint8(2 * i), prefix));
            }
            peer.socket->sendBinaryMessage(message(3, "error for the second port"));
        };
        StaticToken token(QStringLiteral("t"));
        transport::ClusterEndpoint endpoint;
        endpoint.server = server.httpUrl();
        WebSocketConnector connector(endpoint, &token);
        PortForwardStream stream(&connector);
        Received received;
        received.watch(&stream);
        stream.open("ns", "p", {8080, 9090});
        QTRY_COMPARE_WITH_TIMEOUT(received.errors.value(1), QStringLiteral("error for the second port"),
                                  10000);
        QCOMPARE(received.data.value(0), QByteArray("data0") + portPrefix(8080));
        QCOMPARE(received.data.value(1), QByteArray("data1") + portPrefix(9090));
        // The client sends no prefix.
        stream.write(1, "up");
        QTRY_COMPARE(server.peers.first()->received, QList<QByteArray>{message(2, "up")});
        QCOMPARE(server.peers.first()->url.query(), QStringLiteral("ports=8080&ports=9090"));
    }

    void prefixNamingAnotherPortIsAnError() {
        FakeStreamServer server({QStringLiteral("v4.channel.k8s.io")});
        server.onConnection = [](FakeStreamServer::Peer& peer) {
            peer.socket->sendBinaryMessage(message(0, portPrefix(1234) + "x"));
        };
        StaticToken token(QStringLiteral("t"));
        transport::ClusterEndpoint endpoint;
        endpoint.server = server.httpUrl();
        WebSocketConnector connector(endpoint, &token);
        PortForwardStream stream(&connector);
        Received received;
        received.watch(&stream);
        stream.open("ns", "p", {8080});
        QTRY_VERIFY_WITH_TIMEOUT(received.closed.has_value(), 10000);
        QVERIFY(received.closed->has_value());
        QVERIFY((*received.closed)->message().contains(QLatin1String("another port")));
        QVERIFY(received.data.isEmpty());
    }

private:
    Cluster m_cluster;
};

QTEST_GUILESS_MAIN(TestPortForwardStream)
#include "tst_portforwardstream.moc"
