#include "jsoncompressor.h"

#include <zstd.h>

namespace binnacle::informers {

namespace {

constexpr int compressionLevel = 1;
// More than an object or two of dictionary buys little for objects of a few KB.
constexpr qsizetype maxDictionaryBytes = 4096;

struct CompressionContextDeleter {
    void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};
struct DictionaryDeleter {
    void operator()(ZSTD_CDict* dictionary) const { ZSTD_freeCDict(dictionary); }
};
struct DecompressionContextDeleter {
    void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};

// Objects are read back from any thread (the GUI's, a store's): one context per thread, made on first use.
ZSTD_DCtx* decompressionContext() {
    thread_local std::unique_ptr<ZSTD_DCtx, DecompressionContextDeleter> context(ZSTD_createDCtx());
    return context.get();
}

} // namespace

struct JsonCompressor::State {
    std::unique_ptr<ZSTD_CCtx, CompressionContextDeleter> context{ZSTD_createCCtx()};
    std::shared_ptr<const QByteArray> dictionary;
    std::unique_ptr<ZSTD_CDict, DictionaryDeleter> digestedDictionary;
    int sinceRenewal = 0;
};

JsonCompressor::JsonCompressor()
    : d(std::make_unique<State>()) {}

JsonCompressor::~JsonCompressor() = default;

JsonCompressor::Compressed JsonCompressor::compress(QByteArrayView input) {
    Compressed result;
    if (!d->context) {
        return result;
    }
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(input.size()))), Qt::Uninitialized);
    const size_t written =
        d->digestedDictionary
            ? ZSTD_compress_usingCDict(d->context.get(), out.data(), size_t(out.size()), input.data(),
                                       size_t(input.size()), d->digestedDictionary.get())
            : ZSTD_compressCCtx(d->context.get(), out.data(), size_t(out.size()), input.data(),
                                size_t(input.size()), compressionLevel);
    if (ZSTD_isError(written)) {
        return result;
    }
    out.resize(qsizetype(written));
    out.squeeze();
    result.bytes = std::move(out);
    if (d->digestedDictionary) {
        result.dictionary = d->dictionary;
    }
    // The first object, and every dictionaryRenewal-th after it, primes the objects that follow.
    if ((!d->digestedDictionary || ++d->sinceRenewal >= dictionaryRenewal) && !input.isEmpty()) {
        const QByteArrayView kept =
            input.size() > maxDictionaryBytes ? input.last(maxDictionaryBytes) : input;
        auto dictionary = std::make_shared<const QByteArray>(kept.toByteArray());
        std::unique_ptr<ZSTD_CDict, DictionaryDeleter> digested(
            ZSTD_createCDict(dictionary->constData(), size_t(dictionary->size()), compressionLevel));
        if (digested) {
            d->dictionary = std::move(dictionary);
            d->digestedDictionary = std::move(digested);
            d->sinceRenewal = 0;
        }
    }
    return result;
}

QByteArray JsonCompressor::decompress(const Compressed& compressed) {
    const QByteArray& bytes = compressed.bytes;
    const unsigned long long size = ZSTD_getFrameContentSize(bytes.constData(), size_t(bytes.size()));
    ZSTD_DCtx* context = decompressionContext();
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 31) ||
        !context) {
        return {};
    }
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    const QByteArray* dictionary = compressed.dictionary.get();
    const size_t read = ZSTD_decompress_usingDict(
        context, out.data(), size_t(out.size()), bytes.constData(), size_t(bytes.size()),
        dictionary ? dictionary->constData() : nullptr, dictionary ? size_t(dictionary->size()) : 0);
    return !ZSTD_isError(read) && read == size ? out : QByteArray();
}

} // namespace binnacle::informers
