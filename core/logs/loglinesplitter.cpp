#include "loglinesplitter.h"

#include "logtimestamp.h"

namespace binnacle::logs {

LogLineSplitter::LogLineSplitter(QString pod, QString container)
    : m_pod(std::move(pod))
    , m_container(std::move(container)) {}

void LogLineSplitter::feed(QByteArrayView bytes, LogLines* out) {
    qsizetype start = 0;
    while (start < bytes.size()) {
        const qsizetype newline = bytes.indexOf('\n', start);
        if (newline < 0) {
            m_partial.append(bytes.sliced(start));
            return;
        }
        if (m_partial.isEmpty()) {
            emitLine(bytes.sliced(start, newline - start), false, out);
        } else {
            m_partial.append(bytes.sliced(start, newline - start));
            emitLine(m_partial, false, out);
            m_partial.clear();
        }
        start = newline + 1;
    }
}

void LogLineSplitter::finish(LogLines* out) {
    if (!m_partial.isEmpty()) {
        emitLine(m_partial, true, out);
        m_partial.clear();
    }
}

void LogLineSplitter::emitLine(QByteArrayView line, bool truncated, LogLines* out) {
    LogLine entry;
    entry.pod = m_pod;
    entry.container = m_container;
    entry.truncated = truncated;
    const qsizetype space = line.indexOf(' ');
    const auto parsed = space > 0 ? timestamp::parse(line.first(space)) : std::nullopt;
    if (parsed) {
        m_lastTimestamp = *parsed;
        entry.text = QString::fromUtf8(line.sliced(space + 1));
    } else {
        entry.text = QString::fromUtf8(line);
    }
    entry.timestampNs = m_lastTimestamp;
    out->append(std::move(entry));
}

void ResumeFilter::delivered(qint64 timestampNs) {
    if (m_hasLast && timestampNs == m_last) {
        ++m_countAtLast;
        return;
    }
    if (!m_hasLast || timestampNs > m_last) {
        m_hasLast = true;
        m_last = timestampNs;
        m_countAtLast = 1;
    }
}

void ResumeFilter::beginReplay() {
    m_replaying = m_hasLast;
    m_toSkipAtLast = m_countAtLast;
}

bool ResumeFilter::accept(qint64 timestampNs) {
    if (!m_replaying) {
        return true;
    }
    if (timestampNs < m_last || (timestampNs == m_last && m_toSkipAtLast > 0)) {
        if (timestampNs == m_last) {
            --m_toSkipAtLast;
        }
        ++m_dropped;
        return false;
    }
    m_replaying = false;
    return true;
}

} // namespace binnacle::logs
