#pragma once

#include "websocketframe.h"
#include "wireclient.h"

#include <QByteArray>
#include <QList>
#include <QSslSocket>
#include <memory>
#include <optional>

namespace binnacle::sim::streamtest {

// A blocking WebSocket client for the tests (the simulator runs on its own thread): the opening
// handshake over TLS, masked frames out, frames in, and the exec channels gathered until the close.
class ExecWebSocketClient {
public:
    explicit ExecWebSocketClient(const apitest::ServerAccess& access);

    // Sends the upgrade request for `target`; true on 101. Otherwise `response()` has the HTTP answer.
    bool open(const QByteArray& target, const QByteArray& protocols,
              apitest::Credential credential = apitest::Credential::Admin);
    const apitest::WireResponse& response() const { return m_response; }
    QByteArray acceptHeader() const { return m_response.header("Sec-WebSocket-Accept"); }
    QByteArray sentKey() const { return m_key; }

    void sendFrame(ws::Opcode opcode, const QByteArray& payload, bool fin = true);
    void sendChannel(quint8 channel, const QByteArray& payload);
    // The next event from the server, or nullopt on timeout or disconnection.
    std::optional<ws::WebSocketEvent> next(int timeoutMs = 5000);

    // Collected by readUntilClosed: what each channel carried, and the close.
    struct Transcript {
        QList<QByteArray> messages; // every binary message, channel byte included
        QByteArray stdoutData;
        QByteArray stderrData;
        QByteArray status;
        bool closed = false;
        quint16 closeCode = 0;
    };
    // Reads until the server's Close frame (answered) or the time is up.
    Transcript readUntilClosed(int timeoutMs = 5000);
    // Reads until stdout has grown to contain `text`.
    bool waitForStdout(const QByteArray& text, Transcript* transcript, int timeoutMs = 5000);

private:
    void collect(const ws::WebSocketEvent& event, Transcript* transcript);

    const apitest::ServerAccess& m_access;
    std::unique_ptr<QSslSocket> m_socket;
    apitest::WireResponse m_response;
    QByteArray m_key;
    ws::WebSocketFrameParser m_parser;
    quint32 m_nextMask = 0x12345678;
};

} // namespace binnacle::sim::streamtest
