#include "requestscheduler.h"

#include <algorithm>

namespace binnacle::transport {

RequestScheduler::RequestScheduler(Clock* clock, int maxConcurrent, TokenBucket bucket)
    : m_clock(clock)
    , m_maxConcurrent(std::max(maxConcurrent, 1))
    , m_bucket(bucket) {}

RequestScheduler::~RequestScheduler() {
    if (m_wakeTimer != 0) {
        m_clock->cancel(m_wakeTimer);
    }
}

void RequestScheduler::enqueue(quint64 id, Priority priority, bool needsSlot, Start start) {
    m_queue.emplace(Key{int(priority), m_sequence++}, Entry{id, needsSlot, std::move(start)});
}

bool RequestScheduler::remove(quint64 id) {
    const auto found =
        std::find_if(m_queue.begin(), m_queue.end(), [id](const auto& item) { return item.second.id == id; });
    if (found == m_queue.end()) {
        return false;
    }
    m_queue.erase(found);
    return true;
}

void RequestScheduler::releaseSlot() {
    m_running = std::max(m_running - 1, 0);
}

void RequestScheduler::setMaxConcurrent(int maxConcurrent) {
    m_maxConcurrent = std::max(maxConcurrent, 1);
}

void RequestScheduler::pump() {
    if (m_pumping) {
        // A start() re-entered (it finished or queued synchronously): go round once more.
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        for (;;) {
            // The best entry that may take a slot now: streams pass requests waiting for a slot.
            const auto next = std::find_if(m_queue.begin(), m_queue.end(), [this](const auto& item) {
                return !item.second.needsSlot || m_running < m_maxConcurrent;
            });
            if (next == m_queue.end()) {
                break;
            }
            const auto wait = m_bucket.tryAcquire(m_clock->now());
            if (wait.count() > 0) {
                if (m_wakeTimer == 0) {
                    m_wakeTimer = m_clock->callAfter(wait, [this] {
                        m_wakeTimer = 0;
                        pump();
                    });
                }
                break;
            }
            Entry entry = std::move(next->second);
            m_queue.erase(next);
            if (entry.needsSlot) {
                ++m_running;
            }
            entry.start();
        }
    } while (m_pumpAgain);
    m_pumping = false;
}

} // namespace binnacle::transport
