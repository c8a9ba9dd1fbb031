#pragma once

#include "clock.h"
#include "tokenbucket.h"

#include <QtGlobal>
#include <functional>
#include <map>

namespace binnacle::transport {

// Who is waiting: a user's click overtakes the relists that informers run in the background.
enum class Priority { Interactive = 0, Normal = 1, Background = 2 };

// Decides when each queued request may go: highest priority first, first-come within a priority,
// no more than `maxConcurrent` requests holding a slot, each start paid for with a token from the
// rate limiter. Long-running streams take a token but no slot (the API server exempts them from its
// concurrency limits too), so that many watches cannot starve ordinary requests.
class RequestScheduler {
public:
    using Start = std::function<void()>;

    RequestScheduler(Clock* clock, int maxConcurrent, TokenBucket bucket);
    ~RequestScheduler();
    RequestScheduler(const RequestScheduler&) = delete;
    RequestScheduler& operator=(const RequestScheduler&) = delete;

    // Queues `start` under `id` (unique among queued entries); it runs from a later pump().
    void enqueue(quint64 id, Priority priority, bool needsSlot, Start start);
    // Drops a queued entry; returns whether it was queued.
    bool remove(quint64 id);
    // A started request that held a slot is done with it.
    void releaseSlot();
    // Starts what may start now, and arms a timer for the rate limiter if it is what holds things up.
    void pump();

    int queued() const { return int(m_queue.size()); }
    int running() const { return m_running; }
    int maxConcurrent() const { return m_maxConcurrent; }
    void setMaxConcurrent(int maxConcurrent);

private:
    struct Key {
        int priority;
        quint64 sequence;
        auto operator<=>(const Key&) const = default;
    };
    struct Entry {
        quint64 id;
        bool needsSlot;
        Start start;
    };

    Clock* m_clock;
    int m_maxConcurrent;
    TokenBucket m_bucket;
    int m_running = 0;
    quint64 m_sequence = 0;
    std::map<Key, Entry> m_queue;
    Clock::TimerId m_wakeTimer = 0;
    bool m_pumping = false;
    bool m_pumpAgain = false;
};

} // namespace binnacle::transport
