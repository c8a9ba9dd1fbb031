#pragma once

#include <QByteArray>
#include <QString>
#include <functional>

namespace binnacle::sim {

// What listens on a simulated pod's container port, for one forwarded connection: an echo service that
// sends back every byte it gets, or a tiny HTTP/1.1 server answering every request with a small HTML page
// that names the pod. Bytes in through receive(), bytes out through onData; onClosed when the service
// closes its side (the HTTP server after a request that asked for "Connection: close", or a bad one).
class PortResponder {
public:
    enum class Kind { Echo, Http };

    // HTTP for ports named like http (http, http-web, but not https) and for 80 and 8080; echo otherwise.
    static Kind kindFor(quint16 port, const QString& portName);

    PortResponder(Kind kind, QString podName, QString namespaceName, quint16 port);

    std::function<void(const QByteArray&)> onData;
    std::function<void()> onClosed;

    void receive(const QByteArray& bytes);
    Kind kind() const { return m_kind; }
    bool isClosed() const { return m_closed; }

    // The page the HTTP service serves for `path`.
    QByteArray page(const QByteArray& path) const;

private:
    void serveHttp();
    void respond(const QByteArray& status, const QByteArray& body, bool withBody, bool closeAfter);
    void close();

    Kind m_kind;
    QString m_podName;
    QString m_namespaceName;
    quint16 m_port;
    QByteArray m_buffer; // HTTP: bytes of requests not answered yet
    bool m_closed = false;
};

} // namespace binnacle::sim
