#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <memory>

namespace binnacle::informers {

// zstd (level 1) for the cache's object JSON, primed with a dictionary: the plain JSON of an object
// compressed shortly before. Objects of one informer share most of their keys and many values, so an object
// compresses to a fraction of what it does alone. Measured on 3,000 of the simulator's pods' metadata
// (1.1 KB each): 5.8 us and 182 bytes per object, where zlib (level 1, a 4 KB window, the same dictionary
// set per object) took 19.6 us and 207 bytes. The dictionary is digested once (a zstd CDict, ~32 KB) rather
// than per object, which is most of the difference. It is renewed every `dictionaryRenewal` objects so that
// it follows what the informer holds; each compressed object keeps the plain dictionary it needs.
class JsonCompressor {
public:
    // What an object holds once compressed: one zstd frame (it records the original size) and the
    // dictionary it was compressed against, shared with the objects compressed alongside.
    struct Compressed {
        QByteArray bytes;
        std::shared_ptr<const QByteArray> dictionary;
    };

    static constexpr int dictionaryRenewal = 1000;

    JsonCompressor();
    ~JsonCompressor();
    JsonCompressor(const JsonCompressor&) = delete;
    JsonCompressor& operator=(const JsonCompressor&) = delete;

    // Empty bytes when zstd could not work (no memory): the caller keeps the plain JSON.
    Compressed compress(QByteArrayView json);
    // The original bytes; empty when `compressed` is damaged.
    static QByteArray decompress(const Compressed& compressed);

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace binnacle::informers
