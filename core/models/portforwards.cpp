#include "portforwards.h"

#include "podresolver.h"
#include "portforwarder.h"
#include "websocketconnector.h"

#include <QHostAddress>

namespace binnacle {

PortForwards::PortForwards(QObject* parent)
    : QObject(parent)
    , m_forwards(new streaming::ActiveForwards(this)) {}

PortForwards::~PortForwards() = default;

void PortForwards::setConnection(ClusterConnection* connection) {
    if (connection == m_connection) {
        return;
    }
    if (m_connection) {
        disconnect(m_connection, nullptr, this, nullptr);
    }
    m_connection = connection;
    if (connection) {
        connect(connection, &ClusterConnection::sessionChanged, this, &PortForwards::reset);
    }
    reset();
    emit connectionChanged();
}

void PortForwards::reset() {
    // Forwards belong to the session they were made in.
    for (int row = m_forwards->rowCount() - 1; row >= 0; --row) {
        m_forwards->stop(row);
    }
    delete m_resolver;
    m_resolver = nullptr;
    delete m_connector;
    m_connector = nullptr;
}

QString PortForwards::start(const QString& kind, const QString& namespaceName, const QString& name,
                            int remotePort, int localPort, const QString& address) {
    transport::ClusterTransport* transport = m_connection ? m_connection->transport() : nullptr;
    if (!transport || !m_connection->credentials()) {
        return tr("not connected to a cluster");
    }
    if (remotePort <= 0 || remotePort > 65535 || localPort < 0 || localPort > 65535) {
        return tr("ports are numbers from 1 to 65535");
    }
    if (!m_connector) {
        m_connector =
            new streaming::WebSocketConnector(m_connection->endpoint(), m_connection->credentials(), this);
        m_connector->setStatusTransport(transport);
        m_resolver = new streaming::PodResolver(transport, this);
    }
    streaming::ForwardTarget target;
    if (kind == QLatin1String("Pod") || kind == QLatin1String("pods")) {
        target = streaming::ForwardTarget::pod(namespaceName, name);
    } else if (kind == QLatin1String("Service") || kind == QLatin1String("services")) {
        target = streaming::ForwardTarget::service(namespaceName, name);
    } else {
        const std::optional<client::ApiResource> resource = m_connection->findResource(kind);
        if (!resource) {
            return tr("cannot forward to a %1").arg(kind);
        }
        target = streaming::ForwardTarget::workload(namespaceName, resource->group, resource->resource, name);
    }
    auto* forwarder = new streaming::PortForwarder(m_connector, m_resolver);
    const QHostAddress listenAddress(address);
    if (listenAddress.isNull()) {
        delete forwarder;
        return tr("%1 is not an address").arg(address);
    }
    forwarder->setListenAddress(listenAddress);
    QString error;
    if (!forwarder->start(target, {streaming::PortMapping{quint16(localPort), quint16(remotePort)}},
                          &error)) {
        delete forwarder;
        return error;
    }
    m_forwards->add(forwarder);
    return QString();
}

void PortForwards::stop(int row) {
    m_forwards->stop(row);
}

} // namespace binnacle
