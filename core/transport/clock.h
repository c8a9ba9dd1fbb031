#pragma once

#include <QHash>
#include <QObject>
#include <chrono>
#include <functional>
#include <map>
#include <vector>

class QTimer;

namespace binnacle::transport {

// Where the transport gets its time and its timers (retry waits, deadlines, rate-limit waits).
// Injected so that tests can run retries with no real sleep: ManualClock fires timers on demand.
class Clock {
public:
    using TimerId = quint64;
    using Action = std::function<void()>;

    virtual ~Clock() = default;
    // Monotonic time since an arbitrary origin.
    virtual std::chrono::milliseconds now() const = 0;
    // Runs `action` once after `delay` on the clock's thread. Never runs it synchronously.
    virtual TimerId callAfter(std::chrono::milliseconds delay, Action action) = 0;
    // Forgets a timer; harmless if it has fired or was cancelled already.
    virtual void cancel(TimerId id) = 0;
};

// Real time: QElapsedTimer for now(), a single-shot QTimer per pending timer.
class SystemClock final : public QObject, public Clock {
    Q_OBJECT
public:
    explicit SystemClock(QObject* parent = nullptr);
    ~SystemClock() override;

    std::chrono::milliseconds now() const override;
    TimerId callAfter(std::chrono::milliseconds delay, Action action) override;
    void cancel(TimerId id) override;

private:
    qint64 m_originMs = 0;
    TimerId m_nextId = 1;
    QHash<TimerId, QTimer*> m_timers;
};

// Test time: stands still until advance(); records every delay asked for, so a test can check
// that a retry waited at least what the server's Retry-After said.
class ManualClock final : public Clock {
public:
    std::chrono::milliseconds now() const override { return m_now; }
    TimerId callAfter(std::chrono::milliseconds delay, Action action) override;
    void cancel(TimerId id) override;

    // Moves time forward by `step`, firing due timers in time order (timers they add included).
    void advance(std::chrono::milliseconds step);
    // Time until the earliest pending timer, or -1 ms when none is pending.
    std::chrono::milliseconds nextDueIn() const;
    int pendingCount() const { return int(m_timers.size()); }
    const std::vector<std::chrono::milliseconds>& requestedDelays() const { return m_requestedDelays; }

private:
    struct Timer {
        std::chrono::milliseconds due;
        TimerId id;
        Action action;
    };
    std::chrono::milliseconds m_now{0};
    TimerId m_nextId = 1;
    std::map<TimerId, Timer> m_timers;
    std::vector<std::chrono::milliseconds> m_requestedDelays;
};

} // namespace binnacle::transport
