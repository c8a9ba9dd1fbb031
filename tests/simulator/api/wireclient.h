#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSslSocket>
#include <QString>
#include <memory>
#include <optional>

namespace binnacle::sim::apitest {

using WireHeaders = QList<QPair<QByteArray, QByteArray>>;

inline QPair<QByteArray, QByteArray> header(const QByteArray& name, const QByteArray& value) {
    return qMakePair(name, value);
}

// Who a test request speaks as. The foreign certificate is signed by a CA the server does not trust.
enum class Credential { Admin, ReadOnly, Anonymous, BadToken, ClientCertificate, ForeignClientCertificate };

// Where the server is and the secrets each credential needs.
struct ServerAccess {
    quint16 port = 0;
    QByteArray caPem;
    QByteArray adminToken;
    QByteArray readOnlyToken;
    QByteArray clientCertificatePem;
    QByteArray clientKeyPem;
    QByteArray foreignCertificatePem;
    QByteArray foreignKeyPem;
};

struct WireRequest {
    QByteArray method = "GET";
    QByteArray target; // path and query, exactly as sent on the request line
    QByteArray body;
    WireHeaders headers; // besides Host, Authorization and Content-Length, which are added
    Credential credential = Credential::Admin;
};

struct WireResponse {
    int status = 0; // 0: no response arrived (see transportError)
    WireHeaders headers;
    QByteArray body; // de-chunked
    bool chunked = false;
    QString transportError;

    QByteArray header(const QByteArray& name) const; // the first value, names compared case-insensitively
    QList<QByteArray> headerValues(const QByteArray& name) const;
    QJsonObject json() const; // the body as a JSON object, empty when it is not one
};

// One HTTP/1.1 connection over TLS, driven with blocking reads: the simulator runs on its own thread, so
// a test can wait on the socket. Bytes are parsed by hand, so the tests see the exact framing the server
// sends.
class WireConnection {
public:
    WireConnection(const ServerAccess& access, Credential credential);
    ~WireConnection();
    WireConnection(const WireConnection&) = delete;
    WireConnection& operator=(const WireConnection&) = delete;

    bool open(QString* error, int timeoutMs = 5000);
    bool isOpen() const;
    void close();
    void write(const WireRequest& request);

    // The status line and headers of the next response; false on timeout or a closed connection.
    bool readHead(WireResponse* response, int timeoutMs = 5000);
    // The whole body that follows readHead (Content-Length, chunked, or until close).
    bool readBody(WireResponse* response, int timeoutMs = 5000);
    // Streams: the next chunk's payload; an empty array is the terminating zero-size chunk.
    // nullopt on timeout or when the connection ended without the terminating chunk.
    std::optional<QByteArray> readChunk(int timeoutMs);
    // Whether the server closed the connection within the time.
    bool waitForDisconnected(int timeoutMs);
    bool peerClosed() const { return m_peerClosed; }

    WireResponse exchange(const WireRequest& request, int timeoutMs = 5000);

private:
    bool fill(int timeoutMs);
    std::optional<QByteArray> takeLine(int timeoutMs);
    std::optional<QByteArray> takeBytes(qsizetype count, int timeoutMs);

    const ServerAccess& m_access;
    Credential m_credential;
    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_buffer;
    bool m_peerClosed = false;
};

// A watch request held open: the head first, then one WatchEvent per newline-terminated line.
class WatchReader {
public:
    WatchReader(const ServerAccess& access, const WireRequest& request, int timeoutMs = 5000);

    const WireResponse& head() const { return m_head; }
    // The next event; nullopt on timeout or at the end of the stream (see ended()/aborted()).
    std::optional<QJsonObject> next(int timeoutMs = 5000);
    // Events until `count` arrived or the time is up.
    QList<QJsonObject> take(int count, int timeoutMs = 5000);
    // Waits for the stream to end; true when it ended with the terminating chunk.
    bool waitForCleanEnd(int timeoutMs);
    bool ended() const { return m_ended; }     // terminating chunk seen
    bool aborted() const { return m_aborted; } // connection dropped without it
    // Lines that were not one JSON object each (framing errors).
    QList<QByteArray> badLines() const { return m_badLines; }
    // The exact bytes of the last event returned by next(), without its newline.
    QByteArray lastLine() const { return m_lastLine; }

private:
    WireConnection m_connection;
    WireResponse m_head;
    QByteArray m_pending;
    bool m_ended = false;
    bool m_aborted = false;
    QList<QByteArray> m_badLines;
    QByteArray m_lastLine;
};

} // namespace binnacle::sim::apitest
