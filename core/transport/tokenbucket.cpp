#include "tokenbucket.h"

#include <QtGlobal>
#include <algorithm>
#include <cmath>

namespace binnacle::transport {

using std::chrono::milliseconds;

TokenBucket::TokenBucket(double qps, int burst)
    : m_qps(qps)
    , m_burst(std::max(burst, 1))
    , m_tokens(double(m_burst)) {}

void TokenBucket::refill(milliseconds now) {
    if (!m_started) {
        m_started = true;
        m_lastRefill = now;
        return;
    }
    if (now > m_lastRefill) {
        m_tokens =
            std::min(double(m_burst), m_tokens + double((now - m_lastRefill).count()) * m_qps / 1000.0);
        m_lastRefill = now;
    }
}

milliseconds TokenBucket::tryAcquire(milliseconds now) {
    if (!isLimited()) {
        return milliseconds(0);
    }
    refill(now);
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return milliseconds(0);
    }
    // Round up so that waking after the returned time always finds a whole token.
    return milliseconds(std::max<qint64>(1, qint64(std::ceil((1.0 - m_tokens) * 1000.0 / m_qps))));
}

} // namespace binnacle::transport
