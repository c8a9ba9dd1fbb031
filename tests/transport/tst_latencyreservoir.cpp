// LatencyReservoir: nearest-rank percentiles, and only the latest samples count.
#include "latencyreservoir.h"

#include <QTest>

using namespace binnacle::transport;
using std::chrono::milliseconds;

class TestLatencyReservoir : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void percentiles_data() {
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("expected");
        // Samples 1..100 ms, added in reverse order.
        QTest::newRow("p50") << 50.0 << 50.0;
        QTest::newRow("p95") << 95.0 << 95.0;
        QTest::newRow("p99") << 99.0 << 99.0;
        QTest::newRow("p100") << 100.0 << 100.0;
        QTest::newRow("p1") << 1.0 << 1.0;
    }
    void percentiles() {
        QFETCH(double, p);
        QFETCH(double, expected);
        LatencyReservoir reservoir;
        for (int value = 100; value >= 1; --value) {
            reservoir.add(milliseconds(value));
        }
        QCOMPARE(reservoir.count(), std::size_t(100));
        QCOMPARE(reservoir.percentile(p), expected);
    }

    void emptyIsZero() { QCOMPARE(LatencyReservoir().percentile(99), 0.0); }

    void oldSamplesAgeOut() {
        LatencyReservoir reservoir;
        for (std::size_t i = 0; i < LatencyReservoir::Capacity; ++i) {
            reservoir.add(milliseconds(5000));
        }
        for (std::size_t i = 0; i < LatencyReservoir::Capacity; ++i) {
            reservoir.add(milliseconds(10));
        }
        QCOMPARE(reservoir.count(), LatencyReservoir::Capacity);
        QCOMPARE(reservoir.percentile(100), 10.0);
    }
};

QTEST_APPLESS_MAIN(TestLatencyReservoir)
#include "tst_latencyreservoir.moc"
