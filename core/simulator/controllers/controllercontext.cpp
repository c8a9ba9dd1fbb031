#include "controllercontext.h"

#include "eventrecorder.h"
#include "ownerindex.h"

#include <algorithm>
#include <cmath>

namespace binnacle::sim {

ControllerContext::ControllerContext(ResourceStorage* storage, ControllerOptions options)
    : m_storage(storage)
    , m_options(options)
    , m_randomState(0x2545F4914F6CDD1DULL ^ (quint64(options.seed) * 0x9E3779B97F4A7C15ULL))
    , m_events(new EventRecorder(this)) {}

ControllerContext::~ControllerContext() {
    delete m_events;
}

const OwnerIndex& ControllerContext::podOwners() {
    if (!m_podOwners) {
        m_podOwners = std::make_unique<OwnerIndex>(store(), type(QString(), QStringLiteral("pods")).key());
    }
    return *m_podOwners;
}

int ControllerContext::scaled(int simulatedMs) const {
    if (simulatedMs <= 0) {
        return 0;
    }
    return std::max(1, int(std::lround(simulatedMs * m_options.timeScale)));
}

quint32 ControllerContext::nextRandom() {
    // splitmix64: small, fast and fully determined by the seed.
    quint64 z = (m_randomState += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return quint32((z ^ (z >> 31)) >> 16);
}

QString ControllerContext::randomSuffix(int length) {
    static const QLatin1String alphabet("bcdfghjklmnpqrstvwxz2456789");
    QString suffix;
    for (int i = 0; i < length; ++i) {
        suffix.append(alphabet.at(nextRandom() % alphabet.size()));
    }
    return suffix;
}

WriteOptions ControllerContext::writeOptions(const QString& fieldManager, const QString& subresource) {
    WriteOptions options;
    options.fieldManager = fieldManager;
    options.subresource = subresource;
    return options;
}

} // namespace binnacle::sim
