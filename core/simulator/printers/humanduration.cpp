#include "printerutil.h"
#include "tableprinters.h"

namespace binnacle::sim {

namespace {

// "5m", or "5m3s" when the remainder is not zero: QString::arg's formatting without its parsing of the
// pattern, as every row's Age goes through here.
QString withUnits(qint64 major, char16_t majorUnit, qint64 minor = 0, char16_t minorUnit = 0) {
    QString text = QString::number(major);
    text += QChar(majorUnit);
    if (minor != 0) {
        text += QString::number(minor);
        text += QChar(minorUnit);
    }
    return text;
}

} // namespace

QString humanDuration(qint64 seconds) {
    // Up to two seconds in the future is tolerated as clock skew between machines.
    if (seconds < -1)
        return QStringLiteral("<invalid>");
    if (seconds < 0)
        return QStringLiteral("0s");
    if (seconds < 60 * 2)
        return withUnits(seconds, u's');

    const qint64 minutes = seconds / 60;
    if (minutes < 10)
        return withUnits(minutes, u'm', seconds % 60, u's');
    if (minutes < 60 * 3)
        return withUnits(minutes, u'm');

    const qint64 hours = seconds / 3600;
    if (hours < 8)
        return withUnits(hours, u'h', minutes % 60, u'm');
    if (hours < 48)
        return withUnits(hours, u'h');
    if (hours < 24 * 8)
        return withUnits(hours / 24, u'd', hours % 24, u'h');
    if (hours < 24 * 365 * 2)
        return withUnits(hours / 24, u'd');
    if (hours < 24 * 365 * 8)
        return withUnits(hours / 24 / 365, u'y', (hours / 24) % 365, u'd');
    return withUnits(hours / 24 / 365, u'y');
}

QString translateTimestampSince(const QString& rfc3339, const QDateTime& now) {
    const std::optional<qint64> timestamp = printers::parseTimestampMsecs(rfc3339);
    if (!timestamp)
        return QStringLiteral("<unknown>");
    return printers::durationSince(*timestamp, now);
}

namespace printers {

namespace {

// Reads the string the way the pattern ^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?
// (?:([Zz])|([+-])(\d{2}):(\d{2}))$ matched it (QRegularExpression without Unicode properties: \d is
// an ASCII digit; $ also matches before a final newline), without a regular expression: the printers
// parse timestamps for every row they print.
class TimestampReader {
public:
    explicit TimestampReader(QStringView text)
        : m_text(text) {}

    // The value of the next `count` digits; nullopt unless there are that many.
    std::optional<int> digits(qsizetype count) {
        if (m_position + count > m_text.size())
            return std::nullopt;
        int value = 0;
        for (qsizetype i = 0; i < count; ++i) {
            if (!isDigit(m_position + i))
                return std::nullopt;
            value = value * 10 + (m_text[m_position + i].unicode() - u'0');
        }
        m_position += count;
        return value;
    }
    // Digits up to the first non-digit (at least one); returns them.
    std::optional<QStringView> digitRun() {
        const qsizetype start = m_position;
        while (m_position < m_text.size() && isDigit(m_position))
            ++m_position;
        if (m_position == start)
            return std::nullopt;
        return m_text.sliced(start, m_position - start);
    }
    bool accept(char16_t a, char16_t b = 0) {
        if (m_position < m_text.size() && (m_text[m_position] == a || (b && m_text[m_position] == b))) {
            ++m_position;
            return true;
        }
        return false;
    }
    char16_t peek() const { return m_position < m_text.size() ? m_text[m_position].unicode() : 0; }
    bool atEnd() const {
        return m_position == m_text.size() ||
               (m_position + 1 == m_text.size() && m_text[m_position] == u'\n');
    }

private:
    bool isDigit(qsizetype at) const { return m_text[at].unicode() >= u'0' && m_text[at].unicode() <= u'9'; }

    QStringView m_text;
    qsizetype m_position = 0;
};

} // namespace

std::optional<qint64> parseTimestampMsecs(QStringView rfc3339) {
    // RFC 3339 as Go's time.Parse(time.RFC3339) reads it: optional fraction of any length, Z or an offset.
    TimestampReader reader(rfc3339);
    std::optional<int> year, month, day, hour, minute, second;
    if (!(year = reader.digits(4)) || !reader.accept(u'-') || !(month = reader.digits(2)) ||
        !reader.accept(u'-') || !(day = reader.digits(2)) || !reader.accept(u'T', u't') ||
        !(hour = reader.digits(2)) || !reader.accept(u':') || !(minute = reader.digits(2)) ||
        !reader.accept(u':') || !(second = reader.digits(2)))
        return std::nullopt;
    int milliseconds = 0;
    if (reader.accept(u'.')) {
        const std::optional<QStringView> fraction = reader.digitRun();
        if (!fraction)
            return std::nullopt;
        for (qsizetype i = 0; i < 3; ++i)
            milliseconds = milliseconds * 10 + (i < fraction->size() ? fraction->at(i).unicode() - u'0' : 0);
    }
    int offsetSeconds = 0;
    if (!reader.accept(u'Z', u'z')) {
        const char16_t sign = reader.peek();
        std::optional<int> offsetHours, offsetMinutes;
        if (!reader.accept(u'+', u'-') || !(offsetHours = reader.digits(2)) || !reader.accept(u':') ||
            !(offsetMinutes = reader.digits(2)))
            return std::nullopt;
        offsetSeconds = (*offsetHours * 60 + *offsetMinutes) * 60;
        if (sign == u'-')
            offsetSeconds = -offsetSeconds;
    }
    if (!reader.atEnd())
        return std::nullopt;
    const QDate date(*year, *month, *day);
    const QTime time(*hour, *minute, *second, milliseconds);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    // Go's zero time.Time ("0001-01-01T00:00:00Z") means unset; printers show "<unknown>" for it.
    if (date == QDate(1, 1, 1) && time == QTime(0, 0))
        return std::nullopt;
    // What QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds).toMSecsSinceEpoch() gives, without
    // building a QDateTime: the printers age a timestamp or two on every row they print.
    constexpr qint64 unixEpochJulianDay = 2440588;
    constexpr qint64 msecsPerDay = 86400000;
    return (date.toJulianDay() - unixEpochJulianDay) * msecsPerDay + time.msecsSinceStartOfDay() -
           qint64(offsetSeconds) * 1000;
}

std::optional<QDateTime> parseTimestamp(const QString& rfc3339) {
    const std::optional<qint64> msecs = parseTimestampMsecs(rfc3339);
    if (!msecs)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(*msecs, Qt::UTC);
}

QString durationSince(qint64 msecsSinceEpoch, const QDateTime& now) {
    // QDateTime::msecsTo, which is 0 when `now` is invalid. Go converts the elapsed time to whole seconds
    // by truncation toward zero; so does integer division.
    const qint64 elapsed = now.isValid() ? now.toMSecsSinceEpoch() - msecsSinceEpoch : 0;
    return humanDuration(elapsed / 1000);
}

} // namespace printers
} // namespace binnacle::sim
