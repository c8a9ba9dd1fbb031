#pragma once

#include <array>
#include <chrono>
#include <cstddef>

namespace binnacle::transport {

// The latest `Capacity` latencies in a ring: percentiles over recent traffic in fixed memory.
class LatencyReservoir {
public:
    static constexpr std::size_t Capacity = 1024;

    void add(std::chrono::milliseconds latency);
    std::size_t count() const { return m_count; }
    // Nearest-rank percentile (0 < p <= 100) of the samples held; 0 when there are none.
    double percentile(double p) const;

private:
    std::array<double, Capacity> m_samples{};
    std::size_t m_next = 0;
    std::size_t m_count = 0;
};

} // namespace binnacle::transport
