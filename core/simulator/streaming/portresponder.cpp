#include "portresponder.h"

#include <QList>

namespace binnacle::sim {

namespace {
constexpr qsizetype maxHeadBytes = 64 * 1024;

QByteArray headerValue(const QList<QByteArray>& headLines, const QByteArray& name) {
    for (const QByteArray& line : headLines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0) {
            return line.mid(colon + 1).trimmed();
        }
    }
    return {};
}
} // namespace

PortResponder::Kind PortResponder::kindFor(quint16 port, const QString& portName) {
    const QString name = portName.toLower();
    if (name.contains(QLatin1String("https"))) {
        return Kind::Echo; // TLS would be needed to speak to it; the simulator has none in pods
    }
    if (name.contains(QLatin1String("http")) || port == 80 || port == 8080) {
        return Kind::Http;
    }
    return Kind::Echo;
}

PortResponder::PortResponder(Kind kind, QString podName, QString namespaceName, quint16 port)
    : m_kind(kind)
    , m_podName(std::move(podName))
    , m_namespaceName(std::move(namespaceName))
    , m_port(port) {}

void PortResponder::receive(const QByteArray& bytes) {
    if (m_closed || bytes.isEmpty()) {
        return;
    }
    if (m_kind == Kind::Echo) {
        if (onData) {
            onData(bytes);
        }
        return;
    }
    m_buffer += bytes;
    serveHttp();
}

QByteArray PortResponder::page(const QByteArray& path) const {
    const QString pod = m_podName.toHtmlEscaped();
    return QStringLiteral("<!DOCTYPE html>\n<html><head><title>%1</title></head>\n"
                          "<body><h1>Hello from %1</h1>\n<p>Namespace %2, port %3, path %4.</p>\n"
                          "<p>Served by the binnacle simulator.</p></body></html>\n")
        .arg(pod, m_namespaceName.toHtmlEscaped(), QString::number(m_port),
             QString::fromUtf8(path).toHtmlEscaped())
        .toUtf8();
}

void PortResponder::serveHttp() {
    while (!m_closed) {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (m_buffer.size() > maxHeadBytes) {
                respond("431 Request Header Fields Too Large", "request head too large\n", true, true);
            }
            return;
        }
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
            respond("400 Bad Request", "malformed request\n", true, true);
            return;
        }
        const QList<QByteArray> headLines = lines.mid(1);
        const qint64 bodyLength = headerValue(headLines, "Content-Length").toLongLong();
        if (m_buffer.size() < headEnd + 4 + bodyLength) {
            return; // the body is still coming
        }
        m_buffer.remove(0, headEnd + 4 + bodyLength);
        const QByteArray method = requestLine.at(0);
        const QByteArray connection = headerValue(headLines, "Connection").toLower();
        const bool closeAfter =
            connection == "close" || (requestLine.at(2) == "HTTP/1.0" && connection != "keep-alive");
        if (method == "GET" || method == "HEAD") {
            respond("200 OK", page(requestLine.at(1)), method == "GET", closeAfter);
        } else {
            respond("405 Method Not Allowed", "only GET and HEAD are served\n", true, closeAfter);
        }
    }
}

void PortResponder::respond(const QByteArray& status, const QByteArray& body, bool withBody,
                            bool closeAfter) {
    QByteArray response = "HTTP/1.1 " + status + "\r\n";
    response += status.startsWith("200") ? "Content-Type: text/html; charset=utf-8\r\n"
                                         : "Content-Type: text/plain; charset=utf-8\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Server: binnacle-sim\r\n";
    if (closeAfter) {
        response += "Connection: close\r\n";
    }
    response += "\r\n";
    if (withBody) {
        response += body;
    }
    if (onData) {
        onData(response);
    }
    if (closeAfter) {
        close();
    }
}

void PortResponder::close() {
    if (m_closed) {
        return;
    }
    m_closed = true;
    m_buffer.clear();
    if (onClosed) {
        onClosed();
    }
}

} // namespace binnacle::sim
