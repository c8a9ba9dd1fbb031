// WatchBackoff: client-go's 800 ms doubling to a 30 s cap, with jitter of up to as much again.
#include "watchbackoff.h"

#include <QTest>

using binnacle::watch::WatchBackoff;
using std::chrono::milliseconds;

class TestWatchBackoff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void delayFor_data() {
        QTest::addColumn<int>("failure");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("first") << 1 << 0.0 << qint64(800);
        QTest::newRow("second") << 2 << 0.0 << qint64(1600);
        QTest::newRow("sixth") << 6 << 0.0 << qint64(25600);
        QTest::newRow("seventh, capped") << 7 << 0.0 << qint64(30000);
        QTest::newRow("far beyond, capped") << 1000 << 0.0 << qint64(30000);
        QTest::newRow("first, full jitter") << 1 << 0.999 << qint64(1599);
        QTest::newRow("third, half jitter") << 3 << 0.5 << qint64(4800);
        QTest::newRow("jitter never passes the cap") << 6 << 0.99 << qint64(30000);
        QTest::newRow("fifth, nearly full jitter") << 5 << 0.99 << qint64(25472);
        QTest::newRow("random out of range clamped") << 1 << 7.0 << qint64(1600);
    }
    void delayFor() {
        QFETCH(int, failure);
        QFETCH(double, random);
        QFETCH(qint64, expected);
        const WatchBackoff backoff(milliseconds(800), milliseconds(30000), nullptr);
        QCOMPARE(backoff.delayFor(failure, random).count(), expected);
    }

    void nextCountsAndResets() {
        WatchBackoff backoff(milliseconds(800), milliseconds(30000), [] { return 0.0; });
        QCOMPARE(backoff.next().count(), 800);
        QCOMPARE(backoff.next().count(), 1600);
        QCOMPARE(backoff.failures(), 2);
        backoff.reset();
        QCOMPARE(backoff.failures(), 0);
        QCOMPARE(backoff.next().count(), 800);
    }

    void defaultRandomStaysInRange() {
        WatchBackoff backoff(milliseconds(800), milliseconds(30000), nullptr);
        for (int i = 0; i < 100; ++i) {
            backoff.reset();
            const qint64 delay = backoff.next().count();
            QVERIFY(delay >= 800 && delay < 1600);
        }
    }
};

QTEST_APPLESS_MAIN(TestWatchBackoff)
#include "tst_watchbackoff.moc"
