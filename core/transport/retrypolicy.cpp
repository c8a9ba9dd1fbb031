#include "retrypolicy.h"

#include <algorithm>
#include <cmath>

namespace binnacle::transport {

using std::chrono::milliseconds;

milliseconds RetryPolicy::backoff(int retryIndex, double random01) const {
    const double base = double(initialBackoff.count()) * std::pow(multiplier, std::max(retryIndex, 0));
    const double jittered = base + base * jitter * std::clamp(random01, 0.0, 1.0);
    return milliseconds(qint64(std::min(jittered, double(maxBackoff.count()))));
}

std::optional<milliseconds> RetryPolicy::retryDelay(const ApiError& error, bool isRead, int retriesSoFar,
                                                    double random01) const {
    if (retriesSoFar >= maxRetries) {
        return std::nullopt;
    }
    const milliseconds wait = backoff(retriesSoFar, random01);
    if (error.kind() == ApiError::Kind::Status) {
        const int code = error.httpStatus();
        // Only the integer header counts (client-go): a body-only retryAfterSeconds does not.
        if ((code == 429 || code >= 500) && error.status().hasRetryAfterHeader) {
            return std::max(wait, milliseconds(qint64(error.status().retryAfterSeconds) * 1000));
        }
        return std::nullopt;
    }
    if (isRead && error.isConnectionFailure()) {
        return wait;
    }
    return std::nullopt;
}

} // namespace binnacle::transport
