// stop() and destruction: no signal once stopped, from any state, even from inside a signal handler;
// destroying a reflector with a request in flight is safe.
#include "reflectortesting.h"

using namespace testing;

class TestReflectorStop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stopStopsEverything() {
        Fixture fixture;
        QVERIFY(fixture.start());
        auto reflector = fixture.reflector();
        CacheModel model;
        model.attach(reflector.get());
        reflector->start();
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);
        reflector->stop();
        QCOMPARE(reflector->status().state, ReflectorState::Idle);
        const int statuses = model.statuses.size();
        QVERIFY(fixture.writer->create(QStringLiteral("ignored")) > 0);
        fixture.cluster.simulator->faults()->configure(QJsonObject{{"dropWatches", true}});
        QTest::qWait(300);
        QCOMPARE(model.events.size(), 0);
        QCOMPARE(model.statuses.size(), statuses);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.cluster.transport->stats()->inFlight(), 0, timeoutMs);

        // Started again, it takes a new snapshot.
        reflector->start();
        QTRY_VERIFY_WITH_TIMEOUT(isLive(*reflector), timeoutMs);
        QCOMPARE(model.listStarted, 2);
        QCOMPARE(model.state(), fixture.writer->serverState());
    }

    void stopDuringListIsSilent() {
        Fixture fixture;
        QVERIFY(fixture.start());
        QVERIFY(fixture.writer->create(QStringLiteral("one")) > 0);
        fixture.cluster.simulator->faults()->setLatencyMs(100);
        auto reflector = fixture.reflector();
        CacheModel model;
        model.attach(reflector.get());
        reflector->start();
        reflector->stop();
        QTest::qWait(400);
        QCOMPARE(model.listStarted, 0);
        QCOMPARE(reflector->status().state, ReflectorState::Idle);
    }

    void stopFromASignalHandler() {
        Fixture fixture;
        QVERIFY(fixture.start());
        for (int i = 0; i < 6; ++i) {
            QVERIFY(fixture.writer->create(QStringLiteral("cm-%1").arg(i)) > 0);
        }
        auto reflector = fixture.reflector(fastOptions(2));
        CacheModel model;
        model.attach(reflector.get());
        connect(reflector.get(), &Reflector::listPage, reflector.get(), [&] { reflector->stop(); });
        reflector->start();
        QTRY_COMPARE_WITH_TIMEOUT(model.pageSizes.size(), 1, timeoutMs);
        QTest::qWait(300);
        QCOMPARE(model.pageSizes.size(), 1);
        QCOMPARE(model.listFinished, 0);
        QCOMPARE(reflector->status().state, ReflectorState::Idle);
    }

    void destroyedMidRequestIsSafe() {
        Fixture fixture;
        QVERIFY(fixture.start());
        fixture.cluster.simulator->faults()->setLatencyMs(100);
        auto reflector = fixture.reflector();
        bool listed = false;
        connect(reflector.get(), &Reflector::listStarted, this, [&] { listed = true; });
        reflector->start();
        QTest::qWait(20);
        reflector.reset();
        QTest::qWait(300);
        QVERIFY(!listed);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.cluster.transport->stats()->inFlight(), 0, timeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestReflectorStop)
#include "tst_reflectorstop.moc"
