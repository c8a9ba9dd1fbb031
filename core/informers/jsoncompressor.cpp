#include "jsoncompressor.h"

#include <zlib.h>

namespace binnacle::informers {

namespace {
constexpr qsizetype lengthPrefix = 4;
// A dictionary larger than deflate's 4 KB window would be partly out of reach.
constexpr qsizetype maxDictionaryBytes = 4096;
} // namespace

struct JsonCompressor::State {
    z_stream stream{};
    bool ready = false;
    std::shared_ptr<const QByteArray> dictionary;
    int sinceRenewal = 0;
};

JsonCompressor::JsonCompressor()
    : d(std::make_unique<State>()) {
    // A 4 KB window and a small hash: deflateReset clears the hash table, and zlib's default (128 KB)
    // cleared per object cost more than compressing. Objects are a few KB without managedFields.
    d->ready = deflateInit2(&d->stream, 1, Z_DEFLATED, 12, 3, Z_DEFAULT_STRATEGY) == Z_OK;
}

JsonCompressor::~JsonCompressor() {
    if (d->ready) {
        deflateEnd(&d->stream);
    }
}

JsonCompressor::Compressed JsonCompressor::compress(QByteArrayView head, QByteArrayView tail) {
    const auto size = quint32(head.size() + tail.size());
    Compressed result;
    if (!d->ready) {
        QByteArray joined = head.toByteArray();
        joined.append(tail);
        result.bytes = qCompress(joined, 1);
        return result;
    }
    z_stream& stream = d->stream;
    deflateReset(&stream);
    if (d->dictionary) {
        deflateSetDictionary(&stream, reinterpret_cast<const Bytef*>(d->dictionary->constData()),
                             uInt(d->dictionary->size()));
        result.dictionary = d->dictionary;
    }
    QByteArray out;
    out.resize(lengthPrefix + qsizetype(deflateBound(&stream, uLong(size))));
    auto* bytes = reinterpret_cast<uchar*>(out.data());
    bytes[0] = uchar(size >> 24);
    bytes[1] = uchar(size >> 16);
    bytes[2] = uchar(size >> 8);
    bytes[3] = uchar(size);
    stream.next_out = bytes + lengthPrefix;
    stream.avail_out = uInt(out.size() - lengthPrefix);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(head.data()));
    stream.avail_in = uInt(head.size());
    deflate(&stream, Z_NO_FLUSH);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(tail.data()));
    stream.avail_in = uInt(tail.size());
    if (deflate(&stream, Z_FINISH) != Z_STREAM_END) {
        // Cannot happen with deflateBound's room; kept as a safe path.
        QByteArray joined = head.toByteArray();
        joined.append(tail);
        return Compressed{qCompress(joined, 1), nullptr};
    }
    out.resize(lengthPrefix + qsizetype(stream.total_out));
    out.squeeze();
    result.bytes = std::move(out);
    // The first object, and every dictionaryRenewal-th after it, primes the objects that follow.
    if ((!d->dictionary || ++d->sinceRenewal >= dictionaryRenewal) && size > 0) {
        QByteArray dictionary = head.toByteArray();
        dictionary.append(tail);
        if (dictionary.size() > maxDictionaryBytes) {
            dictionary = dictionary.right(maxDictionaryBytes);
        }
        d->dictionary = std::make_shared<const QByteArray>(std::move(dictionary));
        d->sinceRenewal = 0;
    }
    return result;
}

QByteArray JsonCompressor::decompress(const Compressed& compressed) {
    const QByteArray& bytes = compressed.bytes;
    if (bytes.size() < lengthPrefix) {
        return {};
    }
    const auto* data = reinterpret_cast<const uchar*>(bytes.constData());
    const quint32 size =
        (quint32(data[0]) << 24) | (quint32(data[1]) << 16) | (quint32(data[2]) << 8) | data[3];
    QByteArray out;
    out.resize(qsizetype(size));
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) {
        return {};
    }
    stream.next_in = const_cast<Bytef*>(data + lengthPrefix);
    stream.avail_in = uInt(bytes.size() - lengthPrefix);
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    int status = inflate(&stream, Z_FINISH);
    if (status == Z_NEED_DICT && compressed.dictionary) {
        inflateSetDictionary(&stream, reinterpret_cast<const Bytef*>(compressed.dictionary->constData()),
                             uInt(compressed.dictionary->size()));
        status = inflate(&stream, Z_FINISH);
    }
    const bool complete = status == Z_STREAM_END && stream.total_out == size;
    inflateEnd(&stream);
    return complete ? out : QByteArray();
}

} // namespace binnacle::informers
