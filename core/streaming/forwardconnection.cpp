#include "forwardconnection.h"

#include "portforwardstream.h"

#include <QTcpSocket>

namespace binnacle::streaming {

ForwardConnection::ForwardConnection(QTcpSocket* client, int mappingIndex, WebSocketConnector* connector,
                                     QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_mappingIndex(mappingIndex)
    , m_connector(connector) {
    m_client->setParent(this);
    connect(m_client, &QTcpSocket::disconnected, this, [this] {
        // The local side hung up: whatever it sent is on its way; close the WebSocket behind it.
        pumpLocal();
        if (m_stream && m_stream->state() != PortForwardStream::State::Closed) {
            m_stream->close();
        } else if (!m_stream) {
            end(std::nullopt);
        }
    });
}

ForwardConnection::~ForwardConnection() = default;

void ForwardConnection::begin(const QString& namespaceName, const QString& podName, quint16 podPort) {
    if (m_ended) {
        return;
    }
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->deleteLater();
    }
    m_podName = podName;
    m_stream = new PortForwardStream(m_connector, this);
    connect(m_stream, &PortForwardStream::opened, this, [this] {
        connect(m_client, &QTcpSocket::readyRead, this, &ForwardConnection::pumpLocal, Qt::UniqueConnection);
        pumpLocal();
        if (m_client->state() != QAbstractSocket::ConnectedState) {
            m_stream->close();
        }
    });
    connect(m_stream, &PortForwardStream::dataReceived, this, [this](int, const QByteArray& data) {
        m_moved = true;
        m_client->write(data);
        Q_EMIT transferred(data.size(), 0);
    });
    connect(m_stream, &PortForwardStream::portError, this, [this](int, const QString& message) {
        // One WebSocket carries this one connection: its port failing ends it.
        Q_EMIT remoteError(message);
        close();
    });
    connect(m_stream, &PortForwardStream::closed, this,
            [this](const std::optional<transport::ApiError>& error) {
                if (error && !m_moved && m_stream->ports().size() == 1 &&
                    error->kind() == transport::ApiError::Kind::Status) {
                    Q_EMIT refused(*error);
                    return;
                }
                end(error);
            });
    m_stream->open(namespaceName, podName, {podPort});
}

void ForwardConnection::pumpLocal() {
    if (!m_stream || m_stream->state() != PortForwardStream::State::Open) {
        return;
    }
    const QByteArray data = m_client->readAll();
    if (data.isEmpty()) {
        return;
    }
    m_moved = true;
    m_stream->write(0, data);
    Q_EMIT transferred(0, data.size());
}

void ForwardConnection::close() {
    if (m_stream && m_stream->state() != PortForwardStream::State::Closed) {
        m_stream->close();
        return;
    }
    end(std::nullopt);
}

void ForwardConnection::end(const std::optional<transport::ApiError>& error) {
    if (m_ended) {
        return;
    }
    m_ended = true;
    // The local socket outlives this object until what is still to write has gone out.
    m_client->disconnect(this);
    m_client->setParent(nullptr);
    if (m_client->state() == QAbstractSocket::UnconnectedState) {
        m_client->deleteLater();
    } else {
        connect(m_client, &QTcpSocket::disconnected, m_client, &QObject::deleteLater);
        m_client->disconnectFromHost();
    }
    Q_EMIT ended(error);
    deleteLater();
}

} // namespace binnacle::streaming
