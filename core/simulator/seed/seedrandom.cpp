#include "seedrandom.h"

namespace binnacle::sim {

SeedRandom::SeedRandom(quint32 seed, const char* stream)
    : m_state(0x2545F4914F6CDD1DULL ^ (quint64(seed) << 17)) {
    // FNV-1a over the stream name separates the streams of one seed.
    quint64 hash = 0xcbf29ce484222325ULL;
    for (const char* c = stream; *c; ++c) {
        hash = (hash ^ quint8(*c)) * 0x100000001b3ULL;
    }
    m_state ^= hash;
}

quint64 SeedRandom::next() {
    quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

int SeedRandom::bounded(int bound) {
    return bound <= 0 ? 0 : int(next() % quint64(bound));
}

QString SeedRandom::nameSuffix(int length) {
    static constexpr char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString suffix(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i) {
        suffix[i] = QLatin1Char(alphabet[next() % (sizeof(alphabet) - 1)]);
    }
    return suffix;
}

QString SeedRandom::hex(int length) {
    static constexpr char digits[] = "0123456789abcdef";
    QString text(length, Qt::Uninitialized);
    quint64 bits = 0;
    for (int i = 0; i < length; ++i) {
        if (i % 16 == 0) {
            bits = next();
        }
        text[i] = QLatin1Char(digits[bits & 0xF]);
        bits >>= 4;
    }
    return text;
}

QString SeedRandom::uuid() {
    QString text = hex(32);
    text[12] = QLatin1Char('4');
    text[16] = QLatin1Char("89ab"[next() % 4]);
    return text.left(8) + QLatin1Char('-') + text.mid(8, 4) + QLatin1Char('-') + text.mid(12, 4) +
           QLatin1Char('-') + text.mid(16, 4) + QLatin1Char('-') + text.mid(20);
}

} // namespace binnacle::sim
