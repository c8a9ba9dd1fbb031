#include "httprequestparser.h"

#include <QUrl>

namespace binnacle::sim {

namespace {
constexpr qsizetype maxHeadBytes = 1 << 20;

QString decodeComponent(const QByteArray& raw) {
    QByteArray spaced = raw;
    spaced.replace('+', ' ');
    return QUrl::fromPercentEncoding(spaced);
}
} // namespace

HttpRequestParser::HttpRequestParser(qsizetype maxBodyBytes)
    : m_maxBodyBytes(maxBodyBytes) {}

void HttpRequestParser::feed(const QByteArray& bytes) {
    if (m_state != State::Failed) {
        m_buffer.append(bytes);
    }
}

void HttpRequestParser::fail(Error error) {
    m_state = State::Failed;
    m_error = error;
    m_buffer.clear();
}

std::optional<HttpRequest> HttpRequestParser::next() {
    if (m_state == State::Head) {
        if (!parseHead()) {
            return std::nullopt;
        }
    }
    if (m_state == State::Body) {
        if (m_buffer.size() < m_bodyLength) {
            return std::nullopt;
        }
        m_current.body = m_buffer.left(m_bodyLength);
        m_buffer.remove(0, m_bodyLength);
    } else if (m_state == State::ChunkedBody) {
        if (!parseChunkedBody()) {
            return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    m_state = State::Head;
    HttpRequest done = std::move(m_current);
    m_current = HttpRequest();
    return done;
}

bool HttpRequestParser::parseHead() {
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > maxHeadBytes) {
            fail(Error::HeadersTooLarge);
        }
        return false;
    }
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    m_buffer.remove(0, end + 4);

    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        fail(Error::Malformed);
        return false;
    }
    m_current.method = requestLine[0];
    m_current.target = requestLine[1];
    const qsizetype queryStart = m_current.target.indexOf('?');
    const QByteArray rawPath = queryStart < 0 ? m_current.target : m_current.target.left(queryStart);
    m_current.path = QUrl::fromPercentEncoding(rawPath);
    if (queryStart >= 0) {
        const QByteArray rawQuery = m_current.target.mid(queryStart + 1);
        for (const QByteArray& item : rawQuery.split('&')) {
            if (item.isEmpty()) {
                continue;
            }
            const qsizetype eq = item.indexOf('=');
            const QByteArray key = eq < 0 ? item : item.left(eq);
            const QByteArray value = eq < 0 ? QByteArray() : item.mid(eq + 1);
            m_current.query.append({decodeComponent(key), decodeComponent(value)});
        }
    }

    bool chunked = false;
    m_bodyLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail(Error::Malformed);
            return false;
        }
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        m_current.headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            m_bodyLength = value.toLongLong(&ok);
            if (!ok || m_bodyLength < 0) {
                fail(Error::Malformed);
                return false;
            }
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            chunked = value.toLower().contains("chunked");
        }
    }
    if (chunked) {
        m_state = State::ChunkedBody;
        m_bodyLength = 0;
        return true;
    }
    if (m_bodyLength > m_maxBodyBytes) {
        fail(Error::BodyTooLarge);
        return false;
    }
    m_state = State::Body;
    return true;
}

// Consumes whole chunks from the buffer into the body; true once the terminal chunk and trailers are in.
bool HttpRequestParser::parseChunkedBody() {
    while (true) {
        const qsizetype lineEnd = m_buffer.indexOf("\r\n");
        if (lineEnd < 0) {
            return false;
        }
        QByteArray sizeField = m_buffer.left(lineEnd);
        if (const qsizetype semicolon = sizeField.indexOf(';'); semicolon >= 0) {
            sizeField.truncate(semicolon);
        }
        bool ok = false;
        const qsizetype chunkSize = sizeField.trimmed().toLongLong(&ok, 16);
        if (!ok || chunkSize < 0) {
            fail(Error::Malformed);
            return false;
        }
        if (chunkSize == 0) {
            const qsizetype trailerEnd = m_buffer.indexOf("\r\n\r\n", lineEnd);
            if (trailerEnd == lineEnd) {
                m_buffer.remove(0, lineEnd + 4);
                return true;
            }
            if (m_buffer.size() < lineEnd + 4) {
                return false;
            }
            if (trailerEnd < 0) {
                return false;
            }
            m_buffer.remove(0, trailerEnd + 4);
            return true;
        }
        // Compared without adding: a chunk size near the 64-bit limit must not overflow the sum.
        if (chunkSize > m_maxBodyBytes - m_current.body.size()) {
            fail(Error::BodyTooLarge);
            return false;
        }
        if (m_buffer.size() < lineEnd + 2 + chunkSize + 2) {
            return false;
        }
        m_current.body.append(m_buffer.mid(lineEnd + 2, chunkSize));
        m_buffer.remove(0, lineEnd + 2 + chunkSize + 2);
    }
}

} // namespace binnacle::sim
