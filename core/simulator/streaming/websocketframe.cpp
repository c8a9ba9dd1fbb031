#include "websocketframe.h"

#include <QCryptographicHash>
#include <QtEndian>
#include <utility>

namespace binnacle::sim::ws {

namespace {
// RFC 6455 §1.3: the GUID appended to the client's key before hashing.
constexpr char handshakeGuid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
constexpr quint16 closeNoStatus = 1005;

bool isControl(quint8 opcode) {
    return opcode & 0x8;
}

void applyMask(char* data, qint64 size, const uchar mask[4]) {
    for (qint64 i = 0; i < size; ++i) {
        data[i] = char(uchar(data[i]) ^ mask[i % 4]);
    }
}
} // namespace

QByteArray acceptKey(const QByteArray& clientKey) {
    return QCryptographicHash::hash(clientKey.trimmed() + handshakeGuid, QCryptographicHash::Sha1).toBase64();
}

QByteArray encodeFrame(Opcode opcode, const QByteArray& payload, bool fin, std::optional<quint32> maskKey) {
    QByteArray frame;
    frame.reserve(payload.size() + 14);
    frame.append(char((fin ? 0x80 : 0x00) | quint8(opcode)));
    const quint8 maskBit = maskKey ? 0x80 : 0x00;
    const qint64 size = payload.size();
    if (size < 126) {
        frame.append(char(maskBit | quint8(size)));
    } else if (size <= 0xFFFF) {
        frame.append(char(maskBit | 126));
        uchar length[2];
        qToBigEndian(quint16(size), length);
        frame.append(reinterpret_cast<const char*>(length), 2);
    } else {
        frame.append(char(maskBit | 127));
        uchar length[8];
        qToBigEndian(quint64(size), length);
        frame.append(reinterpret_cast<const char*>(length), 8);
    }
    if (!maskKey) {
        frame.append(payload);
        return frame;
    }
    uchar mask[4];
    qToBigEndian(*maskKey, mask);
    frame.append(reinterpret_cast<const char*>(mask), 4);
    const qsizetype start = frame.size();
    frame.append(payload);
    applyMask(frame.data() + start, size, mask);
    return frame;
}

QByteArray encodeClose(quint16 code, const QByteArray& reason, std::optional<quint32> maskKey) {
    uchar codeBytes[2];
    qToBigEndian(code, codeBytes);
    return encodeFrame(Opcode::Close,
                       QByteArray(reinterpret_cast<const char*>(codeBytes), 2) + reason.left(123), true,
                       maskKey);
}

WebSocketFrameParser::WebSocketFrameParser(qint64 maxMessageBytes, bool requireMask)
    : m_maxMessageBytes(maxMessageBytes)
    , m_requireMask(requireMask) {}

void WebSocketFrameParser::feed(const QByteArray& bytes) {
    if (m_error == Error::None) {
        m_buffer.append(bytes);
    }
}

std::optional<WebSocketEvent> WebSocketFrameParser::fail(Error error) {
    m_error = error;
    m_buffer.clear();
    m_fragments.clear();
    return std::nullopt;
}

std::optional<WebSocketEvent> WebSocketFrameParser::next() {
    while (m_error == Error::None && m_buffer.size() >= 2) {
        const auto* head = reinterpret_cast<const uchar*>(m_buffer.constData());
        const bool fin = head[0] & 0x80;
        const quint8 opcode = head[0] & 0x0F;
        const bool masked = head[1] & 0x80;
        if (head[0] & 0x70) {
            return fail(Error::ReservedBits);
        }
        if (m_requireMask && !masked) {
            return fail(Error::Unmasked);
        }
        qint64 length = head[1] & 0x7F;
        qsizetype offset = 2;
        if (length == 126) {
            if (m_buffer.size() < 4) {
                return std::nullopt;
            }
            length = qFromBigEndian<quint16>(head + 2);
            offset = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10) {
                return std::nullopt;
            }
            const quint64 wide = qFromBigEndian<quint64>(head + 2);
            if (wide > quint64(m_maxMessageBytes)) {
                return fail(Error::TooBig);
            }
            length = qint64(wide);
            offset = 10;
        }
        if (isControl(opcode) && (!fin || length > 125)) {
            return fail(Error::BadControlFrame);
        }
        if (length + m_fragments.size() > m_maxMessageBytes) {
            return fail(Error::TooBig);
        }
        const qsizetype maskOffset = offset;
        if (masked) {
            offset += 4;
        }
        if (m_buffer.size() < offset + length) {
            return std::nullopt;
        }
        QByteArray payload = m_buffer.mid(offset, length);
        if (masked) {
            applyMask(payload.data(), length, head + maskOffset);
        }
        m_buffer.remove(0, offset + length);

        switch (Opcode(opcode)) {
        case Opcode::Close: {
            WebSocketEvent event{Opcode::Close, {}, closeNoStatus};
            if (payload.size() >= 2) {
                event.closeCode = qFromBigEndian<quint16>(payload.constData());
                event.payload = payload.mid(2);
            }
            return event;
        }
        case Opcode::Ping:
        case Opcode::Pong:
            return WebSocketEvent{Opcode(opcode), payload, 0};
        case Opcode::Text:
        case Opcode::Binary:
            if (m_inFragmentedMessage) {
                return fail(Error::UnexpectedContinuation);
            }
            if (fin) {
                return WebSocketEvent{Opcode(opcode), payload, 0};
            }
            m_inFragmentedMessage = true;
            m_fragmentOpcode = Opcode(opcode);
            m_fragments = payload;
            continue;
        case Opcode::Continuation:
            if (!m_inFragmentedMessage) {
                return fail(Error::UnexpectedContinuation);
            }
            m_fragments.append(payload);
            if (!fin) {
                continue;
            }
            m_inFragmentedMessage = false;
            return WebSocketEvent{m_fragmentOpcode, std::exchange(m_fragments, QByteArray()), 0};
        default:
            return fail(Error::BadOpcode);
        }
    }
    return std::nullopt;
}

} // namespace binnacle::sim::ws
