#pragma once

#include "logline.h"

#include <QByteArray>
#include <QByteArrayView>

namespace binnacle::logs {

// Cuts a timestamped log body (timestamps=true) into lines as its bytes arrive, whatever the chunk
// boundaries, and tags each with its pod and container. A line without a valid timestamp keeps the text
// whole and the previous line's time.
class LogLineSplitter {
public:
    LogLineSplitter(QString pod, QString container);

    // Appends the complete lines of `bytes` to `out`; a partial line waits for the next call.
    void feed(QByteArrayView bytes, LogLines* out);
    // The body ended: a last line without newline (limitBytes) comes out marked truncated.
    void finish(LogLines* out);
    // A new connection: forgets a partial line of the old one.
    void reset() { m_partial.clear(); }

private:
    void emitLine(QByteArrayView line, bool truncated, LogLines* out);

    QString m_pod;
    QString m_container;
    QByteArray m_partial;
    qint64 m_lastTimestamp = 0;
};

// Drops, after a reconnect, the lines that were delivered before the drop. The new request asks for
// sinceTime = the last timestamp's whole second (all sinceTime can carry), so the server replays that second:
// lines older than the last delivered one are repeats, and of the lines with exactly that timestamp, as many
// as were delivered are repeats.
class ResumeFilter {
public:
    void delivered(qint64 timestampNs);
    void beginReplay();
    // false: a line delivered before; counts it in duplicatesDropped().
    bool accept(qint64 timestampNs);

    bool hasDelivered() const { return m_hasLast; }
    qint64 lastTimestamp() const { return m_last; }
    qint64 duplicatesDropped() const { return m_dropped; }

private:
    bool m_hasLast = false;
    qint64 m_last = 0;
    int m_countAtLast = 0;
    bool m_replaying = false;
    int m_toSkipAtLast = 0;
    qint64 m_dropped = 0;
};

} // namespace binnacle::logs
