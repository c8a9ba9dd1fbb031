#include "httpconnection.h"

#include <QDateTime>
#include <QLocale>
#include <QSslSocket>
#include <QTimer>

namespace binnacle::sim {

namespace {
// Keep this much queued in the socket while streaming: enough to saturate loopback TLS, small enough
// that a slow reader does not make us buffer a whole list. QSslSocket encrypts all it holds into one
// OpenSSL memory buffer that grows by copying (and wiping) itself: megabytes queued cost more than
// encrypting them.
constexpr qint64 streamHighWater = 512 << 10;

QByteArray httpDate() {
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}
} // namespace

HttpConnection::HttpConnection(QSslSocket* socket, qsizetype maxBodyBytes, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_parser(maxBodyBytes) {
    m_socket->setParent(this);
    connect(m_socket, &QSslSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QSslSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QSslSocket::disconnected, this, [this] {
        if (!m_closedEmitted) {
            m_closedEmitted = true;
            Q_EMIT closed();
        }
    });
    QTimer::singleShot(0, this, &HttpConnection::onReadyRead);
}

HttpConnection::~HttpConnection() = default;

QSslCertificate HttpConnection::peerCertificate() const {
    return m_socket ? m_socket->peerCertificate() : QSslCertificate();
}

bool HttpConnection::isOpen() const {
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

QSslSocket* HttpConnection::switchProtocols(const HttpHeaders& headers, QByteArray* alreadyRead) {
    QByteArray head = "HTTP/1.1 101 " + reasonPhrase(101) + "\r\n";
    for (const auto& [name, value] : headers) {
        head += name + ": " + value + "\r\n";
    }
    m_socket->write(head + "\r\n");
    if (alreadyRead) {
        *alreadyRead = m_parser.takeBuffered();
    }
    QSslSocket* socket = m_socket;
    socket->disconnect(this);
    socket->setParent(nullptr);
    m_socket = nullptr;
    m_responding = true; // never idle again: nothing else is written here
    if (!m_closedEmitted) {
        m_closedEmitted = true;
        Q_EMIT closed();
    }
    return socket;
}

QByteArray HttpConnection::reasonPhrase(int status) {
    switch (status) {
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Request Entity Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

void HttpConnection::onReadyRead() {
    if (!m_socket) {
        return;
    }
    m_parser.feed(m_socket->readAll());
    processNextRequest();
}

void HttpConnection::processNextRequest() {
    if (m_responding) {
        return;
    }
    if (auto request = m_parser.next()) {
        m_responding = true;
        if (request->header("Connection").compare("close", Qt::CaseInsensitive) == 0) {
            m_closeAfterResponse = true;
        }
        Q_EMIT requestReceived(this, *request);
        return;
    }
    if (m_parser.error() != HttpRequestParser::Error::None && !m_rejected) {
        m_rejected = true; // one answer, then the connection closes; later bytes are ignored
        m_responding = true;
        m_closeAfterResponse = true;
        const int status = m_parser.error() == HttpRequestParser::Error::BodyTooLarge ? 413 : 400;
        if (m_rejectionHandler) {
            m_rejectionHandler(this, status, m_parser.maxBodyBytes());
        } else {
            sendResponse(status, {{"Content-Type", "text/plain; charset=utf-8"}}, reasonPhrase(status));
        }
    }
}

void HttpConnection::writeHead(int status, const HttpHeaders& headers, qint64 contentLength) {
    if (!m_socket) {
        return;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto& [name, value] : headers) {
        head += name + ": " + value + "\r\n";
    }
    head += "Date: " + httpDate() + "\r\n";
    if (contentLength >= 0) {
        head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    } else {
        head += "Transfer-Encoding: chunked\r\n";
    }
    if (m_closeAfterResponse) {
        head += "Connection: close\r\n";
    }
    head += "\r\n";
    m_socket->write(head);
}

void HttpConnection::sendResponse(int status, const HttpHeaders& headers, const QByteArray& body) {
    writeHead(status, headers, body.size());
    if (m_socket) {
        m_socket->write(body);
    }
    finishResponse();
}

void HttpConnection::beginChunked(int status, const HttpHeaders& headers) {
    m_chunked = true;
    writeHead(status, headers, -1);
    if (m_socket) {
        m_socket->flush();
    }
}

void HttpConnection::writeChunk(const QByteArray& data) {
    if (!m_chunked || data.isEmpty() || !m_socket) {
        return;
    }
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpConnection::endChunked() {
    if (!m_chunked) {
        return;
    }
    m_chunked = false;
    if (m_socket) {
        m_socket->write("0\r\n\r\n");
    }
    finishResponse();
}

void HttpConnection::streamChunked(int status, const HttpHeaders& headers, std::function<QByteArray()> next) {
    beginChunked(status, headers);
    m_streamSource = std::move(next);
    pumpStream();
}

void HttpConnection::pumpStream() {
    while (m_streamSource && m_socket && m_socket->bytesToWrite() < streamHighWater) {
        const QByteArray piece = m_streamSource();
        if (piece.isEmpty()) {
            m_streamSource = nullptr;
            endChunked();
            return;
        }
        writeChunk(piece);
    }
}

qint64 HttpConnection::pendingBytes() const {
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void HttpConnection::onBytesWritten() {
    if (m_streamSource) {
        pumpStream();
    }
    if (m_socket->bytesToWrite() < streamHighWater) {
        Q_EMIT drained();
    }
}

void HttpConnection::finishResponse() {
    m_responding = false;
    Q_EMIT responseFinished();
    if (m_closeAfterResponse) {
        closeGracefully();
        return;
    }
    // The next pipelined request, if the client sent one, is handled after this response's bytes.
    QTimer::singleShot(0, this, &HttpConnection::processNextRequest);
}

void HttpConnection::abort() {
    m_streamSource = nullptr;
    if (m_socket) {
        m_socket->abort();
    }
    if (!m_closedEmitted) {
        m_closedEmitted = true;
        Q_EMIT closed();
    }
}

void HttpConnection::closeGracefully() {
    if (m_socket) {
        m_socket->disconnectFromHost();
    }
}

} // namespace binnacle::sim
