#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <memory>

namespace binnacle::informers {

// zlib (level 1) for the cache's object JSON, primed with a preset dictionary: the plain JSON of an object
// compressed shortly before. Objects of one informer share most of their keys and many values, so a
// 1.1 KB pod's metadata that deflates alone to ~585 bytes in ~24 µs takes ~85 bytes and ~8 µs against a
// sibling (measured on the simulator's pods). The dictionary is renewed every `dictionaryRenewal` objects
// so that it follows what the informer holds; each compressed object keeps the one it needs.
// One deflate state is kept and reset between objects: setting zlib up and freeing its state per call
// cost more than compressing.
class JsonCompressor {
public:
    // What an object holds once compressed: the bytes (a 4-byte big-endian length, then the zlib stream)
    // and the dictionary they were compressed against, shared with the objects compressed alongside.
    struct Compressed {
        QByteArray bytes;
        std::shared_ptr<const QByteArray> dictionary;
    };

    static constexpr int dictionaryRenewal = 1000;

    JsonCompressor();
    ~JsonCompressor();
    JsonCompressor(const JsonCompressor&) = delete;
    JsonCompressor& operator=(const JsonCompressor&) = delete;

    // `head` followed by `tail`, compressed as one (the JSON around a cut-out part needs no join first).
    Compressed compress(QByteArrayView head, QByteArrayView tail = {});
    // The original bytes; empty when `compressed` is damaged.
    static QByteArray decompress(const Compressed& compressed);

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace binnacle::informers
