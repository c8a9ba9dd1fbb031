#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QString>
#include <optional>

namespace binnacle::logs {

// The timestamps the kubelet puts before each line with timestamps=true: RFC 3339 with nanoseconds, written
// fixed-width ("2006-01-02T15:04:05.000000000Z07:00"), read leniently (any fraction, Z or an offset).
// Hand-written because QDateTime::fromString would cost more than the rest of a line's parsing.
namespace timestamp {

// Nanoseconds since the epoch, or nullopt when `text` is not an RFC 3339 date-time.
std::optional<qint64> parse(QByteArrayView text);
// The kubelet's fixed-width form in UTC: 2024-05-01T10:00:05.120000000Z.
QString formatNano(qint64 nanos);
// Whole seconds (rounded down) in UTC: what sinceTime can carry, for the API server passes it to the kubelet
// formatted as time.RFC3339.
QString formatSeconds(qint64 nanos);
qint64 fromDateTime(const QDateTime& time);
QDateTime toDateTime(qint64 nanos);
// The length of formatNano's output: the prefix a displayed timestamp adds (plus one space).
constexpr int nanoTextLength = 30;

} // namespace timestamp
} // namespace binnacle::logs
