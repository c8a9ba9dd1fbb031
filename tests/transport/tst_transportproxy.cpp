// ClusterTransport through a proxy (kubeconfig proxy-url): HTTP CONNECT and SOCKS5 proxies on 127.0.0.1
// tunnelling to the simulator. Requests and watch streams go through the tunnel, TLS is verified end to end
// against the simulator's CA, and a proxy that refuses gives ApiError::Kind::Proxy.
//
// The cluster is addressed as https://kubernetes:PORT, a name that only the proxy resolves (the simulator's
// certificate holds it): a request that bypassed the proxy would fail with HostNotFound. Qt 6.4 would not
// bypass an explicitly set proxy for loopback targets anyway (only the application-wide default proxy skips
// localhost); the 127.0.0.1 rows show that.
#include "testproxy.h"
#include "transporttesting.h"

#include <QSignalSpy>

using namespace testing;
using namespace binnacle::transport;

namespace {

constexpr int timeoutMs = 10000;

struct ProxiedCluster {
    std::unique_ptr<binnacle::sim::Simulator> simulator;
    std::unique_ptr<TestProxy> proxy;
    std::unique_ptr<StaticTokenProvider> provider;
    std::unique_ptr<ClusterTransport> transport;
};

// `serverHost`: "kubernetes" (resolved by the proxy only) or "127.0.0.1".
ProxiedCluster startProxied(TestProxy::Protocol protocol, const QString& proxyScheme,
                            const QString& serverHost = QStringLiteral("kubernetes"), QByteArray caPem = {}) {
    ProxiedCluster cluster;
    cluster.simulator = startSimulator();
    if (!cluster.simulator) {
        return cluster;
    }
    cluster.proxy = std::make_unique<TestProxy>(protocol);
    if (!cluster.proxy->listen()) {
        qWarning("the test proxy could not listen");
        return cluster;
    }
    cluster.proxy->addHost(QStringLiteral("kubernetes"), QStringLiteral("127.0.0.1"));
    ClusterEndpoint endpoint = endpointOf(*cluster.simulator);
    endpoint.server.setHost(serverHost);
    if (!caPem.isEmpty()) {
        endpoint.caPem = caPem;
    }
    endpoint.proxyUrl = QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(proxyScheme).arg(cluster.proxy->port()));
    cluster.provider = std::make_unique<StaticTokenProvider>(cluster.simulator->credentials().adminToken);
    TransportOptions options;
    options.qps = -1;
    cluster.transport = std::make_unique<ClusterTransport>(endpoint, cluster.provider.get(), options);
    return cluster;
}

ApiResult waitFor(ClusterTransport* transport, ApiRequestSpec spec) {
    Outcome outcome;
    transport->send(std::move(spec), nullptr, outcome.callback());
    if (!QTest::qWaitFor([&] { return outcome.arrived; }, timeoutMs)) {
        qWarning("no answer within %d ms", timeoutMs);
    }
    return outcome.result;
}

QString describe(const ApiResult& result) {
    return result.error
               ? ApiError::kindName(result.error->kind()) + QStringLiteral(": ") + result.error->message()
               : QStringLiteral("ok");
}

void addProxyRows() {
    QTest::addColumn<int>("protocol");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("serverHost");
    QTest::newRow("http CONNECT, name only the proxy knows")
        << int(TestProxy::Protocol::HttpConnect) << "http"
        << "kubernetes";
    QTest::newRow("http CONNECT, loopback target") << int(TestProxy::Protocol::HttpConnect) << "http"
                                                   << "127.0.0.1";
    // Qt 6.4 cannot speak TLS to a proxy: an https:// proxy-url is reached with plain HTTP CONNECT.
    QTest::newRow("https scheme, plain CONNECT") << int(TestProxy::Protocol::HttpConnect) << "https"
                                                 << "kubernetes";
    QTest::newRow("socks5, name only the proxy knows") << int(TestProxy::Protocol::Socks5) << "socks5"
                                                       << "kubernetes";
    QTest::newRow("socks5, loopback target") << int(TestProxy::Protocol::Socks5) << "socks5"
                                             << "127.0.0.1";
}

} // namespace

class TestTransportProxy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void getGoesThroughTheProxy_data() { addProxyRows(); }
    void getGoesThroughTheProxy() {
        QFETCH(int, protocol);
        QFETCH(QString, scheme);
        QFETCH(QString, serverHost);
        ProxiedCluster cluster = startProxied(TestProxy::Protocol(protocol), scheme, serverHost);
        QVERIFY(cluster.transport);
        QVERIFY2(cluster.transport->setupError().isEmpty(), qPrintable(cluster.transport->setupError()));
        const ApiResult result =
            waitFor(cluster.transport.get(), get(QStringLiteral("/api/v1/namespaces/default")));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(
            QJsonDocument::fromJson(result.response.body).object().value(QLatin1String("kind")).toString(),
            QStringLiteral("Namespace"));
        QCOMPARE(cluster.proxy->tunnelsOpened(), 1);
        QCOMPARE(cluster.proxy->targets(),
                 QStringList{serverHost + QLatin1Char(':') + QString::number(cluster.simulator->port())});
        // A second request reuses the pooled connection, tunnel and all.
        QVERIFY(waitFor(cluster.transport.get(), get(QStringLiteral("/version"))).ok());
        QCOMPARE(cluster.proxy->tunnelsOpened(), 1);
    }

    void watchStreamGoesThroughTheProxy_data() { addProxyRows(); }
    void watchStreamGoesThroughTheProxy() {
        QFETCH(int, protocol);
        QFETCH(QString, scheme);
        QFETCH(QString, serverHost);
        ProxiedCluster cluster = startProxied(TestProxy::Protocol(protocol), scheme, serverHost);
        QVERIFY(cluster.transport);
        ApiRequestSpec watch = get(QStringLiteral("/api/v1/namespaces/default/configmaps"));
        watch.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
        watch.query.addQueryItem(QStringLiteral("resourceVersion"), QStringLiteral("0"));
        bool opened = false;
        QByteArray received;
        StreamHandlers handlers;
        handlers.onResponse = [&](const ApiResponse&) { opened = true; };
        handlers.onData = [&](const QByteArray& bytes) { received += bytes; };
        RequestHandle stream = cluster.transport->openStream(watch, nullptr, std::move(handlers));
        QTRY_VERIFY_WITH_TIMEOUT(opened, timeoutMs);
        const ApiResult created =
            waitFor(cluster.transport.get(), createConfigMap(QStringLiteral("through-proxy")));
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"through-proxy\""), timeoutMs);
        QVERIFY(received.contains("\"type\":\"ADDED\""));
        // The stream has a connection (pool) of its own: two tunnels, both to the cluster.
        QCOMPARE(cluster.proxy->tunnelsOpened(), 2);
        const QString target = serverHost + QLatin1Char(':') + QString::number(cluster.simulator->port());
        QCOMPARE(cluster.proxy->targets(), (QStringList{target, target}));
        stream.cancel();
    }

    void tlsIsVerifiedEndToEnd_data() {
        QTest::addColumn<int>("protocol");
        QTest::addColumn<QString>("scheme");
        QTest::newRow("http CONNECT") << int(TestProxy::Protocol::HttpConnect) << "http";
        QTest::newRow("socks5") << int(TestProxy::Protocol::Socks5) << "socks5";
    }
    void tlsIsVerifiedEndToEnd() {
        QFETCH(int, protocol);
        QFETCH(QString, scheme);
        // Another cluster's CA: the tunnel opens, and the handshake through it must fail.
        const std::unique_ptr<binnacle::sim::Simulator> other = startSimulator();
        QVERIFY(other);
        ProxiedCluster cluster = startProxied(TestProxy::Protocol(protocol), scheme,
                                              QStringLiteral("kubernetes"), other->credentials().caPem);
        QVERIFY(cluster.transport);
        const ApiResult result = waitFor(cluster.transport.get(), get(QStringLiteral("/version")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error->kind(), ApiError::Kind::Tls);
        QVERIFY2(result.error->message().contains(QLatin1String("certificate")),
                 qPrintable(describe(result)));
        QVERIFY(cluster.proxy->tunnelsOpened() >= 1);
    }

    void refusingProxyGivesAProxyError_data() {
        QTest::addColumn<int>("protocol");
        QTest::addColumn<QString>("scheme");
        QTest::newRow("http CONNECT answered 403") << int(TestProxy::Protocol::HttpConnect) << "http";
        QTest::newRow("socks5 not allowed by ruleset") << int(TestProxy::Protocol::Socks5) << "socks5";
    }
    void refusingProxyGivesAProxyError() {
        QFETCH(int, protocol);
        QFETCH(QString, scheme);
        ProxiedCluster cluster = startProxied(TestProxy::Protocol(protocol), scheme);
        QVERIFY(cluster.transport);
        cluster.proxy->setRefuse(true);
        const ApiResult result = waitFor(cluster.transport.get(), get(QStringLiteral("/version")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error->kind(), ApiError::Kind::Proxy);
        QVERIFY2(result.error->message().contains(QLatin1String("proxy"), Qt::CaseInsensitive),
                 qPrintable(describe(result)));
        qInfo().noquote() << "refused:" << describe(result) << "| detail:" << result.error->detail();
        QCOMPARE(result.retries, 0); // the proxy's answer is final
        QCOMPARE(cluster.proxy->tunnelsOpened(), 0);
        QVERIFY(!cluster.proxy->targets().isEmpty());
    }

    void unreachableProxyGivesAProxyError() {
        ProxiedCluster cluster = startProxied(TestProxy::Protocol::HttpConnect, QStringLiteral("http"));
        QVERIFY(cluster.transport);
        const quint16 closedPort = cluster.proxy->port();
        cluster.proxy.reset(); // nothing listens there any more
        ClusterEndpoint endpoint = cluster.transport->endpoint();
        endpoint.proxyUrl.setPort(closedPort);
        ClusterTransport transport(endpoint, cluster.provider.get());
        const ApiResult result = waitFor(&transport, get(QStringLiteral("/version")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error->kind(), ApiError::Kind::Proxy);
        qInfo().noquote() << "unreachable:" << describe(result);
    }
};

QTEST_GUILESS_MAIN(TestTransportProxy)
#include "tst_transportproxy.moc"
