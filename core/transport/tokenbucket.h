#pragma once

#include <chrono>

namespace binnacle::transport {

// Client-side rate limit: `qps` tokens a second, at most `burst` saved up; starts full.
// A qps of zero or below means no limit (client-go: QPS < 0 disables its limiter).
// Pure arithmetic on the times it is given, so tests drive it with any clock.
class TokenBucket {
public:
    TokenBucket(double qps, int burst);

    bool isLimited() const { return m_qps > 0; }
    double qps() const { return m_qps; }
    int burst() const { return m_burst; }

    // Takes a token if one is available at `now` and returns 0; otherwise takes nothing and returns
    // how long until one will be.
    std::chrono::milliseconds tryAcquire(std::chrono::milliseconds now);

private:
    void refill(std::chrono::milliseconds now);

    double m_qps;
    int m_burst;
    double m_tokens;
    std::chrono::milliseconds m_lastRefill{0};
    bool m_started = false;
};

} // namespace binnacle::transport
