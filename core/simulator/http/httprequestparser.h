#pragma once

#include "httprequest.h"

#include <optional>
#include <utility>

namespace binnacle::sim {

// Incremental HTTP/1.1 request parser: bytes go in as they arrive, whole requests come out.
// Supports Content-Length and chunked request bodies; refuses what a real API server refuses.
class HttpRequestParser {
public:
    enum class Error { None, Malformed, HeadersTooLarge, BodyTooLarge };

    explicit HttpRequestParser(qsizetype maxBodyBytes);

    void feed(const QByteArray& bytes);
    // The next complete request, if one has arrived. After an error, nothing more comes out.
    std::optional<HttpRequest> next();
    Error error() const { return m_error; }
    qsizetype maxBodyBytes() const { return m_maxBodyBytes; }
    // The bytes received past the last request (a protocol switched to after it); the parser keeps none.
    QByteArray takeBuffered() { return std::exchange(m_buffer, QByteArray()); }

private:
    bool parseHead();
    bool parseChunkedBody();
    void fail(Error error);

    enum class State { Head, Body, ChunkedBody, Failed };
    State m_state = State::Head;
    Error m_error = Error::None;
    qsizetype m_maxBodyBytes;
    QByteArray m_buffer;
    HttpRequest m_current;
    qsizetype m_bodyLength = 0;
};

} // namespace binnacle::sim
