// TokenBucket: burst, refill pace and the "off" setting, on hand-made times.
#include "tokenbucket.h"

#include <QTest>

using namespace binnacle::transport;
using std::chrono::milliseconds;

class TestTokenBucket : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void burstThenPaced_data() {
        QTest::addColumn<double>("qps");
        QTest::addColumn<int>("burst");
        QTest::addColumn<int>("expectedWaitMs"); // after the burst is spent
        QTest::newRow("5 qps, burst 10") << 5.0 << 10 << 200;
        QTest::newRow("50 qps, burst 300") << 50.0 << 300 << 20;
        QTest::newRow("1 qps, burst 1") << 1.0 << 1 << 1000;
        QTest::newRow("0.5 qps, burst 2") << 0.5 << 2 << 2000;
    }
    void burstThenPaced() {
        QFETCH(double, qps);
        QFETCH(int, burst);
        QFETCH(int, expectedWaitMs);
        TokenBucket bucket(qps, burst);
        const milliseconds start(1000);
        for (int i = 0; i < burst; ++i) {
            QCOMPARE(bucket.tryAcquire(start).count(), 0);
        }
        const milliseconds wait = bucket.tryAcquire(start);
        QCOMPARE(wait.count(), expectedWaitMs);
        // Not yet, then exactly on time; the token is spent once.
        QVERIFY(bucket.tryAcquire(start + wait - milliseconds(1)).count() > 0);
        QCOMPARE(bucket.tryAcquire(start + wait).count(), 0);
        QVERIFY(bucket.tryAcquire(start + wait).count() > 0);
    }

    void refillStopsAtBurst() {
        TokenBucket bucket(10, 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(bucket.tryAcquire(milliseconds(0)).count(), 0);
        }
        // A long idle time saves up no more than the burst.
        const milliseconds later(60000);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(bucket.tryAcquire(later).count(), 0);
        }
        QCOMPARE(bucket.tryAcquire(later).count(), 100);
    }

    void nonPositiveQpsIsUnlimited_data() {
        QTest::addColumn<double>("qps");
        QTest::newRow("negative") << -1.0;
        QTest::newRow("zero") << 0.0;
    }
    void nonPositiveQpsIsUnlimited() {
        QFETCH(double, qps);
        TokenBucket bucket(qps, 1);
        QVERIFY(!bucket.isLimited());
        for (int i = 0; i < 1000; ++i) {
            QCOMPARE(bucket.tryAcquire(milliseconds(0)).count(), 0);
        }
    }
};

QTEST_APPLESS_MAIN(TestTokenBucket)
#include "tst_tokenbucket.moc"
