#pragma once

#include "activeforwards.h"
#include "clusterconnection.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QThread>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

namespace streaming {
class PodResolver;
class WebSocketConnector;
} // namespace streaming

// The window's port forwards: start() listens on 127.0.0.1 (unless the user chose another address) and
// forwards to a pod, or to a ready pod behind a Service or workload (moving to another when it goes away);
// `forwards` lists them with bytes moved, and stop(row) ends one. A new cluster session ends them all.
// The forwarders (listeners, connections, WebSockets) run on a thread of their own, started with the first
// forward and ended with this object: bytes never wait for the GUI, and only the list's updates cross to
// it, as queued signals carrying values.
class PortForwards : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        binnacle::ClusterConnection* connection READ connection WRITE setConnection NOTIFY connectionChanged)
    Q_PROPERTY(binnacle::streaming::ActiveForwards* forwards READ forwards CONSTANT)
public:
    explicit PortForwards(QObject* parent = nullptr);
    ~PortForwards() override;

    ClusterConnection* connection() const { return m_connection; }
    void setConnection(ClusterConnection* connection);
    streaming::ActiveForwards* forwards() const { return m_forwards; }

    // kind: "Pod", "Service", or a workload's resource key ("deployments.apps"). localPort 0: any free one.
    // Returns "" when listening, else why not (a port in use, not connected).
    Q_INVOKABLE QString start(const QString& kind, const QString& namespaceName, const QString& name,
                              int remotePort, int localPort = 0,
                              const QString& address = QStringLiteral("127.0.0.1"));
    Q_INVOKABLE void stop(int row);

signals:
    void connectionChanged();

private:
    void reset();
    void startWorker();

    QPointer<ClusterConnection> m_connection;
    streaming::ActiveForwards* m_forwards;
    QThread m_worker;
    // On the worker: the parent of the session's connector, resolver and forwarders, deleted there.
    QObject* m_workerAnchor = nullptr;
    streaming::WebSocketConnector* m_connector = nullptr; // on the worker
    streaming::PodResolver* m_resolver = nullptr;         // on the worker
};

struct ActiveForwardsForeign {
    Q_GADGET
    QML_FOREIGN(binnacle::streaming::ActiveForwards)
    QML_NAMED_ELEMENT(ActiveForwards)
    QML_UNCREATABLE("Owned by PortForwards")
};

} // namespace binnacle
