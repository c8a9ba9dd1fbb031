// RFC 3339 timestamps of the kubelet's log lines: parsed leniently, written fixed-width as the kubelet does.
#include "logtimestamp.h"

#include <QTest>

using namespace binnacle::logs;

class TestLogTimestamp : public QObject {
    Q_OBJECT
private slots:
    void parse_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("nanos"); // -1: invalid
        QTest::newRow("kubelet fixed width")
            << QByteArray("2024-05-01T10:00:05.120000000Z") << 1714557605120000000LL;
        QTest::newRow("nanoseconds") << QByteArray("2024-05-01T10:00:05.000000001Z") << 1714557605000000001LL;
        QTest::newRow("short fraction") << QByteArray("2024-05-01T10:00:05.5Z") << 1714557605500000000LL;
        QTest::newRow("no fraction") << QByteArray("2024-05-01T10:00:05Z") << 1714557605000000000LL;
        QTest::newRow("offset") << QByteArray("2024-05-01T12:00:05+02:00") << 1714557605000000000LL;
        QTest::newRow("negative offset") << QByteArray("2024-05-01T05:30:05-04:30") << 1714557605000000000LL;
        QTest::newRow("epoch") << QByteArray("1970-01-01T00:00:00Z") << 0LL;
        QTest::newRow("leap year") << QByteArray("2024-02-29T00:00:00Z") << 1709164800000000000LL;
        QTest::newRow("no zone") << QByteArray("2024-05-01T10:00:05") << -1LL;
        QTest::newRow("text") << QByteArray("level=info msg=x") << -1LL;
        QTest::newRow("trailing") << QByteArray("2024-05-01T10:00:05Zx") << -1LL;
        QTest::newRow("bad month") << QByteArray("2024-13-01T10:00:05Z") << -1LL;
        QTest::newRow("empty fraction") << QByteArray("2024-05-01T10:00:05.Z") << -1LL;
    }
    void parse() {
        QFETCH(QByteArray, text);
        QFETCH(qint64, nanos);
        const auto parsed = timestamp::parse(text);
        if (nanos < 0) {
            QVERIFY(!parsed);
        } else {
            QVERIFY(parsed);
            QCOMPARE(*parsed, nanos);
        }
    }

    void formats() {
        QCOMPARE(timestamp::formatNano(1714557605120000000LL),
                 QStringLiteral("2024-05-01T10:00:05.120000000Z"));
        QCOMPARE(timestamp::formatNano(1714557605000000001LL),
                 QStringLiteral("2024-05-01T10:00:05.000000001Z"));
        QCOMPARE(timestamp::formatNano(0).size(), timestamp::nanoTextLength);
        // sinceTime carries whole seconds: rounded down, never up (that would lose lines).
        QCOMPARE(timestamp::formatSeconds(1714557605999999999LL), QStringLiteral("2024-05-01T10:00:05Z"));
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(1714557605123, Qt::UTC);
        QCOMPARE(timestamp::toDateTime(timestamp::fromDateTime(time)), time);
    }

    void roundTrip() {
        for (qint64 nanos : {1LL, 999999999LL, 1714557605120000000LL, 4102444799999999999LL}) {
            QCOMPARE(*timestamp::parse(timestamp::formatNano(nanos).toLatin1()), nanos);
        }
    }
};

QTEST_GUILESS_MAIN(TestLogTimestamp)
#include "tst_logtimestamp.moc"
