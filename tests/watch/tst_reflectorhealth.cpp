// Reflector health under an injected clock: the backoff sequence under repeated failures, its reset
// after a healthy watch, Forbidden and Error states, staleness. No real sleeps: ManualClock drives both
// the transport's and the reflector's timers.
#include "reflectortesting.h"

using namespace testing;
using std::chrono::milliseconds;

Q_DECLARE_METATYPE(binnacle::watch::ReflectorState)

namespace {

struct ClockedCluster {
    ManualClock clock;
    Cluster cluster;
    std::unique_ptr<Writer> writer;

    bool start(QString token = {}) {
        TransportOptions transportOptions;
        transportOptions.clock = &clock;
        cluster = startCluster(transportOptions, token);
        if (!cluster.transport) {
            return false;
        }
        writer = std::make_unique<Writer>(cluster.simulator.get());
        return writer->createNamespace();
    }
    std::unique_ptr<Reflector> reflector(double jitter, WatchTarget target = configMapsTarget()) {
        ReflectorOptions options;
        options.clock = &clock;
        options.random = [jitter] { return jitter; };
        options.staleAfter = std::chrono::minutes(10);
        return std::make_unique<Reflector>(cluster.transport.get(), std::move(target), options);
    }
};

} // namespace

class TestReflectorHealth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void backoffGrowsToTheCap_data() {
        QTest::addColumn<double>("jitter");
        QTest::addColumn<QList<qint64>>("delays");
        QTest::newRow("no jitter") << 0.0
                                   << QList<qint64>{800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000};
        QTest::newRow("half jitter") << 0.5 << QList<qint64>{1200,  2400,  4800,  9600, 19200,
                                                             30000, 30000, 30000, 30000};
    }
    void backoffGrowsToTheCap() {
        QFETCH(double, jitter);
        QFETCH(QList<qint64>, delays);
        ClockedCluster fixture;
        QVERIFY(fixture.start());
        auto reflector = fixture.reflector(jitter);
        CacheModel model;
        model.attach(reflector.get());
        fixture.cluster.simulator->faults()->failNext(int(delays.size()), 503, -1);
        reflector->start();
        for (int attempt = 1; attempt <= delays.size(); ++attempt) {
            QTRY_COMPARE_WITH_TIMEOUT(reflector->status().attempt, attempt, timeoutMs);
            QCOMPARE(reflector->status().state, ReflectorState::Reconnecting);
            QVERIFY(!reflector->status().lastError.isEmpty());
            QCOMPARE(reflector->retryDelay().count(), delays.at(attempt - 1));
            QCOMPARE(fixture.clock.nextDueIn().count(), delays.at(attempt - 1));
            // Nothing happens before the wait is over.
            fixture.clock.advance(reflector->retryDelay() - milliseconds(1));
            QTest::qWait(20);
            QCOMPARE(reflector->status().attempt, attempt);
            fixture.clock.advance(milliseconds(1));
        }
        QTRY_VERIFY_WITH_TIMEOUT(reflector->status().state == ReflectorState::Live, timeoutMs);
        QCOMPARE(reflector->status().attempt, 0);
        QCOMPARE(model.listStarted, 1);
        QCOMPARE(model.listFinished, 1);
        QCOMPARE(fixture.cluster.transport->stats()->retried(), 0); // the transport left 503s to us
    }

    void healthyWatchResetsTheBackoff() {
        ClockedCluster fixture;
        QVERIFY(fixture.start());
        auto reflector = fixture.reflector(0.0);
        CacheModel model;
        model.attach(reflector.get());
        fixture.cluster.simulator->faults()->failNext(3, 503, -1);
        reflector->start();
        for (int attempt = 1; attempt <= 3; ++attempt) {
            QTRY_COMPARE_WITH_TIMEOUT(reflector->status().attempt, attempt, timeoutMs);
            fixture.clock.advance(reflector->retryDelay());
        }
        QTRY_VERIFY_WITH_TIMEOUT(reflector->status().state == ReflectorState::Live, timeoutMs);
        QVERIFY(fixture.writer->create(QStringLiteral("heard")) > 0);
        QTRY_COMPARE_WITH_TIMEOUT(model.events.size(), 1, timeoutMs);

        // The watch worked: the next failure waits the initial backoff again.
        fixture.cluster.simulator->faults()->configure(QJsonObject{{"dropWatches", true}});
        QTRY_COMPARE_WITH_TIMEOUT(reflector->status().state, ReflectorState::Reconnecting, timeoutMs);
        QCOMPARE(reflector->status().attempt, 1);
        QCOMPARE(reflector->retryDelay().count(), 800);
        fixture.clock.advance(reflector->retryDelay());
        QTRY_COMPARE_WITH_TIMEOUT(reflector->status().state, ReflectorState::Live, timeoutMs);
        QCOMPARE(model.listStarted, 1);
    }

    void failuresBecomeStates_data() {
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<ReflectorState>("state");
        QTest::addColumn<qint64>("retryDelay"); // -1: no retry
        QTest::newRow("403 on secrets") << true << "secrets" << ReflectorState::Forbidden << qint64(30000);
        QTest::newRow("404 resource gone")
            << false << "nosuchthings" << ReflectorState::Error << qint64(30000);
    }
    void failuresBecomeStates() {
        QFETCH(bool, readOnly);
        QFETCH(QString, resource);
        QFETCH(ReflectorState, state);
        QFETCH(qint64, retryDelay);
        ClockedCluster fixture;
        QVERIFY(fixture.start());
        if (readOnly) {
            // A second transport, as the read-only user.
            fixture.cluster.provider =
                std::make_unique<StaticTokenProvider>(fixture.cluster.simulator->credentials().readOnlyToken);
            TransportOptions options;
            options.clock = &fixture.clock;
            options.qps = -1;
            fixture.cluster.transport = std::make_unique<ClusterTransport>(
                endpointOf(*fixture.cluster.simulator), fixture.cluster.provider.get(), options);
        }
        WatchTarget target = configMapsTarget();
        target.resource.resource = resource;
        auto reflector = fixture.reflector(0.0, target);
        CacheModel model;
        model.attach(reflector.get());
        reflector->start();
        QTRY_COMPARE_WITH_TIMEOUT(reflector->status().state, state, timeoutMs);
        QCOMPARE(reflector->status().attempt, 1);
        QVERIFY(!reflector->status().lastError.isEmpty());
        QCOMPARE(reflector->retryDelay().count(), retryDelay);
        QCOMPARE(model.listStarted, 0);
        // Asked again, slowly, in case RBAC or the resource changes.
        fixture.clock.advance(reflector->retryDelay());
        QTRY_COMPARE_WITH_TIMEOUT(reflector->status().attempt, 2, timeoutMs);
        QCOMPARE(reflector->status().state, state);
        QCOMPARE(reflector->retryDelay().count(), retryDelay);
        reflector->stop();
        QCOMPARE(reflector->status().state, ReflectorState::Idle);
        QCOMPARE(fixture.clock.pendingCount(), 0);
    }

    void invalidSelectorIsAnError() {
        ClockedCluster fixture;
        QVERIFY(fixture.start());
        WatchTarget target = configMapsTarget();
        target.labelSelector = QStringLiteral("app in (unclosed");
        auto reflector = fixture.reflector(0.0, target);
        reflector->start();
        QTRY_COMPARE_WITH_TIMEOUT(reflector->status().state, ReflectorState::Error, timeoutMs);
        QTest::qWait(20);
        QCOMPARE(fixture.clock.pendingCount(), 0); // asking again cannot help
    }

    void quietWatchTurnsStale() {
        ClockedCluster fixture;
        QVERIFY(fixture.start());
        auto reflector = fixture.reflector(0.0);
        CacheModel model;
        model.attach(reflector.get());
        reflector->start();
        QTRY_COMPARE_WITH_TIMEOUT(reflector->status().state, ReflectorState::Live, timeoutMs);
        fixture.clock.advance(std::chrono::minutes(10) - milliseconds(1));
        QCOMPARE(reflector->status().state, ReflectorState::Live);
        fixture.clock.advance(milliseconds(1));
        QCOMPARE(reflector->status().state, ReflectorState::Stale);
        const QDateTime staleSince = reflector->status().stateSince;
        QVERIFY(staleSince.isValid());

        // Any event brings it back.
        QVERIFY(fixture.writer->create(QStringLiteral("wake")) > 0);
        QTRY_COMPARE_WITH_TIMEOUT(reflector->status().state, ReflectorState::Live, timeoutMs);
        QCOMPARE(model.events.size(), 1);
        const QList<ReflectorState> expected{ReflectorState::Syncing, ReflectorState::Live,
                                             ReflectorState::Stale, ReflectorState::Live};
        QList<ReflectorState> seen;
        for (const ReflectorStatus& status : model.statuses) {
            seen.append(status.state);
        }
        QCOMPARE(seen, expected);
    }
};

QTEST_GUILESS_MAIN(TestReflectorHealth)
#include "tst_reflectorhealth.moc"
