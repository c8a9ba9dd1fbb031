#include "printerutil.h"
#include "tableprinters.h"

#include <QRegularExpression>

namespace binnacle::sim {

QString humanDuration(qint64 seconds) {
    // Up to two seconds in the future is tolerated as clock skew between machines.
    if (seconds < -1)
        return QStringLiteral("<invalid>");
    if (seconds < 0)
        return QStringLiteral("0s");
    if (seconds < 60 * 2)
        return QStringLiteral("%1s").arg(seconds);

    const qint64 minutes = seconds / 60;
    if (minutes < 10) {
        const qint64 remainder = seconds % 60;
        return remainder == 0 ? QStringLiteral("%1m").arg(minutes)
                              : QStringLiteral("%1m%2s").arg(minutes).arg(remainder);
    }
    if (minutes < 60 * 3)
        return QStringLiteral("%1m").arg(minutes);

    const qint64 hours = seconds / 3600;
    if (hours < 8) {
        const qint64 remainder = minutes % 60;
        return remainder == 0 ? QStringLiteral("%1h").arg(hours)
                              : QStringLiteral("%1h%2m").arg(hours).arg(remainder);
    }
    if (hours < 48)
        return QStringLiteral("%1h").arg(hours);
    if (hours < 24 * 8) {
        const qint64 remainder = hours % 24;
        return remainder == 0 ? QStringLiteral("%1d").arg(hours / 24)
                              : QStringLiteral("%1d%2h").arg(hours / 24).arg(remainder);
    }
    if (hours < 24 * 365 * 2)
        return QStringLiteral("%1d").arg(hours / 24);
    if (hours < 24 * 365 * 8) {
        const qint64 days = (hours / 24) % 365;
        return days == 0 ? QStringLiteral("%1y").arg(hours / 24 / 365)
                         : QStringLiteral("%1y%2d").arg(hours / 24 / 365).arg(days);
    }
    return QStringLiteral("%1y").arg(hours / 24 / 365);
}

QString translateTimestampSince(const QString& rfc3339, const QDateTime& now) {
    const auto timestamp = printers::parseTimestamp(rfc3339);
    if (!timestamp)
        return QStringLiteral("<unknown>");
    // Go converts the elapsed time to whole seconds by truncation toward zero; so does integer division.
    return humanDuration(timestamp->msecsTo(now) / 1000);
}

namespace printers {

std::optional<QDateTime> parseTimestamp(const QString& rfc3339) {
    // RFC 3339 as Go's time.Parse(time.RFC3339) reads it: optional fraction of any length, Z or an offset.
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$)"));
    const auto match = pattern.match(rfc3339);
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    const int milliseconds = match.captured(7).left(3).leftJustified(3, u'0').toInt();
    const QTime time(match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt(),
                     milliseconds);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    // Go's zero time.Time ("0001-01-01T00:00:00Z") means unset; printers show "<unknown>" for it.
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

} // namespace printers
} // namespace binnacle::sim
