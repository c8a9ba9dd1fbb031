#pragma once

#include <QString>
#include <QStringList>

namespace binnacle::sim {

// The seeder's own deterministic random source (splitmix64). Each seeding step derives its own stream
// from the seed and a step name, so what one step generates does not depend on which steps ran before.
class SeedRandom {
public:
    SeedRandom(quint32 seed, const char* stream);

    quint64 next();
    // Uniform in [0, bound).
    int bounded(int bound);
    // Characters from the alphabet kube uses for generated names (no vowels, no look-alikes).
    QString nameSuffix(int length = 5);
    QString hex(int length);
    // An RFC 4122 version-4 UUID.
    QString uuid();
    const QString& pick(const QStringList& choices) { return choices.at(bounded(int(choices.size()))); }

private:
    quint64 m_state;
};

} // namespace binnacle::sim
