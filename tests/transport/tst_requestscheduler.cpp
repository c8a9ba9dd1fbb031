// RequestScheduler: priority order, the concurrency cap, streams past the cap, rate-limited starts.
#include "requestscheduler.h"

#include <QTest>

using namespace binnacle::transport;
using std::chrono::milliseconds;

class TestRequestScheduler : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void priorityThenArrivalOrder() {
        ManualClock clock;
        RequestScheduler scheduler(&clock, 1, TokenBucket(-1, 1));
        QStringList started;
        auto add = [&](quint64 id, Priority priority, const char* name) {
            scheduler.enqueue(id, priority, true, [&started, name] { started.append(QLatin1String(name)); });
        };
        add(1, Priority::Background, "relist-1");
        add(2, Priority::Background, "relist-2");
        add(3, Priority::Normal, "normal");
        add(4, Priority::Interactive, "click");
        scheduler.pump();
        QCOMPARE(started, QStringList{QStringLiteral("click")});
        QCOMPARE(scheduler.queued(), 3);
        for (const char* expected : {"normal", "relist-1", "relist-2"}) {
            scheduler.releaseSlot();
            scheduler.pump();
            QCOMPARE(started.last(), QLatin1String(expected));
        }
        QCOMPARE(scheduler.queued(), 0);
    }

    void removedEntriesNeverStart() {
        ManualClock clock;
        RequestScheduler scheduler(&clock, 4, TokenBucket(-1, 1));
        int started = 0;
        scheduler.enqueue(1, Priority::Normal, true, [&] { ++started; });
        scheduler.enqueue(2, Priority::Normal, true, [&] { ++started; });
        QVERIFY(scheduler.remove(1));
        QVERIFY(!scheduler.remove(1));
        scheduler.pump();
        QCOMPARE(started, 1);
        QCOMPARE(scheduler.running(), 1);
    }

    void streamsPassTheCap() {
        ManualClock clock;
        RequestScheduler scheduler(&clock, 1, TokenBucket(-1, 1));
        QStringList started;
        scheduler.enqueue(1, Priority::Normal, true, [&] { started.append(QStringLiteral("get")); });
        scheduler.enqueue(2, Priority::Normal, true, [&] { started.append(QStringLiteral("waits")); });
        scheduler.enqueue(3, Priority::Background, false, [&] { started.append(QStringLiteral("watch")); });
        scheduler.pump();
        QCOMPARE(started, (QStringList{QStringLiteral("get"), QStringLiteral("watch")}));
        QCOMPARE(scheduler.running(), 1);
    }

    void rateLimitedStartsWaitForTheClock() {
        ManualClock clock;
        RequestScheduler scheduler(&clock, 10, TokenBucket(2, 1)); // one start every 500 ms
        int started = 0;
        for (quint64 id = 1; id <= 3; ++id) {
            scheduler.enqueue(id, Priority::Normal, true, [&] { ++started; });
        }
        scheduler.pump();
        QCOMPARE(started, 1);
        QCOMPARE(clock.pendingCount(), 1);
        QCOMPARE(clock.nextDueIn().count(), 500);
        clock.advance(milliseconds(499));
        QCOMPARE(started, 1);
        clock.advance(milliseconds(1));
        QCOMPARE(started, 2);
        clock.advance(milliseconds(500));
        QCOMPARE(started, 3);
        QCOMPARE(clock.pendingCount(), 0);
    }
};

QTEST_APPLESS_MAIN(TestRequestScheduler)
#include "tst_requestscheduler.moc"
