#include "printerutil.h"
#include "tableprinters.h"

#include <QRegularExpression>
#include <QTest>

namespace {
// The reference: RFC 3339 as the printers first read it, with a regular expression. parseTimestamp reads
// it by hand (it runs for every printed row) and must agree on every input.
std::optional<QDateTime> parseTimestampByPattern(const QString& rfc3339) {
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(?:([Zz])|([+-"
                       "])(\\d{2}):(\\d{2}))$"));
    const auto match = pattern.match(rfc3339);
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    const int milliseconds = match.captured(7).left(3).leftJustified(3, u'0').toInt();
    const QTime time(match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt(),
                     milliseconds);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    if (date == QDate(1, 1, 1) && time == QTime(0, 0))
        return std::nullopt;
    int offsetSeconds = 0;
    if (match.captured(8).isEmpty()) {
        offsetSeconds = (match.captured(10).toInt() * 60 + match.captured(11).toInt()) * 60;
        if (match.captured(9) == u"-")
            offsetSeconds = -offsetSeconds;
    }
    return QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
}
} // namespace

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

    void parseTimestampAgreesWithPattern_data() {
        QTest::addColumn<QString>("text");
        for (const char16_t* text : {u"2024-05-01T12:00:00Z",
                                     u"2024-05-01t12:00:00z",
                                     u"2024-05-01T12:00:00.5Z",
                                     u"2024-05-01T12:00:00.123456789Z",
                                     u"2024-05-01T12:00:00.Z",
                                     u"2024-05-01T12:00:00+02:00",
                                     u"2024-05-01T12:00:00.25-07:30",
                                     u"2024-05-01T12:00:00Z\n",
                                     u"2024-05-01T12:00:00Z\n\n",
                                     u"2024-05-01T12:00:00Z ",
                                     u" 2024-05-01T12:00:00Z",
                                     u"2024-05-01 12:00:00Z",
                                     u"2024-05-01T12:00:00",
                                     u"2024-05-01T12:00Z",
                                     u"24-05-01T12:00:00Z",
                                     u"2024-13-01T12:00:00Z",
                                     u"2024-02-30T12:00:00Z",
                                     u"2024-05-01T24:00:00Z",
                                     u"2024-05-01T12:60:00Z",
                                     u"0001-01-01T00:00:00Z",
                                     u"0001-01-01T00:00:00.000Z",
                                     u"0001-01-01T00:00:00+01:00",
                                     u"0000-01-01T00:00:00Z",
                                     u"2024-05-01T12:00:00+2:00",
                                     u"2024-05-01T12:00:00+02:0",
                                     u"2024-05-01T12:00:00+0200",
                                     u"\u0662\u0660\u0662\u0664-05-01T12:00:00Z",
                                     u"2024-05-01T12:00:00.\u0665Z",
                                     u"\uff12024-05-01T12:00:00Z",
                                     u"",
                                     u"Z",
                                     u"2024-05-01T12:00:00+99:99",
                                     u"9999-12-31T23:59:59.999-23:59"})
            QTest::newRow(QString::fromUtf16(text).toUtf8().constData()) << QString::fromUtf16(text);
    }
    void parseTimestampAgreesWithPattern() {
        QFETCH(QString, text);
        QCOMPARE(binnacle::sim::printers::parseTimestamp(text), parseTimestampByPattern(text));
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
