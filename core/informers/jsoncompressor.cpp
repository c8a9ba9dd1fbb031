#include "jsoncompressor.h"

#include <zlib.h>

namespace binnacle::informers {

struct JsonCompressor::State {
    z_stream stream{};
    bool ready = false;
};

JsonCompressor::JsonCompressor()
    : d(std::make_unique<State>()) {
    // A 4 KB window and a small hash: deflateReset clears the hash table, and zlib's default (128 KB)
    // cleared 50,000 times cost more than compressing. Objects are a few KB without managedFields, so the
    // small window loses little (measured: see jsoncompressor.h).
    d->ready = deflateInit2(&d->stream, 1, Z_DEFLATED, 12, 3, Z_DEFAULT_STRATEGY) == Z_OK;
}

JsonCompressor::~JsonCompressor() {
    if (d->ready) {
        deflateEnd(&d->stream);
    }
}

QByteArray JsonCompressor::compress(QByteArrayView head, QByteArrayView tail) {
    const auto size = quint32(head.size() + tail.size());
    if (!d->ready) {
        QByteArray joined = head.toByteArray();
        joined.append(tail);
        return qCompress(joined, 1);
    }
    deflateReset(&d->stream);
    QByteArray out;
    out.resize(4 + qsizetype(deflateBound(&d->stream, uLong(size))));
    auto* bytes = reinterpret_cast<uchar*>(out.data());
    bytes[0] = uchar(size >> 24);
    bytes[1] = uchar(size >> 16);
    bytes[2] = uchar(size >> 8);
    bytes[3] = uchar(size);
    z_stream& stream = d->stream;
    stream.next_out = bytes + 4;
    stream.avail_out = uInt(out.size() - 4);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(head.data()));
    stream.avail_in = uInt(head.size());
    deflate(&stream, Z_NO_FLUSH);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(tail.data()));
    stream.avail_in = uInt(tail.size());
    if (deflate(&stream, Z_FINISH) != Z_STREAM_END) {
        QByteArray joined = head.toByteArray();
        joined.append(tail);
        return qCompress(joined, 1); // cannot happen with deflateBound's room; kept as a safe path
    }
    out.resize(4 + qsizetype(stream.total_out));
    out.squeeze();
    return out;
}

} // namespace binnacle::informers
