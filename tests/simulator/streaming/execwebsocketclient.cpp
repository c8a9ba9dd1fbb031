#include "execwebsocketclient.h"

#include "channelprotocol.h"

#include <QDeadlineTimer>
#include <QSslConfiguration>

namespace binnacle::sim::streamtest {

ExecWebSocketClient::ExecWebSocketClient(const apitest::ServerAccess& access)
    : m_access(access)
    , m_parser(64 << 20, false) {}

bool ExecWebSocketClient::open(const QByteArray& target, const QByteArray& protocols,
                               apitest::Credential credential) {
    m_socket = std::make_unique<QSslSocket>();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({QSslCertificate(m_access.caPem, QSsl::Pem)});
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket->setSslConfiguration(tls);
    m_socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_access.port, QStringLiteral("localhost"));
    if (!m_socket->waitForEncrypted(5000)) {
        m_response.transportError = m_socket->errorString();
        return false;
    }
    m_key = QByteArray("binnacle-test-k!").toBase64(); // 16 bytes, as RFC 6455 asks
    QByteArray head = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n";
    const QByteArray token =
        credential == apitest::Credential::ReadOnly ? m_access.readOnlyToken : m_access.adminToken;
    head += "Authorization: Bearer " + token + "\r\n";
    head += "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n";
    head += "Sec-WebSocket-Key: " + m_key + "\r\n";
    if (!protocols.isEmpty()) {
        head += "Sec-WebSocket-Protocol: " + protocols + "\r\n";
    }
    m_socket->write(head + "\r\n");
    m_socket->flush();

    QByteArray buffer;
    QDeadlineTimer deadline(5000);
    qsizetype headEnd = -1;
    while ((headEnd = buffer.indexOf("\r\n\r\n")) < 0) {
        if (!m_socket->bytesAvailable() && !m_socket->waitForReadyRead(int(deadline.remainingTime()))) {
            m_response.transportError = QStringLiteral("no response head");
            return false;
        }
        buffer += m_socket->readAll();
    }
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    m_response.status = lines.first().split(' ').value(1).toInt();
    for (const QByteArray& line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            m_response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
    }
    QByteArray rest = buffer.mid(headEnd + 4);
    if (m_response.status != 101) {
        const qsizetype length = m_response.header("Content-Length").toLongLong();
        while (rest.size() < length && m_socket->waitForReadyRead(int(deadline.remainingTime()))) {
            rest += m_socket->readAll();
        }
        m_response.body = rest;
        return false;
    }
    m_parser.feed(rest);
    return true;
}

void ExecWebSocketClient::sendFrame(ws::Opcode opcode, const QByteArray& payload, bool fin) {
    m_nextMask = m_nextMask * 1103515245u + 12345u;
    m_socket->write(ws::encodeFrame(opcode, payload, fin, m_nextMask));
    m_socket->flush();
}

void ExecWebSocketClient::sendChannel(quint8 channel, const QByteArray& payload) {
    sendFrame(ws::Opcode::Binary, channel::message(channel, payload));
}

std::optional<ws::WebSocketEvent> ExecWebSocketClient::next(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        if (auto event = m_parser.next()) {
            return event;
        }
        if (m_socket->bytesAvailable()) {
            m_parser.feed(m_socket->readAll());
            continue;
        }
        if (deadline.hasExpired() || m_socket->state() != QAbstractSocket::ConnectedState ||
            !m_socket->waitForReadyRead(int(deadline.remainingTime()))) {
            if (m_socket->bytesAvailable()) {
                continue;
            }
            return std::nullopt;
        }
    }
}

void ExecWebSocketClient::collect(const ws::WebSocketEvent& event, Transcript* transcript) {
    if (event.opcode == ws::Opcode::Close) {
        transcript->closed = true;
        transcript->closeCode = event.closeCode;
        sendFrame(ws::Opcode::Close, {}); // answer the closing handshake
        return;
    }
    if (event.opcode != ws::Opcode::Binary || event.payload.isEmpty()) {
        return;
    }
    transcript->messages.append(event.payload);
    const QByteArray data = event.payload.mid(1);
    switch (quint8(event.payload.at(0))) {
    case channel::stdoutChannel:
        transcript->stdoutData += data;
        break;
    case channel::stderrChannel:
        transcript->stderrData += data;
        break;
    case channel::errorChannel:
        transcript->status += data;
        break;
    default:
        break;
    }
}

ExecWebSocketClient::Transcript ExecWebSocketClient::readUntilClosed(int timeoutMs) {
    Transcript transcript;
    QDeadlineTimer deadline(timeoutMs);
    while (!transcript.closed && !deadline.hasExpired()) {
        const auto event = next(int(deadline.remainingTime()));
        if (!event) {
            break;
        }
        collect(*event, &transcript);
    }
    return transcript;
}

bool ExecWebSocketClient::waitForStdout(const QByteArray& text, Transcript* transcript, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!transcript->stdoutData.contains(text)) {
        const auto event = next(int(deadline.remainingTime()));
        if (!event) {
            return false;
        }
        collect(*event, transcript);
    }
    return true;
}

} // namespace binnacle::sim::streamtest
