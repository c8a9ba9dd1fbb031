// ClusterTransport's retries, deadlines, rate limit and re-authentication against the simulator's
// fault injector. Time is a ManualClock: waits are checked as numbers and skipped, never slept.
#include "transporttesting.h"

#include <QTcpServer>
#include <algorithm>

using namespace testing;
using namespace binnacle::transport;
using std::chrono::milliseconds;

namespace {

TransportOptions manualTime(ManualClock* clock) {
    TransportOptions options;
    options.clock = clock;
    options.random = [] { return 0.0; };
    return options;
}

quint16 closedPort() {
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestTransportRetry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void throttledRequestWaitsRetryAfter_data() {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("retryAfterSeconds");
        QTest::addColumn<bool>("post");
        QTest::newRow("plain-text 429, GET") << 429 << 1 << false;
        QTest::newRow("503 with Retry-After, POST") << 503 << 2 << true;
        QTest::newRow("429, POST") << 429 << 3 << true;
    }
    void throttledRequestWaitsRetryAfter() {
        QFETCH(int, code);
        QFETCH(int, retryAfterSeconds);
        QFETCH(bool, post);
        ManualClock clock;
        Cluster cluster = startCluster(manualTime(&clock));
        QVERIFY(cluster.transport);
        cluster.simulator->faults()->failNext(1, code, retryAfterSeconds);
        Outcome outcome;
        cluster.transport->send(post ? createConfigMap(QStringLiteral("retried"))
                                     : get(QStringLiteral("/version")),
                                nullptr, outcome.callback());
        QTRY_COMPARE_WITH_TIMEOUT(clock.pendingCount(), 1, 10000);
        QVERIFY(!outcome.arrived);
        QCOMPARE(cluster.transport->stats()->retried(), 1);
        QCOMPARE(cluster.transport->stats()->inFlight(), 0); // a waiting retry holds no slot
        const milliseconds waited = clock.requestedDelays().back();
        QVERIFY2(waited >= milliseconds(retryAfterSeconds * 1000),
                 qPrintable(QString::number(waited.count())));
        clock.advance(clock.nextDueIn());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error->message()));
        QCOMPARE(outcome.result.response.statusCode, post ? 201 : 200); // created exactly once
        QCOMPARE(outcome.result.retries, 1);
        QCOMPARE(cluster.transport->stats()->done(), 1);
        QCOMPARE(cluster.transport->stats()->failed(), 0);
    }

    void serverErrorWithoutRetryAfterIsFinal() {
        ManualClock clock;
        Cluster cluster = startCluster(manualTime(&clock));
        QVERIFY(cluster.transport);
        cluster.simulator->faults()->failNext(1, 500, -1);
        Outcome outcome;
        cluster.transport->send(get(QStringLiteral("/version")), nullptr, outcome.callback());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QVERIFY(outcome.result.error);
        QCOMPARE(outcome.result.error->httpStatus(), 500);
        QCOMPARE(outcome.result.error->reason(), QStringLiteral("InternalError"));
        QCOMPARE(outcome.result.retries, 0);
        QCOMPARE(clock.pendingCount(), 0);
    }

    void giveUpAfterMaxRetries() {
        ManualClock clock;
        TransportOptions options = manualTime(&clock);
        options.retry.maxRetries = 2;
        Cluster cluster = startCluster(options);
        QVERIFY(cluster.transport);
        cluster.simulator->faults()->failNext(5, 429, 1);
        Outcome outcome;
        cluster.transport->send(get(QStringLiteral("/version")), nullptr, outcome.callback());
        for (int retry = 0; retry < 2; ++retry) {
            QTRY_COMPARE_WITH_TIMEOUT(clock.pendingCount(), 1, 10000);
            clock.advance(clock.nextDueIn());
        }
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QVERIFY(outcome.result.error);
        QCOMPARE(outcome.result.error->reason(), QStringLiteral("TooManyRequests"));
        QCOMPARE(outcome.result.error->message(),
                 QStringLiteral("Too many requests, please try again later."));
        QCOMPARE(outcome.result.retries, 2);
    }

    void refusedConnectionRetriedForReadsOnly_data() {
        QTest::addColumn<bool>("post");
        QTest::newRow("GET is retried") << false;
        QTest::newRow("POST is not") << true;
    }
    void refusedConnectionRetriedForReadsOnly() {
        QFETCH(bool, post);
        ManualClock clock;
        TransportOptions options = manualTime(&clock);
        options.retry.maxRetries = 3;
        ClusterEndpoint endpoint;
        endpoint.server = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(closedPort()));
        StaticTokenProvider provider(QStringLiteral("token"));
        ClusterTransport transport(endpoint, &provider, options);
        Outcome outcome;
        transport.send(post ? createConfigMap(QStringLiteral("x")) : get(QStringLiteral("/version")), nullptr,
                       outcome.callback());
        const int expectedRetries = post ? 0 : 3;
        for (int retry = 0; retry < expectedRetries; ++retry) {
            QTRY_COMPARE_WITH_TIMEOUT(clock.pendingCount(), 1, 10000);
            QVERIFY(!outcome.arrived);
            clock.advance(clock.nextDueIn());
        }
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QVERIFY(outcome.result.error);
        QCOMPARE(outcome.result.error->kind(), ApiError::Kind::ConnectionRefused);
        QCOMPARE(outcome.result.retries, expectedRetries);
        QCOMPARE(transport.stats()->retried(), expectedRetries);
        QCOMPARE(transport.stats()->failed(), 1);
        // Exponential backoff between the attempts.
        const auto& delays = clock.requestedDelays();
        QVERIFY(std::is_sorted(delays.begin(), delays.end()));
    }

    void deadlineExceededWhileInFlight() {
        ManualClock clock;
        Cluster cluster = startCluster(manualTime(&clock));
        QVERIFY(cluster.transport);
        cluster.simulator->faults()->setLatencyMs(3000);
        ApiRequestSpec spec = get(QStringLiteral("/version"));
        spec.deadline = milliseconds(500);
        Outcome outcome;
        cluster.transport->send(spec, nullptr, outcome.callback());
        QTRY_COMPARE_WITH_TIMEOUT(cluster.transport->stats()->inFlight(), 1, 10000);
        clock.advance(milliseconds(500));
        QVERIFY(outcome.arrived);
        QVERIFY(outcome.result.error);
        QCOMPARE(outcome.result.error->kind(), ApiError::Kind::DeadlineExceeded);
        QCOMPARE(cluster.transport->stats()->inFlight(), 0);
    }

    void retryThatWouldPassTheDeadlineFailsAtOnce() {
        ManualClock clock;
        Cluster cluster = startCluster(manualTime(&clock));
        QVERIFY(cluster.transport);
        cluster.simulator->faults()->failNext(1, 429, 5);
        ApiRequestSpec spec = get(QStringLiteral("/version"));
        spec.deadline = milliseconds(2000);
        Outcome outcome;
        cluster.transport->send(spec, nullptr, outcome.callback());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QVERIFY(outcome.result.error);
        QCOMPARE(outcome.result.error->reason(), QStringLiteral("TooManyRequests"));
        QCOMPARE(outcome.result.error->status().retryAfterSeconds, 5);
        QCOMPARE(clock.pendingCount(), 0); // neither the retry nor the deadline timer is left
    }

    void tokenBucketPacesRequests() {
        ManualClock clock;
        TransportOptions options = manualTime(&clock);
        options.qps = 1;
        options.burst = 1;
        Cluster cluster = startCluster(options);
        QVERIFY(cluster.transport);
        TransportStats* stats = cluster.transport->stats();
        for (int i = 0; i < 3; ++i) {
            cluster.transport->send(get(QStringLiteral("/version")), nullptr, [](const ApiResult&) {});
        }
        QTRY_COMPARE_WITH_TIMEOUT(stats->done(), 1, 10000);
        QCOMPARE(stats->queued(), 2);
        QCOMPARE(clock.nextDueIn(), milliseconds(1000));
        clock.advance(milliseconds(999));
        QCOMPARE(stats->queued(), 2);
        clock.advance(milliseconds(1));
        QTRY_COMPARE_WITH_TIMEOUT(stats->done(), 2, 10000);
        QCOMPARE(stats->queued(), 1);
        clock.advance(milliseconds(1000));
        QTRY_COMPARE_WITH_TIMEOUT(stats->done(), 3, 10000);
        QCOMPARE(stats->queued(), 0);
    }

    void unauthorizedRenewsCredentialsOnce_data() {
        QTest::addColumn<bool>("providerCanRenew");
        QTest::newRow("renewed token works") << true;
        QTest::newRow("static token cannot renew") << false;
    }
    void unauthorizedRenewsCredentialsOnce() {
        QFETCH(bool, providerCanRenew);
        auto simulator = startSimulator();
        QVERIFY(simulator);
        StaticTokenProvider provider(QStringLiteral("expired-token"),
                                     providerCanRenew ? simulator->credentials().adminToken : QString());
        ClusterTransport transport(endpointOf(*simulator), &provider);
        Outcome outcome;
        transport.send(get(QStringLiteral("/api/v1/namespaces")), nullptr, outcome.callback());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.arrived, 10000);
        QCOMPARE(provider.invalidations, 1);
        QCOMPARE(provider.requests, providerCanRenew ? 2 : 1);
        QCOMPARE(outcome.result.ok(), providerCanRenew);
        QCOMPARE(outcome.result.retries, providerCanRenew ? 1 : 0);
        if (!providerCanRenew) {
            QCOMPARE(outcome.result.error->httpStatus(), 401);
            QCOMPARE(outcome.result.error->reason(), QStringLiteral("Unauthorized"));
        }
    }
};

QTEST_MAIN(TestTransportRetry)
#include "tst_transportretry.moc"
