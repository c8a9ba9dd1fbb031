// Parsing five-field cron schedules and finding the next run.
#include "cronschedule.h"

#include <QTest>

using namespace binnacle::sim;

class TestCronSchedule : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void next_data() {
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<QDateTime>("after");
        QTest::addColumn<QDateTime>("expected");
        const auto at = [](int day, int hour, int minute) {
            return QDateTime(QDate(2025, 3, day), QTime(hour, minute), Qt::UTC); // 2025-03-14 is a Friday
        };
        QTest::newRow("every minute") << "* * * * *" << at(14, 10, 0).addSecs(30) << at(14, 10, 1);
        QTest::newRow("step") << "*/15 * * * *" << at(14, 10, 7) << at(14, 10, 15);
        QTest::newRow("exactly on a match is not next") << "*/15 * * * *" << at(14, 10, 15) << at(14, 10, 30);
        QTest::newRow("range and list") << "5,35 9-10 * * *" << at(14, 10, 40) << at(15, 9, 5);
        QTest::newRow("weekdays by name") << "0 9 * * mon-fri" << at(14, 10, 0) << at(17, 9, 0);
        QTest::newRow("sunday as 7") << "0 0 * * 7" << at(14, 10, 0) << at(16, 0, 0);
        QTest::newRow("day of month or weekday") << "0 0 20 * sat" << at(14, 10, 0) << at(15, 0, 0);
        QTest::newRow("month name") << "0 0 1 apr *" << at(14, 10, 0)
                                    << QDateTime(QDate(2025, 4, 1), QTime(0, 0), Qt::UTC);
        QTest::newRow("hourly macro") << "@hourly" << at(14, 10, 0) << at(14, 11, 0);
        QTest::newRow("daily macro") << "@daily" << at(14, 10, 0) << at(15, 0, 0);
        QTest::newRow("timezone prefix") << "CRON_TZ=UTC 30 * * * *" << at(14, 10, 0) << at(14, 10, 30);
        QTest::newRow("never") << "0 0 30 2 *" << at(14, 10, 0) << QDateTime();
    }

    void next() {
        QFETCH(QString, schedule);
        QFETCH(QDateTime, after);
        QFETCH(QDateTime, expected);
        QString error;
        const std::optional<CronSchedule> parsed = CronSchedule::parse(schedule, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->next(after), expected);
    }

    void invalid_data() {
        QTest::addColumn<QString>("schedule");
        QTest::newRow("too few fields") << "* * *";
        QTest::newRow("minute out of range") << "61 * * * *";
        QTest::newRow("not a number") << "x * * * *";
        QTest::newRow("zero step") << "*/0 * * * *";
        QTest::newRow("unknown macro") << "@sometimes";
    }

    void invalid() {
        QFETCH(QString, schedule);
        QString error;
        QVERIFY(!CronSchedule::parse(schedule, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCronSchedule)
#include "tst_cronschedule.moc"
