#pragma once

#include <QByteArray>
#include <QList>
#include <optional>

namespace binnacle::sim::ws {

// RFC 6455 opcodes.
enum class Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA
};

// Close codes the simulator uses (RFC 6455 §7.4.1).
constexpr quint16 closeNormal = 1000;
constexpr quint16 closeProtocolError = 1002;
constexpr quint16 closeTooBig = 1009;

// The Sec-WebSocket-Accept value for a client's Sec-WebSocket-Key: base64(SHA-1(key + GUID)).
QByteArray acceptKey(const QByteArray& clientKey);

// One frame on the wire. Servers never mask; clients always do, so `maskKey` is for tests acting as a client.
QByteArray encodeFrame(Opcode opcode, const QByteArray& payload, bool fin = true,
                       std::optional<quint32> maskKey = std::nullopt);
QByteArray encodeClose(quint16 code, const QByteArray& reason = {},
                       std::optional<quint32> maskKey = std::nullopt);

// What the parser hands back: a whole data message (fragments joined), or a control frame.
struct WebSocketEvent {
    Opcode opcode = Opcode::Binary; // Text/Binary for messages, else the control opcode
    QByteArray payload;             // for Close: the reason text only
    quint16 closeCode = 0;          // Close only; 1005 (no status) when the frame carried none
};

// Incremental parser for frames sent by a client: bytes in, whole messages and control frames out.
// Enforces what a server must (RFC 6455 §5): masked frames, no reserved bits, control frames short and
// unfragmented, continuations only inside a fragmented message, and a cap on the message size.
class WebSocketFrameParser {
public:
    enum class Error {
        None,
        Unmasked,
        ReservedBits,
        BadControlFrame,
        UnexpectedContinuation,
        BadOpcode,
        TooBig
    };

    explicit WebSocketFrameParser(qint64 maxMessageBytes = 16 << 20, bool requireMask = true);

    void feed(const QByteArray& bytes);
    // The next event, once its bytes have all arrived; nothing more after an error.
    std::optional<WebSocketEvent> next();
    Error error() const { return m_error; }

private:
    std::optional<WebSocketEvent> fail(Error error);

    qint64 m_maxMessageBytes;
    bool m_requireMask;
    QByteArray m_buffer;
    Error m_error = Error::None;
    bool m_inFragmentedMessage = false;
    Opcode m_fragmentOpcode = Opcode::Binary;
    QByteArray m_fragments;
};

} // namespace binnacle::sim::ws
