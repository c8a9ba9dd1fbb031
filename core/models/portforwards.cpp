#include "portforwards.h"

#include "podresolver.h"
#include "portforwarder.h"
#include "websocketconnector.h"

#include <QHostAddress>

namespace binnacle {

namespace {
// Hands `object` (no parent, just moved to the anchor's thread) to `anchor`, on that thread.
void adopt(QObject* anchor, QObject* object) {
    QMetaObject::invokeMethod(anchor, [anchor, object] { object->setParent(anchor); });
}
} // namespace

PortForwards::PortForwards(QObject* parent)
    : QObject(parent)
    , m_forwards(new streaming::ActiveForwards(this)) {
    m_worker.setObjectName(QStringLiteral("port-forwards"));
}

PortForwards::~PortForwards() {
    reset();
    if (m_worker.isRunning()) {
        // The worker ends after the forwarders' stops and deletions queued before.
        auto* last = new QObject;
        last->moveToThread(&m_worker);
        QMetaObject::invokeMethod(last, [last] {
            delete last;
            QThread::currentThread()->quit();
        });
        m_worker.wait();
    }
}

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
    if (QObject* anchor = std::exchange(m_workerAnchor, nullptr)) {
        // The connector and resolver with it; forwarders not yet deleted too.
        QMetaObject::invokeMethod(anchor, [anchor] { delete anchor; });
    }
    m_connector = nullptr;
    m_resolver = nullptr;
}

void PortForwards::startWorker() {
    if (!m_worker.isRunning()) {
        m_worker.start();
    }
    m_workerAnchor = new QObject;
    m_workerAnchor->moveToThread(&m_worker);
    m_connector = new streaming::WebSocketConnector(m_connection->endpoint(), m_connection->credentials());
    m_connector->setStatusTransport(m_connection->transport());
    m_resolver = new streaming::PodResolver(m_connection->transport());
    for (QObject* object : {static_cast<QObject*>(m_connector), static_cast<QObject*>(m_resolver)}) {
        object->moveToThread(&m_worker);
        adopt(m_workerAnchor, object);
    }
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
    const QHostAddress listenAddress(address);
    if (listenAddress.isNull()) {
        return tr("%1 is not an address").arg(address);
    }
    if (!m_workerAnchor) {
        startWorker();
    }
    // Bound here, so that a port in use is said at once (binding does not block); then it moves to the
    // worker with its listeners, before anything else of it runs.
    auto forwarder = std::make_unique<streaming::PortForwarder>(m_connector, m_resolver);
    forwarder->setListenAddress(listenAddress);
    QString error;
    if (!forwarder->start(target, {streaming::PortMapping{quint16(localPort), quint16(remotePort)}},
                          &error)) {
        return error;
    }
    m_forwards->track(forwarder.get());
    forwarder->moveToThread(&m_worker);
    adopt(m_workerAnchor, forwarder.release());
    return QString();
}

void PortForwards::stop(int row) {
    m_forwards->stop(row);
}

} // namespace binnacle
