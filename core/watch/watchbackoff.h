#pragma once

#include <chrono>
#include <functional>

namespace binnacle::watch {

// The wait between failed list/watch attempts, as client-go's reflector backs off: initial, doubling
// with every failure in a row, plus up to as much again of random jitter (client-go's jitter 1.0), never
// more than the cap. reset() after a healthy stretch starts again from the initial wait.
class WatchBackoff {
public:
    WatchBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds maximum,
                 std::function<double()> random);

    // Counts one more failure and returns how long to wait before the next attempt.
    std::chrono::milliseconds next();
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }
    std::chrono::milliseconds maximum() const { return m_maximum; }

    // The wait after the n-th failure in a row (n >= 1), for a jitter draw `random01` in [0, 1).
    std::chrono::milliseconds delayFor(int failure, double random01) const;

private:
    std::chrono::milliseconds m_initial;
    std::chrono::milliseconds m_maximum;
    std::function<double()> m_random;
    int m_failures = 0;
};

} // namespace binnacle::watch
