#pragma once

#include "apierror.h"

#include <QByteArray>
#include <chrono>
#include <optional>

namespace binnacle::transport {

// When a failed attempt is tried again, and after how long (wire spec §10.2, client-go rest.Request):
// - 429 and 5xx carrying an integer Retry-After: the server did not process the request, so any
//   verb is retried, after max(Retry-After, backoff);
// - connection failures (refused, reset, closed, socket timeout): reads only — a write may have
//   reached the server, and re-sending it blindly could apply it twice;
// - nothing else (500 without Retry-After, 4xx, TLS, DNS).
struct RetryPolicy {
    int maxRetries = 10; // client-go's maxRetries
    // Exponential backoff: initial × multiplier^n, plus up to `jitter` of itself, capped at maxBackoff.
    // 0.8 s → 30 s matches client-go's watch re-establishment backoff.
    std::chrono::milliseconds initialBackoff{800};
    std::chrono::milliseconds maxBackoff{30000};
    double multiplier = 2.0;
    double jitter = 0.2;

    // The wait before retry number `retryIndex` (0 for the first retry); `random01` in [0, 1).
    std::chrono::milliseconds backoff(int retryIndex, double random01) const;

    // The wait before retrying, or nullopt when the attempt must not be retried. `retriesSoFar`
    // counts the retries already made; `isRead` is true for GET and HEAD.
    std::optional<std::chrono::milliseconds> retryDelay(const ApiError& error, bool isRead, int retriesSoFar,
                                                        double random01) const;
};

} // namespace binnacle::transport
