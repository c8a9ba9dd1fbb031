#include "logmerger.h"

#include <QTimer>
#include <algorithm>
#include <limits>

namespace binnacle::logs {

LogMerger::LogMerger(std::chrono::milliseconds hold, QObject* parent)
    : QObject(parent)
    , m_hold(hold)
    , m_timer(new QTimer(this)) {
    m_clock.start();
    m_timer->setInterval(int(std::max<qint64>(10, hold.count() / 4)));
    connect(m_timer, &QTimer::timeout, this, [this] { release(false); });
}

void LogMerger::addStream(const QString& key) {
    m_streams.insert(key);
}

void LogMerger::removeStream(const QString& key) {
    m_streams.remove(key);
    m_lastTimestamp.remove(key);
    release(false);
}

void LogMerger::add(const QString& key, const LogLines& lines) {
    if (lines.isEmpty()) {
        return;
    }
    const qint64 now = m_clock.elapsed();
    m_pending.reserve(m_pending.size() + size_t(lines.size()));
    for (const LogLine& line : lines) {
        m_pending.push_back(Pending{line.timestampNs, m_sequence++, now, line});
    }
    m_lastTimestamp.insert(key, lines.last().timestampNs);
    release(false);
}

void LogMerger::flush() {
    release(true);
}

void LogMerger::release(bool everything) {
    if (m_pending.empty()) {
        m_timer->stop();
        return;
    }
    qint64 releaseUpTo = std::numeric_limits<qint64>::min();
    if (everything) {
        releaseUpTo = std::numeric_limits<qint64>::max();
    } else {
        // Every stream has reached the watermark: nothing older can come from any of them.
        bool allReported = !m_streams.isEmpty();
        qint64 watermark = std::numeric_limits<qint64>::max();
        for (const QString& key : std::as_const(m_streams)) {
            const auto it = m_lastTimestamp.constFind(key);
            if (it == m_lastTimestamp.constEnd()) {
                allReported = false;
                break;
            }
            watermark = std::min(watermark, *it);
        }
        if (allReported) {
            releaseUpTo = watermark;
        }
        const qint64 expired = m_clock.elapsed() - m_hold.count();
        for (const Pending& pending : m_pending) {
            if (pending.arrivedMs <= expired) {
                releaseUpTo = std::max(releaseUpTo, pending.timestamp);
            }
        }
    }
    std::sort(m_pending.begin(), m_pending.end(), [](const Pending& a, const Pending& b) {
        return a.timestamp != b.timestamp ? a.timestamp < b.timestamp : a.sequence < b.sequence;
    });
    const auto end = std::upper_bound(m_pending.begin(), m_pending.end(), releaseUpTo,
                                      [](qint64 value, const Pending& p) { return value < p.timestamp; });
    if (end != m_pending.begin()) {
        LogLines lines;
        lines.reserve(end - m_pending.begin());
        for (auto it = m_pending.begin(); it != end; ++it) {
            lines.append(std::move(it->line));
        }
        m_pending.erase(m_pending.begin(), end);
        emit linesReady(lines);
    }
    if (m_pending.empty()) {
        m_timer->stop();
    } else if (!m_timer->isActive()) {
        m_timer->start();
    }
}

} // namespace binnacle::logs
