#include "latencyreservoir.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace binnacle::transport {

void LatencyReservoir::add(std::chrono::milliseconds latency) {
    m_samples[m_next] = double(latency.count());
    m_next = (m_next + 1) % Capacity;
    m_count = std::min(m_count + 1, Capacity);
}

double LatencyReservoir::percentile(double p) const {
    if (m_count == 0) {
        return 0;
    }
    std::vector<double> sorted(m_samples.begin(), m_samples.begin() + std::ptrdiff_t(m_count));
    const auto rank = std::size_t(std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * double(m_count)));
    const std::size_t index = std::clamp<std::size_t>(rank, 1, m_count) - 1;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(index), sorted.end());
    return sorted[index];
}

} // namespace binnacle::transport
