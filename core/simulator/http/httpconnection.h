#pragma once

#include "httprequestparser.h"

#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <functional>

class QSslSocket;

namespace binnacle::sim {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One client connection: parses requests one at a time (HTTP/1.1 keep-alive) and writes their responses,
// whole or as a chunked stream. A response in progress holds the connection until it ends, as in Go's server.
class HttpConnection : public QObject {
    Q_OBJECT
public:
    HttpConnection(QSslSocket* socket, qsizetype maxBodyBytes, QObject* parent = nullptr);
    ~HttpConnection() override;

    // The client certificate presented in the TLS handshake, if any (not yet verified).
    QSslCertificate peerCertificate() const;
    bool isIdle() const { return !m_responding; }
    bool isOpen() const;

    void sendResponse(int status, const HttpHeaders& headers, const QByteArray& body);
    void beginChunked(int status, const HttpHeaders& headers);
    void writeChunk(const QByteArray& data);
    void endChunked();
    // Pulls pieces from `next` as the socket drains, until it returns an empty array; then ends the stream.
    // Large bodies are produced lazily instead of being built whole in memory.
    void streamChunked(int status, const HttpHeaders& headers, std::function<QByteArray()> next);
    qint64 pendingBytes() const;
    // Drops the TCP connection at once, mid-stream if need be (fault injection, shutdown).
    void abort();
    void closeGracefully();

    // Answers 101 Switching Protocols and hands the socket, with any bytes already read past the request,
    // to the caller (who becomes its parent). This connection then reports itself closed and never
    // touches the socket again.
    QSslSocket* switchProtocols(const HttpHeaders& headers, QByteArray* alreadyRead);

    static QByteArray reasonPhrase(int status);

    // Who answers requests that could not be parsed (malformed, too large); without one, a bare
    // response is written. The connection closes after that answer either way.
    using RejectionHandler = std::function<void(HttpConnection*, int status, qsizetype maxBodyBytes)>;
    void setRejectionHandler(RejectionHandler handler) { m_rejectionHandler = std::move(handler); }

Q_SIGNALS:
    void requestReceived(binnacle::sim::HttpConnection* connection,
                         const binnacle::sim::HttpRequest& request);
    void responseFinished();
    void drained();
    void closed();

private:
    void onReadyRead();
    void onBytesWritten();
    void processNextRequest();
    void finishResponse();
    void writeHead(int status, const HttpHeaders& headers, qint64 contentLength);
    void pumpStream();

    QSslSocket* m_socket;
    HttpRequestParser m_parser;
    bool m_responding = false;
    bool m_chunked = false;
    bool m_closeAfterResponse = false;
    std::function<QByteArray()> m_streamSource;
    RejectionHandler m_rejectionHandler;
    bool m_closedEmitted = false;
    bool m_rejected = false;
};

} // namespace binnacle::sim
