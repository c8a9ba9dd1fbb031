#include "testproxy.h"

#include <QHostAddress>
#include <QtEndian>
#include <memory>

namespace testing {

namespace {

void pipe(QTcpSocket* from, QTcpSocket* to) {
    QObject::connect(from, &QTcpSocket::readyRead, to, [from, to] { to->write(from->readAll()); });
    QObject::connect(from, &QTcpSocket::disconnected, to, [to] { to->disconnectFromHost(); });
}

} // namespace

TestProxy::TestProxy(Protocol protocol, QObject* parent)
    : QObject(parent)
    , m_protocol(protocol) {
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* client = m_server.nextPendingConnection()) {
            client->setParent(this);
            onConnection(client);
        }
    });
}

bool TestProxy::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void TestProxy::onConnection(QTcpSocket* client) {
    auto buffer = std::make_shared<QByteArray>();
    auto stage = std::make_shared<int>(0);
    // The handshake is read here; once the tunnel is open, this connection is replaced by the pipe.
    auto handshake = std::make_shared<QMetaObject::Connection>();
    *handshake = connect(client, &QTcpSocket::readyRead, this, [this, client, buffer, stage, handshake] {
        buffer->append(client->readAll());
        const bool done = m_protocol == Protocol::HttpConnect ? readHttpConnect(client, buffer.get())
                                                              : readSocks5(client, buffer.get(), stage.get());
        if (done) {
            disconnect(*handshake);
        }
    });
    connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
}

bool TestProxy::readHttpConnect(QTcpSocket* client, QByteArray* buffer) {
    const qsizetype end = buffer->indexOf("\r\n\r\n");
    if (end < 0) {
        return false;
    }
    const QList<QByteArray> requestLine = buffer->left(buffer->indexOf("\r\n")).split(' ');
    const QByteArray leftover = buffer->mid(end + 4);
    const QByteArray target = requestLine.value(1);
    m_targets.append(QString::fromLatin1(target));
    if (requestLine.value(0) != "CONNECT" || m_refuse) {
        client->write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        client->disconnectFromHost();
        return true;
    }
    const qsizetype colon = target.lastIndexOf(':');
    QString host = QString::fromLatin1(target.left(colon));
    if (host.startsWith(QLatin1Char('['))) {
        host = host.mid(1, host.size() - 2);
    }
    openTunnel(client, host, quint16(target.mid(colon + 1).toUInt()),
               "HTTP/1.1 200 Connection established\r\n\r\n", leftover);
    return true;
}

bool TestProxy::readSocks5(QTcpSocket* client, QByteArray* buffer, int* stage) {
    if (*stage == 0) { // greeting: VER NMETHODS METHODS...
        if (buffer->size() < 2 || buffer->size() < 2 + quint8(buffer->at(1))) {
            return false;
        }
        const QByteArray methods = buffer->mid(2, quint8(buffer->at(1)));
        buffer->remove(0, 2 + methods.size());
        if (!methods.contains('\0')) {
            client->write(QByteArray("\x05\xff", 2)); // no acceptable method
            client->disconnectFromHost();
            return true;
        }
        client->write(QByteArray("\x05\x00", 2));
        *stage = 1;
    }
    // request: VER CMD RSV ATYP ADDR PORT
    if (buffer->size() < 5) {
        return false;
    }
    const quint8 addressType = quint8(buffer->at(3));
    const int addressLength = addressType == 1 ? 4 : addressType == 4 ? 16 : 1 + quint8(buffer->at(4));
    if (buffer->size() < 4 + addressLength + 2) {
        return false;
    }
    QString host;
    if (addressType == 1) {
        host = QHostAddress(qFromBigEndian<quint32>(buffer->constData() + 4)).toString();
    } else if (addressType == 4) {
        host = QHostAddress(reinterpret_cast<const quint8*>(buffer->constData() + 4)).toString();
    } else {
        host = QString::fromLatin1(buffer->mid(5, addressLength - 1));
    }
    const quint16 port = qFromBigEndian<quint16>(buffer->constData() + 4 + addressLength);
    const QByteArray leftover = buffer->mid(4 + addressLength + 2);
    m_targets.append(host + QLatin1Char(':') + QString::number(port));
    const QByteArray success("\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00", 10);
    if (buffer->at(1) != 1 || m_refuse) {
        client->write(QByteArray("\x05\x02\x00\x01\x00\x00\x00\x00\x00\x00", 10)); // not allowed by ruleset
        client->disconnectFromHost();
        return true;
    }
    openTunnel(client, host, port, success, leftover);
    return true;
}

void TestProxy::openTunnel(QTcpSocket* client, const QString& host, quint16 port, const QByteArray& reply,
                           const QByteArray& leftover) {
    auto* upstream = new QTcpSocket(client);
    connect(upstream, &QTcpSocket::connected, this, [this, client, upstream, reply, leftover] {
        ++m_tunnelsOpened;
        client->write(reply);
        upstream->write(leftover);
        pipe(client, upstream);
        pipe(upstream, client);
        if (client->bytesAvailable() > 0) {
            upstream->write(client->readAll());
        }
    });
    connect(upstream, &QTcpSocket::errorOccurred, client, [client] { client->disconnectFromHost(); });
    upstream->connectToHost(m_hosts.value(host, host), port);
}

} // namespace testing
