#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <memory>
#include <optional>

namespace binnacle::sim::spdy {

// SPDY/3.1 framing (draft 3.1 §2), as kubectl's port-forward speaks it through moby/spdystream: 8-byte
// frame headers, big-endian fields, name/value header blocks compressed with zlib and the SPDY/3 dictionary
// in one compression context per direction that lives as long as the session.

enum class FrameType : quint16 {
    Data = 0, // not a control type: data frames have the control bit clear
    SynStream = 1,
    SynReply = 2,
    RstStream = 3,
    Settings = 4,
    Ping = 6,
    GoAway = 7,
    Headers = 8,
    WindowUpdate = 9,
};

constexpr quint16 version = 3;
constexpr quint8 flagFin = 0x01;            // data and SYN_STREAM/SYN_REPLY/HEADERS: the sender is done
constexpr quint8 flagUnidirectional = 0x02; // SYN_STREAM: the receiver may not send on it
constexpr int maxDataLength = 0xffffff;     // a frame's length field is 24 bits

// RST_STREAM status codes.
constexpr quint32 rstProtocolError = 1;
constexpr quint32 rstInvalidStream = 2;
constexpr quint32 rstRefusedStream = 3;
constexpr quint32 rstCancel = 5;
// GOAWAY status codes.
constexpr quint32 goAwayOk = 0;
constexpr quint32 goAwayProtocolError = 1;

// The SPDY/3 header compression dictionary (1423 bytes), a constant of the protocol.
QByteArray headerDictionary();

// Names are lowercase on the wire; several values of one name are joined by NUL.
using HeaderBlock = QList<QPair<QByteArray, QByteArray>>;
QByteArray headerValue(const HeaderBlock& headers, const QByteArray& name);

struct Setting {
    quint8 flags = 0;
    quint32 id = 0;
    quint32 value = 0;
};

// One frame, unpacked. Which fields mean something depends on the type.
struct Frame {
    FrameType type = FrameType::Data;
    quint8 flags = 0;
    quint32 streamId = 0;           // every stream frame; GOAWAY: the last good stream id
    quint32 associatedStreamId = 0; // SYN_STREAM
    quint8 priority = 0;            // SYN_STREAM, 0 (highest) to 7
    quint32 value = 0;              // RST_STREAM and GOAWAY: status; PING: id; WINDOW_UPDATE: delta
    HeaderBlock headers;            // SYN_STREAM, SYN_REPLY, HEADERS
    QList<Setting> settings;        // SETTINGS
    QByteArray data;                // DATA

    bool fin() const { return flags & flagFin; }
};

// zlib's deflate and inflate with the dictionary, each keeping its context across frames (§2.6.10.1).
class HeaderCompressor {
public:
    HeaderCompressor();
    ~HeaderCompressor();
    HeaderCompressor(const HeaderCompressor&) = delete;
    HeaderCompressor& operator=(const HeaderCompressor&) = delete;
    // The compressed block, ending in a sync flush so that the peer can decode it on its own.
    QByteArray compress(const HeaderBlock& headers);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

class HeaderDecompressor {
public:
    HeaderDecompressor();
    ~HeaderDecompressor();
    HeaderDecompressor(const HeaderDecompressor&) = delete;
    HeaderDecompressor& operator=(const HeaderDecompressor&) = delete;
    // nullopt when the bytes do not inflate, or the block inside is malformed.
    std::optional<HeaderBlock> decompress(const QByteArray& compressed);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// The uncompressed header block: a 32-bit count, then each name and value with a 32-bit length.
QByteArray encodeHeaderBlock(const HeaderBlock& headers);
std::optional<HeaderBlock> decodeHeaderBlock(const QByteArray& block);

// Writes frames; header blocks go through the writer's compressor, so one writer per direction.
class FrameWriter {
public:
    QByteArray encode(const Frame& frame);

    QByteArray synStream(quint32 streamId, const HeaderBlock& headers, quint8 flags = 0);
    QByteArray synReply(quint32 streamId, const HeaderBlock& headers = {}, quint8 flags = 0);
    QByteArray data(quint32 streamId, const QByteArray& payload, bool fin = false);
    QByteArray rstStream(quint32 streamId, quint32 status);
    QByteArray ping(quint32 id);
    QByteArray goAway(quint32 lastGoodStreamId, quint32 status);

private:
    HeaderCompressor m_compressor;
};

// Reads frames from a byte stream fed in any pieces (the WebSocket tunnel splits frames across messages).
// A malformed frame stops the parser for good: error() says why, and the session goes away.
class FrameParser {
public:
    void feed(const QByteArray& bytes);
    std::optional<Frame> next();
    const QByteArray& error() const { return m_error; }

private:
    std::optional<Frame> fail(const char* why);
    std::optional<Frame> parseControl(quint16 type, quint8 flags, const QByteArray& payload);

    QByteArray m_buffer;
    qsizetype m_offset = 0;
    QByteArray m_error;
    HeaderDecompressor m_decompressor;
};

} // namespace binnacle::sim::spdy
