#pragma once

// A forward proxy for tests, on 127.0.0.1: HTTP CONNECT or SOCKS5 (no authentication), tunnelling bytes to
// the target it is asked for. It records each tunnel's target, and can refuse them all.
#include <QHash>
#include <QPointer>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

namespace testing {

class TestProxy : public QObject {
    Q_OBJECT
public:
    enum class Protocol { HttpConnect, Socks5 };

    explicit TestProxy(Protocol protocol, QObject* parent = nullptr);

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    // Names the proxy resolves by itself (as a corporate proxy knows internal names the client does not).
    void addHost(const QString& name, const QString& address) { m_hosts.insert(name, address); }
    // Refuse every tunnel: CONNECT gets "403 Forbidden", SOCKS5 "connection not allowed by ruleset".
    void setRefuse(bool refuse) { m_refuse = refuse; }

    // "host:port" of every tunnel asked for, refused ones included, in order.
    const QStringList& targets() const { return m_targets; }
    int tunnelsOpened() const { return m_tunnelsOpened; }

private:
    void onConnection(QTcpSocket* client);
    bool readHttpConnect(QTcpSocket* client, QByteArray* buffer);
    bool readSocks5(QTcpSocket* client, QByteArray* buffer, int* stage);
    void openTunnel(QTcpSocket* client, const QString& host, quint16 port, const QByteArray& reply,
                    const QByteArray& leftover);

    Protocol m_protocol;
    QTcpServer m_server;
    QHash<QString, QString> m_hosts;
    bool m_refuse = false;
    QStringList m_targets;
    int m_tunnelsOpened = 0;
};

} // namespace testing
