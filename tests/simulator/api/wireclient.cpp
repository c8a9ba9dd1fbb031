#include "wireclient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QSslConfiguration>
#include <QSslKey>

namespace binnacle::sim::apitest {

QByteArray WireResponse::header(const QByteArray& name) const {
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

QList<QByteArray> WireResponse::headerValues(const QByteArray& name) const {
    QList<QByteArray> values;
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            values.append(value);
        }
    }
    return values;
}

QJsonObject WireResponse::json() const {
    return QJsonDocument::fromJson(body).object();
}

WireConnection::WireConnection(const ServerAccess& access, Credential credential)
    : m_access(access)
    , m_credential(credential) {}

WireConnection::~WireConnection() {
    close();
}

bool WireConnection::open(QString* error, int timeoutMs) {
    m_socket = std::make_unique<QSslSocket>();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({QSslCertificate(m_access.caPem, QSsl::Pem)});
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (m_credential == Credential::ClientCertificate ||
        m_credential == Credential::ForeignClientCertificate) {
        const bool foreign = m_credential == Credential::ForeignClientCertificate;
        tls.setLocalCertificate(QSslCertificate(
            foreign ? m_access.foreignCertificatePem : m_access.clientCertificatePem, QSsl::Pem));
        tls.setPrivateKey(
            QSslKey(foreign ? m_access.foreignKeyPem : m_access.clientKeyPem, QSsl::Ec, QSsl::Pem));
    }
    m_socket->setSslConfiguration(tls);
    m_buffer.clear();
    m_peerClosed = false;
    // The serving certificate names "localhost"; connecting by address avoids resolver surprises.
    m_socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_access.port, QStringLiteral("localhost"));
    if (!m_socket->waitForEncrypted(timeoutMs)) {
        *error = m_socket->errorString();
        return false;
    }
    return true;
}

bool WireConnection::isOpen() const {
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void WireConnection::close() {
    if (m_socket) {
        m_socket->abort();
        m_socket.reset();
    }
}

void WireConnection::write(const WireRequest& request) {
    QByteArray head = request.method + ' ' + request.target +
                      " HTTP/1.1\r\nHost: localhost:" + QByteArray::number(m_access.port) + "\r\n";
    switch (request.credential) {
    case Credential::Admin:
        head += "Authorization: Bearer " + m_access.adminToken + "\r\n";
        break;
    case Credential::ReadOnly:
        head += "Authorization: Bearer " + m_access.readOnlyToken + "\r\n";
        break;
    case Credential::BadToken:
        head += "Authorization: Bearer not-a-token-this-server-issued\r\n";
        break;
    case Credential::Anonymous:
    case Credential::ClientCertificate:
    case Credential::ForeignClientCertificate:
        break;
    }
    bool hasUserAgent = false;
    for (const auto& [name, value] : request.headers) {
        head += name + ": " + value + "\r\n";
        hasUserAgent = hasUserAgent || name.compare("User-Agent", Qt::CaseInsensitive) == 0;
    }
    if (!hasUserAgent) {
        head += "User-Agent: binnacle-api-test/1.0\r\n";
    }
    if (!request.body.isEmpty() || request.method == "POST" || request.method == "PUT" ||
        request.method == "PATCH") {
        head += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    }
    head += "\r\n";
    m_socket->write(head + request.body);
    m_socket->flush();
}

bool WireConnection::fill(int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        if (m_socket->bytesAvailable() > 0) {
            m_buffer += m_socket->readAll();
            return true;
        }
        if (m_socket->state() != QAbstractSocket::ConnectedState) {
            m_peerClosed = true;
            return false;
        }
        if (deadline.hasExpired()) {
            return false;
        }
        if (!m_socket->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            if (m_socket->bytesAvailable() > 0) {
                continue;
            }
            if (m_socket->state() != QAbstractSocket::ConnectedState) {
                m_peerClosed = true;
            }
            return false;
        }
    }
}

std::optional<QByteArray> WireConnection::takeLine(int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        const qsizetype end = m_buffer.indexOf("\r\n");
        if (end >= 0) {
            const QByteArray line = m_buffer.left(end);
            m_buffer.remove(0, end + 2);
            return line;
        }
        if (!fill(int(qMax<qint64>(0, deadline.remainingTime())))) {
            return std::nullopt;
        }
    }
}

std::optional<QByteArray> WireConnection::takeBytes(qsizetype count, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (m_buffer.size() < count) {
        if (!fill(int(qMax<qint64>(0, deadline.remainingTime())))) {
            return std::nullopt;
        }
    }
    const QByteArray bytes = m_buffer.left(count);
    m_buffer.remove(0, count);
    return bytes;
}

bool WireConnection::readHead(WireResponse* response, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    const auto statusLine = takeLine(timeoutMs);
    if (!statusLine) {
        response->transportError = m_peerClosed ? QStringLiteral("connection closed before a response")
                                                : QStringLiteral("timed out waiting for a response");
        return false;
    }
    const QList<QByteArray> parts = statusLine->split(' ');
    if (parts.size() < 2 || !parts.first().startsWith("HTTP/1.")) {
        response->transportError =
            QStringLiteral("bad status line: %1").arg(QString::fromLatin1(*statusLine));
        return false;
    }
    response->status = parts.at(1).toInt();
    while (true) {
        const auto line = takeLine(int(qMax<qint64>(0, deadline.remainingTime())));
        if (!line) {
            response->transportError = QStringLiteral("headers incomplete");
            return false;
        }
        if (line->isEmpty()) {
            break;
        }
        const qsizetype colon = line->indexOf(':');
        response->headers.append({line->left(colon).trimmed(), line->mid(colon + 1).trimmed()});
    }
    response->chunked = response->header("Transfer-Encoding").compare("chunked", Qt::CaseInsensitive) == 0;
    return true;
}

bool WireConnection::readBody(WireResponse* response, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    if (response->status == 304 || response->status == 204) {
        return true;
    }
    if (response->chunked) {
        while (true) {
            const auto chunk = readChunk(int(qMax<qint64>(0, deadline.remainingTime())));
            if (!chunk) {
                response->transportError = QStringLiteral("chunked body incomplete");
                return false;
            }
            if (chunk->isEmpty()) {
                return true;
            }
            response->body += *chunk;
        }
    }
    const QByteArray length = response->header("Content-Length");
    if (!length.isEmpty()) {
        const auto body = takeBytes(length.toLongLong(), timeoutMs);
        if (!body) {
            response->transportError = QStringLiteral("body shorter than Content-Length");
            return false;
        }
        response->body = *body;
        return true;
    }
    while (fill(int(qMax<qint64>(0, deadline.remainingTime())))) {
    }
    response->body = m_buffer;
    m_buffer.clear();
    return m_peerClosed;
}

std::optional<QByteArray> WireConnection::readChunk(int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    const auto sizeLine = takeLine(timeoutMs);
    if (!sizeLine) {
        return std::nullopt;
    }
    bool ok = false;
    const qsizetype size = sizeLine->split(';').value(0).trimmed().toLongLong(&ok, 16);
    if (!ok) {
        return std::nullopt;
    }
    const auto payload = takeBytes(size + 2, int(qMax<qint64>(0, deadline.remainingTime())));
    if (!payload || !payload->endsWith("\r\n")) {
        return std::nullopt;
    }
    return payload->left(size);
}

bool WireConnection::waitForDisconnected(int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_peerClosed && !deadline.hasExpired()) {
        fill(int(qMax<qint64>(1, deadline.remainingTime())));
    }
    return m_peerClosed;
}

WireResponse WireConnection::exchange(const WireRequest& request, int timeoutMs) {
    WireResponse response;
    if (!isOpen()) {
        QString error;
        if (!open(&error, timeoutMs)) {
            response.transportError = error;
            return response;
        }
    }
    write(request);
    if (readHead(&response, timeoutMs)) {
        readBody(&response, timeoutMs);
    }
    return response;
}

WatchReader::WatchReader(const ServerAccess& access, const WireRequest& request, int timeoutMs)
    : m_connection(access, request.credential) {
    QString error;
    if (!m_connection.open(&error, timeoutMs)) {
        m_head.transportError = error;
        m_aborted = true;
        return;
    }
    m_connection.write(request);
    if (!m_connection.readHead(&m_head, timeoutMs)) {
        m_aborted = true;
        return;
    }
    if (!m_head.chunked) {
        // An error answer instead of a stream: keep its body for the assertions.
        m_connection.readBody(&m_head, timeoutMs);
        m_ended = true;
    }
}

std::optional<QJsonObject> WatchReader::next(int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        const qsizetype newline = m_pending.indexOf('\n');
        if (newline >= 0) {
            const QByteArray line = m_pending.left(newline);
            m_pending.remove(0, newline + 1);
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError || !document.isObject()) {
                m_badLines.append(line);
                continue;
            }
            m_lastLine = line;
            return document.object();
        }
        if (m_ended || m_aborted) {
            return std::nullopt;
        }
        const auto chunk = m_connection.readChunk(int(qMax<qint64>(0, deadline.remainingTime())));
        if (!chunk) {
            if (m_connection.peerClosed()) {
                m_aborted = true;
            }
            return std::nullopt;
        }
        if (chunk->isEmpty()) {
            m_ended = true;
            if (!m_pending.isEmpty()) {
                m_badLines.append(m_pending); // an event without its newline
                m_pending.clear();
            }
            continue;
        }
        m_pending += *chunk;
    }
}

QList<QJsonObject> WatchReader::take(int count, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    QList<QJsonObject> events;
    while (events.size() < count) {
        const auto event = next(int(qMax<qint64>(0, deadline.remainingTime())));
        if (!event) {
            break;
        }
        events.append(*event);
    }
    return events;
}

bool WatchReader::waitForCleanEnd(int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_ended && !m_aborted && !deadline.hasExpired()) {
        next(int(qMax<qint64>(0, deadline.remainingTime())));
    }
    return m_ended;
}

} // namespace binnacle::sim::apitest
