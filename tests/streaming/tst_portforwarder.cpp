// PortForwarder against the simulator: local listeners on 127.0.0.1, connections carried to a pod's
// echo and HTTP responders, bytes counted per port, several ports at once, Services and Deployments
// resolved to a Ready pod (named targetPorts included), and a new pod picked when the one in use goes
// away.
#include "forwardtesting.h"
#include "podresolver.h"
#include "portforwarder.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace binnacle;
using namespace binnacle::streaming;
using namespace streamingtesting;

class TestPortForwarder : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        m_resolver = std::make_unique<PodResolver>(m_cluster.transport.get());
        QVERIFY(createWebFixture(m_cluster));
    }

    void podTargetCountsBytes() {
        PortForwarder forwarder(m_cluster.connector.get(), nullptr);
        QString error;
        QVERIFY2(forwarder.start(ForwardTarget::pod(testNamespace, "web-a"), {{0, 9000}, {0, 8080}}, &error),
                 qPrintable(error));
        QCOMPARE(forwarder.ports().size(), 2);
        QCOMPARE(forwarder.ports()[0].address, QHostAddress(QHostAddress::LocalHost));
        const quint16 echoPort = forwarder.ports()[0].localPort;
        const quint16 httpPort = forwarder.ports()[1].localPort;
        QVERIFY(echoPort != 0 && httpPort != 0);

        QCOMPARE(exchange(echoPort, "hello, pod", 10), QByteArray("hello, pod"));
        const QByteArray page = exchange(httpPort, httpGet);
        QVERIFY2(page.startsWith("HTTP/1.1 200") && page.contains("web-a"), page.constData());

        QTRY_COMPARE(forwarder.ports()[0].activeConnections, 0);
        QCOMPARE(forwarder.ports()[0].bytesOut, 10);
        QCOMPARE(forwarder.ports()[0].bytesIn, 10);
        QCOMPARE(forwarder.ports()[0].totalConnections, 1);
        QTRY_COMPARE(forwarder.ports()[1].activeConnections, 0);
        QCOMPARE(forwarder.ports()[1].bytesOut, httpGet.size());
        QCOMPARE(forwarder.ports()[1].bytesIn, page.size());
        QCOMPARE(forwarder.podName(), QStringLiteral("web-a"));
        QCOMPARE(forwarder.state(), PortForwarder::State::Forwarding);

        // Two connections at once on one port: each has its own WebSocket.
        QTcpSocket first;
        QTcpSocket second;
        first.connectToHost(QHostAddress::LocalHost, echoPort);
        second.connectToHost(QHostAddress::LocalHost, echoPort);
        QVERIFY(first.waitForConnected(5000) && second.waitForConnected(5000));
        first.write("one");
        second.write("two");
        QByteArray firstAnswer;
        QByteArray secondAnswer;
        QTRY_COMPARE_WITH_TIMEOUT(firstAnswer += first.readAll(), QByteArray("one"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(secondAnswer += second.readAll(), QByteArray("two"), 10000);
        QCOMPARE(forwarder.ports()[0].activeConnections, 2);
        forwarder.stop();
        QTRY_COMPARE(first.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(forwarder.state(), PortForwarder::State::Stopped);
    }

    void largeTransferArrivesIntact() {
        PortForwarder forwarder(m_cluster.connector.get(), nullptr);
        QString error;
        QVERIFY(forwarder.start(ForwardTarget::pod(testNamespace, "web-a"), {{0, 9000}}, &error));
        QByteArray payload(3 * 1024 * 1024 + 17, Qt::Uninitialized);
        for (qsizetype i = 0; i < payload.size(); ++i) {
            payload[i] = char((i * 131 + i / 7) & 0xFF);
        }
        const QByteArray echoed = exchange(forwarder.ports()[0].localPort, payload, payload.size());
        QCOMPARE(echoed.size(), payload.size());
        QVERIFY(echoed == payload);
        QTRY_COMPARE(forwarder.ports()[0].bytesIn, payload.size());
        QCOMPARE(forwarder.ports()[0].bytesOut, payload.size());
    }

    void closedPodPortEndsTheConnection() {
        PortForwarder forwarder(m_cluster.connector.get(), nullptr);
        QSignalSpy errors(&forwarder, &PortForwarder::errorOccurred);
        QString error;
        QVERIFY(forwarder.start(ForwardTarget::pod(testNamespace, "web-a"), {{0, 5432}}, &error));
        QCOMPARE(exchange(forwarder.ports()[0].localPort, "hello?"), QByteArray());
        QTRY_VERIFY(errors.count() >= 1);
        QVERIFY2(forwarder.ports()[0].lastError.contains(QLatin1String("error forwarding port 5432")),
                 qPrintable(forwarder.ports()[0].lastError));
        QTRY_COMPARE(forwarder.ports()[0].activeConnections, 0);
    }

    void aBusyLocalPortFailsTheStart() {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost));
        PortForwarder forwarder(m_cluster.connector.get(), nullptr);
        QString error;
        QVERIFY(!forwarder.start(ForwardTarget::pod(testNamespace, "web-a"),
                                 {{0, 9000}, {occupier.serverPort(), 80}}, &error));
        QVERIFY(error.contains(QString::number(occupier.serverPort())));
        QVERIFY(forwarder.ports().isEmpty()); // all or none
    }

    void serviceResolvesNamedTargetPort() {
        PortForwarder forwarder(m_cluster.connector.get(), m_resolver.get());
        QString error;
        QVERIFY(forwarder.start(ForwardTarget::service(testNamespace, "web"), {{0, 80}, {0, 7}}, &error));
        QTRY_COMPARE_WITH_TIMEOUT(forwarder.state(), PortForwarder::State::Forwarding, 10000);
        QCOMPARE(forwarder.podName(),
                 QStringLiteral("web-a")); // Ready, first by name; the unready one skipped
        QCOMPARE(forwarder.ports()[0].podPort, quint16(8080));
        QCOMPARE(forwarder.ports()[1].podPort, quint16(9000));
        QVERIFY(exchange(forwarder.ports()[0].localPort, httpGet).contains("web-a"));
        QCOMPARE(exchange(forwarder.ports()[1].localPort, "echo", 4), QByteArray("echo"));
    }

    void workloadResolvesThroughItsSelector() {
        PortForwarder forwarder(m_cluster.connector.get(), m_resolver.get());
        QString error;
        QVERIFY(forwarder.start(ForwardTarget::workload(testNamespace, "apps", "deployments", "web"),
                                {{0, 9000}}, &error));
        QCOMPARE(forwarder.target().displayName(), QStringLiteral("deployment/web"));
        QTRY_COMPARE_WITH_TIMEOUT(forwarder.state(), PortForwarder::State::Forwarding, 10000);
        QVERIFY(forwarder.podName().startsWith(QLatin1String("web-")));
        QCOMPARE(exchange(forwarder.ports()[0].localPort, "abc", 3), QByteArray("abc"));
    }

    void noReadyPodIsReported() {
        PortForwarder forwarder(m_cluster.connector.get(), m_resolver.get());
        QSignalSpy errors(&forwarder, &PortForwarder::errorOccurred);
        QString error;
        QVERIFY(forwarder.start(ForwardTarget::service(testNamespace, "nobody"), {{0, 80}}, &error));
        QTRY_COMPARE_WITH_TIMEOUT(forwarder.state(), PortForwarder::State::NoPod, 10000);
        QVERIFY(forwarder.lastError().contains(QLatin1String("no Ready pod")));
        // A connection meanwhile is closed with the reason.
        QCOMPARE(exchange(forwarder.ports()[0].localPort, "x"), QByteArray());
        QVERIFY(errors.count() >= 1);
    }

    void repicksWhenThePodGoesAway() {
        QVERIFY(m_cluster.createPod(webPod("web-c")));
        QVERIFY(m_cluster.createObject({}, "services", service("only-c", "web", 8080)));
        PortForwarder forwarder(m_cluster.connector.get(), m_resolver.get());
        QSignalSpy podChanges(&forwarder, &PortForwarder::podChanged);
        QString error;
        QVERIFY(forwarder.start(ForwardTarget::service(testNamespace, "only-c"), {{0, 8080}}, &error));
        QTRY_COMPARE_WITH_TIMEOUT(forwarder.state(), PortForwarder::State::Forwarding, 10000);
        const QString first = forwarder.podName();
        QVERIFY(exchange(forwarder.ports()[0].localPort, httpGet).contains(first.toUtf8()));

        QVERIFY(m_cluster.deletePod(first));
        // The next connection meets a refused upgrade, and goes to another Ready pod without a lost byte.
        const QByteArray page = exchange(forwarder.ports()[0].localPort, httpGet);
        QVERIFY2(page.startsWith("HTTP/1.1 200"), page.constData());
        QVERIFY(forwarder.podName() != first);
        QVERIFY(page.contains(forwarder.podName().toUtf8()));
        QCOMPARE(podChanges.count(), 2);
        QCOMPARE(podChanges.last().first().toString(), forwarder.podName());
        QCOMPARE(forwarder.ports()[0].totalConnections, 2);
        QVERIFY(m_cluster.createPod(webPod(first))); // put it back for the other tests
    }

    void podTargetDoesNotMove() {
        QVERIFY(m_cluster.createPod(webPod("web-gone")));
        PortForwarder forwarder(m_cluster.connector.get(), m_resolver.get());
        QSignalSpy errors(&forwarder, &PortForwarder::errorOccurred);
        QString error;
        QVERIFY(forwarder.start(ForwardTarget::pod(testNamespace, "web-gone"), {{0, 9000}}, &error));
        QVERIFY(m_cluster.deletePod("web-gone"));
        QCOMPARE(exchange(forwarder.ports()[0].localPort, "x"), QByteArray());
        QTRY_VERIFY(errors.count() >= 1);
        QVERIFY(forwarder.ports()[0].lastError.contains(QLatin1String("not found")));
    }

private:
    Cluster m_cluster;
    std::unique_ptr<PodResolver> m_resolver;
};

QTEST_GUILESS_MAIN(TestPortForwarder)
#include "tst_portforwarder.moc"
