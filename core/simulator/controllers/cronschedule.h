#pragma once

#include <QDateTime>
#include <QString>
#include <bitset>
#include <optional>

namespace binnacle::sim {

// A standard five-field cron schedule (minute hour day-of-month month day-of-week) as the CronJob
// controller's parser (robfig/cron) accepts it: `*`, `?`, lists, ranges, steps, month and weekday
// names, the @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly macros, and an optional
// `TZ=`/`CRON_TZ=` prefix (ignored: times are UTC). Day-of-month and day-of-week are ORed when both
// are restricted.
class CronSchedule {
public:
    static std::optional<CronSchedule> parse(const QString& text, QString* error);

    // The first scheduled minute strictly after `after` (UTC), or an invalid QDateTime when none comes
    // within five years (e.g. "0 0 30 2 *").
    QDateTime next(const QDateTime& after) const;

private:
    bool matchesDay(const QDate& date) const;

    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_daysOfMonth; // 1..31
    std::bitset<13> m_months;      // 1..12
    std::bitset<7> m_daysOfWeek;   // 0 = Sunday
    bool m_dayOfMonthStar = false;
    bool m_dayOfWeekStar = false;
};

} // namespace binnacle::sim
