#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <memory>

namespace binnacle::informers {

// zlib (level 1) for the cache's object JSON, in qCompress's format (a 4-byte big-endian length, then the
// zlib stream) so that qUncompress reads it back. One deflate state is kept and reset between objects:
// qCompress sets up and frees zlib's ~256 KB state on every call, which cost 26 µs per pod — 1.3 s of a
// 50,000-pod cold start — against ~5 µs for the compression itself.
class JsonCompressor {
public:
    JsonCompressor();
    ~JsonCompressor();
    JsonCompressor(const JsonCompressor&) = delete;
    JsonCompressor& operator=(const JsonCompressor&) = delete;

    // `head` followed by `tail`, compressed as one (the JSON around a cut-out part needs no join first).
    QByteArray compress(QByteArrayView head, QByteArrayView tail = {});

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace binnacle::informers
