#include "clock.h"

#include <QDeadlineTimer>
#include <QTimer>
#include <algorithm>

namespace binnacle::transport {

using std::chrono::milliseconds;

SystemClock::SystemClock(QObject* parent)
    : QObject(parent)
    , m_originMs(QDeadlineTimer::current(Qt::PreciseTimer).deadline()) {}

SystemClock::~SystemClock() = default; // the timers are children

milliseconds SystemClock::now() const {
    return milliseconds(QDeadlineTimer::current(Qt::PreciseTimer).deadline() - m_originMs);
}

Clock::TimerId SystemClock::callAfter(milliseconds delay, Action action) {
    const TimerId id = m_nextId++;
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    connect(timer, &QTimer::timeout, this, [this, id, timer, action = std::move(action)] {
        m_timers.remove(id);
        timer->deleteLater();
        action();
    });
    m_timers.insert(id, timer);
    timer->start(std::max<milliseconds>(delay, milliseconds(0)));
    return id;
}

void SystemClock::cancel(TimerId id) {
    if (QTimer* timer = m_timers.take(id)) {
        timer->stop();
        timer->deleteLater();
    }
}

Clock::TimerId ManualClock::callAfter(milliseconds delay, Action action) {
    const TimerId id = m_nextId++;
    delay = std::max(delay, milliseconds(0));
    m_requestedDelays.push_back(delay);
    m_timers.emplace(id, Timer{m_now + delay, id, std::move(action)});
    return id;
}

void ManualClock::cancel(TimerId id) {
    m_timers.erase(id);
}

void ManualClock::advance(milliseconds step) {
    const milliseconds target = m_now + step;
    for (;;) {
        // The earliest due timer; ties fire in the order they were made.
        auto earliest = std::min_element(m_timers.begin(), m_timers.end(), [](const auto& a, const auto& b) {
            return std::pair(a.second.due, a.first) < std::pair(b.second.due, b.first);
        });
        if (earliest == m_timers.end() || earliest->second.due > target) {
            break;
        }
        m_now = std::max(m_now, earliest->second.due);
        Action action = std::move(earliest->second.action);
        m_timers.erase(earliest);
        action();
    }
    m_now = target;
}

milliseconds ManualClock::nextDueIn() const {
    if (m_timers.empty()) {
        return milliseconds(-1);
    }
    milliseconds earliest = m_timers.begin()->second.due;
    for (const auto& [id, timer] : m_timers) {
        earliest = std::min(earliest, timer.due);
    }
    return std::max(earliest - m_now, milliseconds(0));
}

} // namespace binnacle::transport
