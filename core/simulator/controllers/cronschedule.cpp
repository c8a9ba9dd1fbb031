#include "cronschedule.h"

#include <QStringList>

namespace binnacle::sim {

namespace {

struct FieldSpec {
    int min;
    int max;
    QStringList names; // index + min = value
};

int parseValue(const QString& text, const FieldSpec& spec, bool* ok) {
    const qsizetype named = spec.names.indexOf(text.toLower());
    if (named >= 0) {
        *ok = true;
        return int(named) + spec.min;
    }
    return text.toInt(ok);
}

// Parses one field into a set of allowed values; `star` reports a bare `*` or `?`.
template <size_t N>
bool parseField(const QString& field, const FieldSpec& spec, std::bitset<N>& bits, bool* star,
                QString* error) {
    *star = field == QLatin1String("*") || field == QLatin1String("?");
    for (const QString& part : field.split(QLatin1Char(','))) {
        QString range = part;
        int step = 1;
        const qsizetype slash = part.indexOf(QLatin1Char('/'));
        if (slash >= 0) {
            bool ok = false;
            step = part.mid(slash + 1).toInt(&ok);
            if (!ok || step <= 0) {
                *error = QStringLiteral("failed to parse int from %1").arg(part.mid(slash + 1));
                return false;
            }
            range = part.left(slash);
        }
        int low = spec.min;
        int high = spec.max;
        if (range != QLatin1String("*") && range != QLatin1String("?")) {
            const qsizetype dash = range.indexOf(QLatin1Char('-'));
            bool okLow = false;
            bool okHigh = true;
            low = parseValue(dash >= 0 ? range.left(dash) : range, spec, &okLow);
            high = dash >= 0 ? parseValue(range.mid(dash + 1), spec, &okHigh) : (slash >= 0 ? spec.max : low);
            if (!okLow || !okHigh) {
                *error = QStringLiteral("failed to parse int from %1").arg(range);
                return false;
            }
        }
        if (low < spec.min || high > spec.max) {
            *error =
                QStringLiteral("end of range (%1) above maximum (%2): %3").arg(high).arg(spec.max).arg(part);
            return false;
        }
        if (low > high) {
            *error = QStringLiteral("beginning of range (%1) beyond end of range (%2): %3")
                         .arg(low)
                         .arg(high)
                         .arg(part);
            return false;
        }
        // Weekday 7 is Sunday too.
        if (N == 7 && high == 7) {
            bits.set(0);
            if (low == 7) {
                continue;
            }
            high = 6;
        }
        for (int value = low; value <= high; value += step) {
            bits.set(size_t(value));
        }
    }
    return true;
}

QString expandMacro(const QString& text) {
    static const QList<std::pair<const char*, const char*>> macros{
        {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"},
        {"@weekly", "0 0 * * 0"}, {"@daily", "0 0 * * *"},    {"@midnight", "0 0 * * *"},
        {"@hourly", "0 * * * *"},
    };
    for (const auto& [macro, expansion] : macros) {
        if (text == QLatin1String(macro)) {
            return QLatin1String(expansion);
        }
    }
    return text;
}

} // namespace

std::optional<CronSchedule> CronSchedule::parse(const QString& text, QString* error) {
    QString schedule = text.trimmed();
    if (schedule.startsWith(QLatin1String("TZ=")) || schedule.startsWith(QLatin1String("CRON_TZ="))) {
        schedule = schedule.section(QLatin1Char(' '), 1).trimmed();
    }
    const QStringList fields = expandMacro(schedule).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (fields.size() != 5) {
        *error = QStringLiteral("expected exactly 5 fields, found %1: %2").arg(fields.size()).arg(text);
        return std::nullopt;
    }
    static const FieldSpec minute{0, 59, {}};
    static const FieldSpec hour{0, 23, {}};
    static const FieldSpec dayOfMonth{1, 31, {}};
    static const FieldSpec month{
        1, 12, QStringLiteral("jan feb mar apr may jun jul aug sep oct nov dec").split(QLatin1Char(' '))};
    static const FieldSpec dayOfWeek{0, 7,
                                     QStringLiteral("sun mon tue wed thu fri sat").split(QLatin1Char(' '))};
    CronSchedule parsed;
    bool star = false;
    if (!parseField(fields.at(0), minute, parsed.m_minutes, &star, error) ||
        !parseField(fields.at(1), hour, parsed.m_hours, &star, error) ||
        !parseField(fields.at(2), dayOfMonth, parsed.m_daysOfMonth, &parsed.m_dayOfMonthStar, error) ||
        !parseField(fields.at(3), month, parsed.m_months, &star, error) ||
        !parseField(fields.at(4), dayOfWeek, parsed.m_daysOfWeek, &parsed.m_dayOfWeekStar, error)) {
        return std::nullopt;
    }
    return parsed;
}

bool CronSchedule::matchesDay(const QDate& date) const {
    const bool dayOfMonth = m_daysOfMonth.test(size_t(date.day()));
    const bool dayOfWeek = m_daysOfWeek.test(size_t(date.dayOfWeek() % 7));
    if (m_dayOfMonthStar || m_dayOfWeekStar) {
        return dayOfMonth && dayOfWeek;
    }
    return dayOfMonth || dayOfWeek;
}

QDateTime CronSchedule::next(const QDateTime& after) const {
    QDateTime time = after.toUTC();
    time.setTime(QTime(time.time().hour(), time.time().minute()));
    time = time.addSecs(60);
    const QDateTime limit = time.addYears(5);
    while (time < limit) {
        const QDate date = time.date();
        if (!m_months.test(size_t(date.month()))) {
            time = QDateTime(QDate(date.year(), date.month(), 1).addMonths(1), QTime(0, 0), Qt::UTC);
            continue;
        }
        if (!matchesDay(date)) {
            time = QDateTime(date.addDays(1), QTime(0, 0), Qt::UTC);
            continue;
        }
        if (!m_hours.test(size_t(time.time().hour()))) {
            time = QDateTime(date, QTime(time.time().hour(), 0), Qt::UTC).addSecs(3600);
            continue;
        }
        if (!m_minutes.test(size_t(time.time().minute()))) {
            time = time.addSecs(60);
            continue;
        }
        return time;
    }
    return QDateTime();
}

} // namespace binnacle::sim
