#include "spdyframes.h"

#include <QtEndian>
#include <zlib.h>

namespace binnacle::sim::spdy {

namespace {
constexpr qsizetype maxHeaderBlockBytes = 1 << 20; // a decompressed block past this is refused (zip bomb)
constexpr int chunkBytes = 4096;

void appendUint32(QByteArray* out, quint32 value) {
    uchar bytes[4];
    qToBigEndian(value, bytes);
    out->append(reinterpret_cast<const char*>(bytes), 4);
}

quint32 readUint32(const char* bytes) {
    return qFromBigEndian<quint32>(bytes);
}

QByteArray controlHeader(FrameType type, quint8 flags, qsizetype length) {
    QByteArray header;
    header.reserve(8);
    appendUint32(&header, 0x80000000u | (quint32(version) << 16) | quint16(type));
    appendUint32(&header, (quint32(flags) << 24) | quint32(length));
    return header;
}
} // namespace

QByteArray headerValue(const HeaderBlock& headers, const QByteArray& name) {
    for (const auto& [key, value] : headers) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

// --- header blocks ---

QByteArray encodeHeaderBlock(const HeaderBlock& headers) {
    QByteArray block;
    appendUint32(&block, quint32(headers.size()));
    for (const auto& [name, value] : headers) {
        appendUint32(&block, quint32(name.size()));
        block += name.toLower();
        appendUint32(&block, quint32(value.size()));
        block += value;
    }
    return block;
}

std::optional<HeaderBlock> decodeHeaderBlock(const QByteArray& block) {
    qsizetype at = 0;
    auto readField = [&](QByteArray* field) {
        if (block.size() - at < 4) {
            return false;
        }
        const quint32 length = readUint32(block.constData() + at);
        at += 4;
        if (quint64(block.size() - at) < length) {
            return false;
        }
        *field = block.mid(at, qsizetype(length));
        at += qsizetype(length);
        return true;
    };
    if (block.size() < 4) {
        return std::nullopt;
    }
    const quint32 count = readUint32(block.constData());
    at = 4;
    HeaderBlock headers;
    for (quint32 i = 0; i < count; ++i) {
        QByteArray name;
        QByteArray value;
        if (!readField(&name) || !readField(&value) || name.isEmpty()) {
            return std::nullopt;
        }
        headers.append({name.toLower(), value});
    }
    return headers;
}

// --- compression ---

struct HeaderCompressor::State {
    z_stream stream{};
};

HeaderCompressor::HeaderCompressor()
    : m_state(std::make_unique<State>()) {
    deflateInit(&m_state->stream, Z_DEFAULT_COMPRESSION);
    const QByteArray dict = headerDictionary();
    deflateSetDictionary(&m_state->stream, reinterpret_cast<const Bytef*>(dict.constData()),
                         uInt(dict.size()));
}

HeaderCompressor::~HeaderCompressor() {
    deflateEnd(&m_state->stream);
}

QByteArray HeaderCompressor::compress(const HeaderBlock& headers) {
    QByteArray input = encodeHeaderBlock(headers);
    z_stream& stream = m_state->stream;
    stream.next_in = reinterpret_cast<Bytef*>(input.data());
    stream.avail_in = uInt(input.size());
    QByteArray output;
    char chunk[chunkBytes];
    do {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = chunkBytes;
        deflate(&stream, Z_SYNC_FLUSH);
        output.append(chunk, chunkBytes - qsizetype(stream.avail_out));
    } while (stream.avail_out == 0);
    return output;
}

struct HeaderDecompressor::State {
    z_stream stream{};
};

HeaderDecompressor::HeaderDecompressor()
    : m_state(std::make_unique<State>()) {
    inflateInit(&m_state->stream);
}

HeaderDecompressor::~HeaderDecompressor() {
    inflateEnd(&m_state->stream);
}

std::optional<HeaderBlock> HeaderDecompressor::decompress(const QByteArray& compressed) {
    z_stream& stream = m_state->stream;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.constData()));
    stream.avail_in = uInt(compressed.size());
    QByteArray output;
    char chunk[chunkBytes];
    while (true) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = chunkBytes;
        int status = inflate(&stream, Z_SYNC_FLUSH);
        if (status == Z_NEED_DICT) {
            const QByteArray dict = headerDictionary();
            if (inflateSetDictionary(&stream, reinterpret_cast<const Bytef*>(dict.constData()),
                                     uInt(dict.size())) != Z_OK) {
                return std::nullopt;
            }
            status = inflate(&stream, Z_SYNC_FLUSH);
        }
        if (status != Z_OK && status != Z_BUF_ERROR) {
            return std::nullopt; // Z_STREAM_END included: the context must stay open for the session
        }
        output.append(chunk, chunkBytes - qsizetype(stream.avail_out));
        if (output.size() > maxHeaderBlockBytes) {
            return std::nullopt;
        }
        if (stream.avail_in == 0 && stream.avail_out != 0) {
            break;
        }
    }
    return decodeHeaderBlock(output);
}

// --- writing ---

QByteArray FrameWriter::encode(const Frame& frame) {
    QByteArray body;
    switch (frame.type) {
    case FrameType::Data: {
        QByteArray out;
        out.reserve(8 + frame.data.size());
        appendUint32(&out, frame.streamId & 0x7fffffffu);
        appendUint32(&out, (quint32(frame.flags) << 24) | quint32(frame.data.size()));
        out += frame.data;
        return out;
    }
    case FrameType::SynStream:
        appendUint32(&body, frame.streamId & 0x7fffffffu);
        appendUint32(&body, frame.associatedStreamId & 0x7fffffffu);
        body.append(char(frame.priority << 5));
        body.append('\0'); // credential slot, unused
        body += m_compressor.compress(frame.headers);
        break;
    case FrameType::SynReply:
    case FrameType::Headers:
        appendUint32(&body, frame.streamId & 0x7fffffffu);
        body += m_compressor.compress(frame.headers);
        break;
    case FrameType::RstStream:
    case FrameType::GoAway:
    case FrameType::WindowUpdate:
        appendUint32(&body, frame.streamId & 0x7fffffffu);
        appendUint32(&body, frame.value);
        break;
    case FrameType::Ping:
        appendUint32(&body, frame.value);
        break;
    case FrameType::Settings:
        appendUint32(&body, quint32(frame.settings.size()));
        for (const Setting& setting : frame.settings) {
            appendUint32(&body, (quint32(setting.flags) << 24) | (setting.id & 0xffffffu));
            appendUint32(&body, setting.value);
        }
        break;
    }
    return controlHeader(frame.type, frame.flags, body.size()) + body;
}

QByteArray FrameWriter::synStream(quint32 streamId, const HeaderBlock& headers, quint8 flags) {
    Frame frame;
    frame.type = FrameType::SynStream;
    frame.streamId = streamId;
    frame.flags = flags;
    frame.headers = headers;
    return encode(frame);
}

QByteArray FrameWriter::synReply(quint32 streamId, const HeaderBlock& headers, quint8 flags) {
    Frame frame;
    frame.type = FrameType::SynReply;
    frame.streamId = streamId;
    frame.flags = flags;
    frame.headers = headers;
    return encode(frame);
}

QByteArray FrameWriter::data(quint32 streamId, const QByteArray& payload, bool fin) {
    // Large payloads go out in several frames; only the last carries FIN.
    QByteArray out;
    qsizetype at = 0;
    do {
        Frame frame;
        frame.streamId = streamId;
        frame.data = payload.mid(at, maxDataLength);
        at += frame.data.size();
        frame.flags = (fin && at >= payload.size()) ? flagFin : 0;
        out += encode(frame);
    } while (at < payload.size());
    return out;
}

QByteArray FrameWriter::rstStream(quint32 streamId, quint32 status) {
    Frame frame;
    frame.type = FrameType::RstStream;
    frame.streamId = streamId;
    frame.value = status;
    return encode(frame);
}

QByteArray FrameWriter::ping(quint32 id) {
    Frame frame;
    frame.type = FrameType::Ping;
    frame.value = id;
    return encode(frame);
}

QByteArray FrameWriter::goAway(quint32 lastGoodStreamId, quint32 status) {
    Frame frame;
    frame.type = FrameType::GoAway;
    frame.streamId = lastGoodStreamId;
    frame.value = status;
    return encode(frame);
}

// --- reading ---

void FrameParser::feed(const QByteArray& bytes) {
    if (!m_error.isEmpty()) {
        return;
    }
    if (m_offset > 0 && m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    } else if (m_offset > (1 << 16) && m_offset > m_buffer.size() / 2) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer += bytes;
}

std::optional<Frame> FrameParser::fail(const char* why) {
    m_error = why;
    m_buffer.clear();
    m_offset = 0;
    return std::nullopt;
}

std::optional<Frame> FrameParser::next() {
    if (!m_error.isEmpty() || m_buffer.size() - m_offset < 8) {
        return std::nullopt;
    }
    const char* head = m_buffer.constData() + m_offset;
    const quint32 first = readUint32(head);
    const quint32 second = readUint32(head + 4);
    const qsizetype length = qsizetype(second & 0xffffffu);
    if (m_buffer.size() - m_offset - 8 < length) {
        return std::nullopt;
    }
    const QByteArray payload = m_buffer.mid(m_offset + 8, length);
    m_offset += 8 + length;
    const quint8 flags = quint8(second >> 24);
    if (!(first & 0x80000000u)) {
        Frame frame;
        frame.streamId = first & 0x7fffffffu;
        frame.flags = flags;
        frame.data = payload;
        if (frame.streamId == 0) {
            return fail("data frame on stream 0");
        }
        return frame;
    }
    if (((first >> 16) & 0x7fffu) != version) {
        return fail("unsupported SPDY version");
    }
    return parseControl(quint16(first & 0xffffu), flags, payload);
}

std::optional<Frame> FrameParser::parseControl(quint16 type, quint8 flags, const QByteArray& payload) {
    if (type == 0) {
        return fail("control frame of type 0");
    }
    Frame frame;
    frame.type = FrameType(type);
    frame.flags = flags;
    const char* bytes = payload.constData();
    auto needs = [&](qsizetype size) { return payload.size() >= size; };
    switch (frame.type) {
    case FrameType::SynStream: {
        if (!needs(10)) {
            return fail("short SYN_STREAM");
        }
        frame.streamId = readUint32(bytes) & 0x7fffffffu;
        frame.associatedStreamId = readUint32(bytes + 4) & 0x7fffffffu;
        frame.priority = quint8(quint8(bytes[8]) >> 5);
        const auto headers = m_decompressor.decompress(payload.mid(10));
        if (!headers) {
            return fail("bad header block");
        }
        frame.headers = *headers;
        break;
    }
    case FrameType::SynReply:
    case FrameType::Headers: {
        if (!needs(4)) {
            return fail("short SYN_REPLY or HEADERS");
        }
        frame.streamId = readUint32(bytes) & 0x7fffffffu;
        const auto headers = m_decompressor.decompress(payload.mid(4));
        if (!headers) {
            return fail("bad header block");
        }
        frame.headers = *headers;
        break;
    }
    case FrameType::RstStream:
    case FrameType::GoAway:
    case FrameType::WindowUpdate:
        if (!needs(8)) {
            return fail("short control frame");
        }
        frame.streamId = readUint32(bytes) & 0x7fffffffu;
        frame.value = readUint32(bytes + 4);
        if (frame.type == FrameType::WindowUpdate) {
            frame.value &= 0x7fffffffu;
        }
        break;
    case FrameType::Ping:
        if (!needs(4)) {
            return fail("short PING");
        }
        frame.value = readUint32(bytes);
        break;
    case FrameType::Settings: {
        if (!needs(4)) {
            return fail("short SETTINGS");
        }
        const quint32 count = readUint32(bytes);
        if (quint64(payload.size() - 4) < quint64(count) * 8) {
            return fail("short SETTINGS");
        }
        for (quint32 i = 0; i < count; ++i) {
            const quint32 flagsAndId = readUint32(bytes + 4 + 8 * i);
            frame.settings.append(
                {quint8(flagsAndId >> 24), flagsAndId & 0xffffffu, readUint32(bytes + 8 + 8 * i)});
        }
        break;
    }
    case FrameType::Data:
    default:
        break; // an unknown control type is skipped whole (§2.2.1); its payload is not kept
    }
    return frame;
}

} // namespace binnacle::sim::spdy
