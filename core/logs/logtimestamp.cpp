#include "logtimestamp.h"

namespace binnacle::logs::timestamp {

namespace {
constexpr qint64 nanosPerSecond = 1000000000LL;

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(qint64 year, unsigned month, unsigned day) {
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yearOfEra = unsigned(year - era * 400);
    const unsigned dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + qint64(dayOfEra) - 719468;
}

bool digits(QByteArrayView text, qsizetype at, int count, int* value) {
    if (at + count > text.size()) {
        return false;
    }
    int result = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[at + i];
        if (c < '0' || c > '9') {
            return false;
        }
        result = result * 10 + (c - '0');
    }
    *value = result;
    return true;
}
} // namespace

std::optional<qint64> parse(QByteArrayView text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 20 || !digits(text, 0, 4, &year) || text[4] != '-' || !digits(text, 5, 2, &month) ||
        text[7] != '-' || !digits(text, 8, 2, &day) || (text[10] != 'T' && text[10] != 't') ||
        !digits(text, 11, 2, &hour) || text[13] != ':' || !digits(text, 14, 2, &minute) || text[16] != ':' ||
        !digits(text, 17, 2, &second) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
        minute > 59 || second > 60) {
        return std::nullopt;
    }
    qsizetype at = 19;
    qint64 fraction = 0;
    if (text[at] == '.') {
        ++at;
        int scale = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            if (scale < 9) {
                fraction = fraction * 10 + (text[at] - '0');
                ++scale;
            }
            ++at;
        }
        if (scale == 0) {
            return std::nullopt;
        }
        for (; scale < 9; ++scale) {
            fraction *= 10;
        }
    }
    if (at >= text.size()) {
        return std::nullopt;
    }
    qint64 offsetSeconds = 0;
    if (text[at] == 'Z' || text[at] == 'z') {
        ++at;
    } else if (text[at] == '+' || text[at] == '-') {
        int offsetHours = 0, offsetMinutes = 0;
        if (!digits(text, at + 1, 2, &offsetHours) || at + 3 >= text.size() || text[at + 3] != ':' ||
            !digits(text, at + 4, 2, &offsetMinutes)) {
            return std::nullopt;
        }
        offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (text[at] == '-' ? -1 : 1);
        at += 6;
    } else {
        return std::nullopt;
    }
    if (at != text.size()) {
        return std::nullopt;
    }
    const qint64 seconds = daysFromCivil(year, unsigned(month), unsigned(day)) * 86400 + hour * 3600 +
                           minute * 60 + second - offsetSeconds;
    return seconds * nanosPerSecond + fraction;
}

qint64 fromDateTime(const QDateTime& time) {
    return time.toMSecsSinceEpoch() * 1000000LL;
}

QDateTime toDateTime(qint64 nanos) {
    const qint64 millis = nanos >= 0 ? nanos / 1000000 : -((-nanos + 999999) / 1000000);
    return QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC);
}

QString formatSeconds(qint64 nanos) {
    const qint64 seconds =
        nanos >= 0 ? nanos / nanosPerSecond : -((-nanos + nanosPerSecond - 1) / nanosPerSecond);
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QString formatNano(qint64 nanos) {
    const qint64 seconds =
        nanos >= 0 ? nanos / nanosPerSecond : -((-nanos + nanosPerSecond - 1) / nanosPerSecond);
    const qint64 fraction = nanos - seconds * nanosPerSecond;
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.")) +
           QStringLiteral("%1Z").arg(fraction, 9, 10, QLatin1Char('0'));
}

} // namespace binnacle::logs::timestamp
