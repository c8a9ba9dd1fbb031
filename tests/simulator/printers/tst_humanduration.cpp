#include "tableprinters.h"

#include <QTest>

using namespace binnacle::sim;

class TestHumanDuration : public QObject {
    Q_OBJECT

private slots:
    void humanDuration_data() {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("expected");
        constexpr qint64 minute = 60;
        constexpr qint64 hour = 60 * minute;
        constexpr qint64 day = 24 * hour;
        constexpr qint64 year = 365 * day;
        QTest::newRow("two seconds ahead is invalid") << qint64(-2) << "<invalid>";
        QTest::newRow("one second ahead is now") << qint64(-1) << "0s";
        QTest::newRow("zero") << qint64(0) << "0s";
        QTest::newRow("5s") << qint64(5) << "5s";
        QTest::newRow("119s stays seconds") << qint64(119) << "119s";
        QTest::newRow("2m") << 2 * minute << "2m";
        QTest::newRow("3m2s") << 3 * minute + 2 << "3m2s";
        QTest::newRow("9m59s") << 10 * minute - 1 << "9m59s";
        QTest::newRow("10m drops seconds") << 10 * minute + 30 << "10m";
        QTest::newRow("179m") << 3 * hour - 1 << "179m";
        QTest::newRow("3h") << 3 * hour << "3h";
        QTest::newRow("5h3m") << 5 * hour + 3 * minute << "5h3m";
        QTest::newRow("7h59m") << 8 * hour - 1 << "7h59m";
        QTest::newRow("8h drops minutes") << 8 * hour + 30 * minute << "8h";
        QTest::newRow("47h") << 48 * hour - 1 << "47h";
        QTest::newRow("2d") << 2 * day << "2d";
        QTest::newRow("2d5h") << 2 * day + 5 * hour << "2d5h";
        QTest::newRow("7d23h") << 8 * day - 1 << "7d23h";
        QTest::newRow("8d drops hours") << 8 * day + 5 * hour << "8d";
        QTest::newRow("729d") << 2 * year - 1 << "729d";
        QTest::newRow("2y") << 2 * year << "2y";
        QTest::newRow("3y45d") << 3 * year + 45 * day << "3y45d";
        QTest::newRow("7y364d") << 8 * year - 1 << "7y364d";
        QTest::newRow("8y drops days") << 8 * year + 45 * day << "8y";
        QTest::newRow("12y") << 12 * year + 100 * day << "12y";
    }

    void humanDuration() {
        QFETCH(qint64, seconds);
        QFETCH(QString, expected);
        QCOMPARE(binnacle::sim::humanDuration(seconds), expected);
    }

    void translateTimestampSince_data() {
        QTest::addColumn<QString>("timestamp");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << ""
                               << "<unknown>";
        QTest::newRow("Go zero time") << "0001-01-01T00:00:00Z"
                                      << "<unknown>";
        QTest::newRow("garbage") << "yesterday"
                                 << "<unknown>";
        QTest::newRow("UTC") << "2024-05-01T11:55:00Z"
                             << "5m";
        QTest::newRow("offset") << "2024-05-01T13:55:00+02:00"
                                << "5m";
        QTest::newRow("micro time truncates") << "2024-05-01T11:58:00.999999Z"
                                              << "119s";
        QTest::newRow("future beyond skew") << "2024-05-01T12:00:03Z"
                                            << "<invalid>";
        QTest::newRow("days") << "2024-04-28T09:00:00Z"
                              << "3d3h";
    }

    void translateTimestampSince() {
        QFETCH(QString, timestamp);
        QFETCH(QString, expected);
        const QDateTime now = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00Z"), Qt::ISODate);
        QCOMPARE(binnacle::sim::translateTimestampSince(timestamp, now), expected);
    }
};

QTEST_GUILESS_MAIN(TestHumanDuration)
#include "tst_humanduration.moc"
