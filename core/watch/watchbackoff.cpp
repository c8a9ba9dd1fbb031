#include "watchbackoff.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace binnacle::watch {

using std::chrono::milliseconds;

WatchBackoff::WatchBackoff(milliseconds initial, milliseconds maximum, std::function<double()> random)
    : m_initial(std::max(initial, milliseconds(1)))
    , m_maximum(std::max(maximum, m_initial))
    , m_random(std::move(random)) {}

milliseconds WatchBackoff::next() {
    ++m_failures;
    const double draw = m_random ? m_random() : QRandomGenerator::global()->generateDouble();
    return delayFor(m_failures, draw);
}

milliseconds WatchBackoff::delayFor(int failure, double random01) const {
    // Capped exponent: past 2^40 the cap has long been reached, and pow() must not overflow.
    const int doublings = std::clamp(failure - 1, 0, 40);
    const double base = double(m_initial.count()) * std::pow(2.0, doublings);
    const double jittered = base * (1.0 + std::clamp(random01, 0.0, 1.0));
    return milliseconds(qint64(std::min(jittered, double(m_maximum.count()))));
}

} // namespace binnacle::watch
