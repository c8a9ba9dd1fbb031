#include "portforwarder.h"

#include "forwardconnection.h"
#include "streaminglogging.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace binnacle::streaming {

PortForwarder::PortForwarder(WebSocketConnector* connector, PodResolver* resolver, QObject* parent)
    : QObject(parent)
    , m_connector(connector)
    , m_resolver(resolver)
    , m_updateTimer(new QTimer(this)) {
    m_updateTimer->setSingleShot(true);
    m_updateTimer->setInterval(250);
    connect(m_updateTimer, &QTimer::timeout, this, [this] { Q_EMIT portsUpdated(m_ports); });
    connect(this, &PortForwarder::portChanged, this, &PortForwarder::schedulePortsUpdate);
    connect(this, &PortForwarder::errorOccurred, this, &PortForwarder::schedulePortsUpdate);
    connect(this, &PortForwarder::podChanged, this, &PortForwarder::schedulePortsUpdate); // pod ports
}

void PortForwarder::setUpdateInterval(int milliseconds) {
    m_updateTimer->setInterval(std::max(0, milliseconds));
}

void PortForwarder::schedulePortsUpdate() {
    if (!m_updateTimer->isActive()) {
        m_updateTimer->start();
    }
}

PortForwarder::~PortForwarder() {
    // The listeners and connections are children and go with this object.
    for (QTcpServer* server : std::as_const(m_servers)) {
        server->close();
    }
}

bool PortForwarder::start(const ForwardTarget& target, const QList<PortMapping>& mappings, QString* error) {
    if (m_state != State::Idle) {
        *error = QStringLiteral("A port forward starts once");
        return false;
    }
    if (mappings.isEmpty()) {
        *error = QStringLiteral("No port to forward");
        return false;
    }
    m_target = target;
    m_mappings = mappings;
    for (int index = 0; index < mappings.size(); ++index) {
        auto* server = new QTcpServer(this);
        if (!server->listen(m_address, mappings[index].localPort)) {
            *error = QStringLiteral("Cannot listen on %1:%2: %3")
                         .arg(m_address.toString())
                         .arg(mappings[index].localPort)
                         .arg(server->errorString());
            delete server;
            qDeleteAll(m_servers);
            m_servers.clear();
            m_ports.clear();
            return false;
        }
        connect(server, &QTcpServer::newConnection, this, [this, index] { onNewConnection(index); });
        m_servers.append(server);
        ForwardedPort port;
        port.address = m_address;
        port.localPort = server->serverPort();
        port.remotePort = mappings[index].remotePort;
        m_ports.append(port);
    }
    qCInfo(lcStreaming).noquote() << "forwarding" << target.displayName() << "from" << m_address.toString();
    // From the event loop, on the thread the forwarder then lives on (the resolver's).
    setState(State::Resolving);
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_resolving && m_podName.isEmpty()) {
                resolve({});
            }
        },
        Qt::QueuedConnection);
    return true;
}

void PortForwarder::stop() {
    if (m_state == State::Stopped || m_servers.isEmpty()) {
        return;
    }
    for (QTcpServer* server : std::as_const(m_servers)) {
        server->close();
    }
    m_waiting.clear();
    for (const QPointer<ForwardConnection>& connection : std::as_const(m_connections)) {
        if (connection) {
            connection->close();
        }
    }
    setState(State::Stopped);
}

void PortForwarder::setState(State state) {
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

void PortForwarder::resolve(const QStringList& avoid) {
    if (m_resolving || m_state == State::Stopped) {
        return;
    }
    if (m_target.kind != ForwardTarget::Kind::Pod && !m_resolver) {
        m_lastError = QStringLiteral("No way to find the pods behind %1").arg(m_target.displayName());
        setState(State::NoPod);
        return;
    }
    m_resolving = true;
    if (m_podName.isEmpty()) {
        setState(State::Resolving);
    }
    QList<quint16> remotePorts;
    for (const PortMapping& mapping : std::as_const(m_mappings)) {
        remotePorts.append(mapping.remotePort);
    }
    if (m_target.kind == ForwardTarget::Kind::Pod) {
        // Nothing to look up: the pod is named and its ports are container ports.
        QMetaObject::invokeMethod(
            this,
            [this, remotePorts] {
                onResolved({m_target.name, remotePorts, std::nullopt});
            },
            Qt::QueuedConnection);
        return;
    }
    m_resolver->resolve(m_target, remotePorts, avoid, this,
                        [this](const ResolvedPod& result) { onResolved(result); });
}

void PortForwarder::onResolved(const ResolvedPod& result) {
    m_resolving = false;
    if (m_state == State::Stopped) {
        return;
    }
    const QString refusedPod = std::exchange(m_refusedPod, {});
    const std::optional<transport::ApiError> refusal = std::exchange(m_refusal, std::nullopt);
    if (!result.ok()) {
        m_lastError = result.error->message();
        setState(State::NoPod);
        for (const QPointer<ForwardConnection>& connection : std::exchange(m_waiting, {})) {
            if (connection) {
                reportError(connection->mappingIndex(), m_lastError);
                connection->close();
            }
        }
        return;
    }
    if (!refusedPod.isEmpty() && result.podName == refusedPod) {
        // Nothing better behind the target: the refusal stands for the connections that met it.
        m_podName = result.podName;
        const QString message = refusal ? refusal->message() : QStringLiteral("refused");
        for (const QPointer<ForwardConnection>& connection : std::exchange(m_waiting, {})) {
            if (connection) {
                reportError(connection->mappingIndex(), message);
                connection->close();
            }
        }
        setState(State::Forwarding);
        return;
    }
    const bool changed = m_podName != result.podName;
    m_podName = result.podName;
    m_podPorts = result.podPorts;
    for (int index = 0; index < m_ports.size() && index < m_podPorts.size(); ++index) {
        m_ports[index].podPort = m_podPorts[index];
    }
    setState(State::Forwarding);
    if (changed) {
        qCInfo(lcStreaming).noquote() << m_target.displayName() << "now forwards to pod" << m_podName;
        Q_EMIT podChanged(m_podName);
    }
    beginPending();
}

void PortForwarder::onNewConnection(int index) {
    QTcpServer* server = m_servers.value(index);
    while (server && server->hasPendingConnections()) {
        QTcpSocket* client = server->nextPendingConnection();
        auto* connection = new ForwardConnection(client, index, m_connector, this);
        ForwardedPort& port = m_ports[index];
        ++port.activeConnections;
        ++port.totalConnections;
        connect(connection, &ForwardConnection::transferred, this, [this, index](qint64 in, qint64 out) {
            m_ports[index].bytesIn += in;
            m_ports[index].bytesOut += out;
            Q_EMIT portChanged(index);
        });
        connect(connection, &ForwardConnection::remoteError, this,
                [this, index](const QString& message) { reportError(index, message); });
        connect(connection, &ForwardConnection::refused, this,
                [this, connection](const transport::ApiError& error) { repick(connection, error); });
        connect(connection, &ForwardConnection::ended, this,
                [this, index, connection](const std::optional<transport::ApiError>& error) {
                    --m_ports[index].activeConnections;
                    m_connections.removeAll(connection);
                    if (error) {
                        reportError(index, error->message());
                    }
                    Q_EMIT portChanged(index);
                });
        m_connections.append(connection);
        m_waiting.append(connection);
        Q_EMIT portChanged(index);
    }
    if (m_podName.isEmpty()) {
        resolve({}); // no pod yet, or none was Ready last time
    } else if (!m_resolving) {
        beginPending();
    }
}

void PortForwarder::beginPending() {
    for (const QPointer<ForwardConnection>& connection : std::exchange(m_waiting, {})) {
        if (connection) {
            connection->begin(m_target.namespaceName, m_podName,
                              m_podPorts.value(connection->mappingIndex()));
        }
    }
}

void PortForwarder::repick(ForwardConnection* connection, const transport::ApiError& error) {
    if (m_target.kind == ForwardTarget::Kind::Pod) {
        reportError(connection->mappingIndex(), error.message());
        connection->close();
        return;
    }
    m_waiting.append(connection);
    if (connection->podName() != m_podName && !m_podName.isEmpty() && !m_resolving) {
        beginPending(); // another connection already moved on to a new pod
        return;
    }
    if (!m_resolving) {
        qCInfo(lcStreaming).noquote() << "pod" << connection->podName() << "refused a forward ("
                                      << error.message() << "); looking for another";
        m_refusedPod = connection->podName();
        m_refusal = error;
        resolve({m_refusedPod});
    }
}

void PortForwarder::reportError(int index, const QString& message) {
    m_lastError = message;
    if (index >= 0 && index < m_ports.size()) {
        m_ports[index].lastError = message;
    }
    Q_EMIT errorOccurred(index, message);
}

} // namespace binnacle::streaming
