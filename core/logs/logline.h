#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace binnacle::logs {

// One line of a container's output, without its newline.
struct LogLine {
    // When the runtime wrote it, nanoseconds since the Unix epoch (UTC); 0 when the server sent none.
    qint64 timestampNs = 0;
    // Shared between the lines of one stream (implicitly shared QStrings), so tagging costs no memory.
    QString pod;
    QString container;
    QString text;
    // The line was cut by limitBytes: the server sent no newline after it.
    bool truncated = false;
    // Not the container's output: a note the stream adds in its place (the container restarted).
    bool marker = false;

    bool operator==(const LogLine&) const = default;
};

using LogLines = QList<LogLine>;

} // namespace binnacle::logs

Q_DECLARE_METATYPE(binnacle::logs::LogLine)
