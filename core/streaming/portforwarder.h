#pragma once

#include "podresolver.h"
#include "websocketconnector.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>

class QTcpServer;
class QTimer;

namespace binnacle::streaming {

class ForwardConnection;

// A local port and the target port it leads to (for a Service, a service port).
struct PortMapping {
    quint16 localPort = 0; // 0: any free port
    quint16 remotePort = 0;
};

// One forwarded port as it stands.
struct ForwardedPort {
    QHostAddress address;
    quint16 localPort = 0;  // the bound port, also when 0 was asked for
    quint16 remotePort = 0; // as asked
    quint16 podPort = 0;    // where it leads in the current pod (a Service's targetPort)
    qint64 bytesIn = 0;     // from the pod to local clients
    qint64 bytesOut = 0;    // from local clients to the pod
    int activeConnections = 0;
    int totalConnections = 0;
    QString lastError;

    bool operator==(const ForwardedPort&) const = default;
};

// kubectl port-forward as an object: listens on 127.0.0.1 (another address only when the user chooses
// one) for each mapping, and carries every accepted connection over its own WebSocket to the pod
// (PortForwardStream). A Service or workload target is resolved to a Ready pod behind it; when an
// upgrade to that pod is refused (the pod went away, stopped running) another is picked and the
// connection goes there instead, without losing a byte.
//
// start() may be called on one thread and the forwarder then moved to another (listeners and all) before
// the event loop runs: the target is resolved from the event loop, and the connector and resolver must
// live on that other thread. Watchers on other threads read it through portsUpdated(), stateChanged() and
// podChanged(), which carry their values.
class PortForwarder : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Resolving, Forwarding, NoPod, Stopped };
    Q_ENUM(State)

    // `resolver` may be null for pod targets.
    PortForwarder(WebSocketConnector* connector, PodResolver* resolver, QObject* parent = nullptr);
    ~PortForwarder() override;

    void setListenAddress(const QHostAddress& address) { m_address = address; }
    QHostAddress listenAddress() const { return m_address; }

    // Binds every local port at once (all or none) and starts resolving the target. Returns false with
    // `error` set when a port cannot be bound.
    bool start(const ForwardTarget& target, const QList<PortMapping>& mappings, QString* error);
    // Closes the listeners and every connection.
    void stop();

    State state() const { return m_state; }
    const ForwardTarget& target() const { return m_target; }
    QString podName() const { return m_podName; }
    const QList<ForwardedPort>& ports() const { return m_ports; }
    QString lastError() const { return m_lastError; }
    // How often at most portsUpdated() reports traffic; 0: once per turn of the event loop.
    void setUpdateInterval(int milliseconds);

Q_SIGNALS:
    void stateChanged(binnacle::streaming::PortForwarder::State state);
    void podChanged(const QString& podName);
    // Bytes moved or connections came and went on mapping `index`.
    void portChanged(int index);
    void errorOccurred(int index, const QString& message);
    // Every port as it stands, after portChanged() or errorOccurred(), at most once per update interval:
    // for watchers on another thread, and for views that need not see every read.
    void portsUpdated(const QList<binnacle::streaming::ForwardedPort>& ports);

private:
    void setState(State state);
    void resolve(const QStringList& avoid);
    void onResolved(const ResolvedPod& result);
    void onNewConnection(int index);
    void beginPending();
    void repick(ForwardConnection* connection, const transport::ApiError& error);
    void reportError(int index, const QString& message);
    void schedulePortsUpdate();

    QPointer<WebSocketConnector> m_connector;
    QPointer<PodResolver> m_resolver;
    QHostAddress m_address = QHostAddress::LocalHost;
    ForwardTarget m_target;
    QList<PortMapping> m_mappings;
    QList<ForwardedPort> m_ports;
    QList<QTcpServer*> m_servers;
    QTimer* m_updateTimer;
    QList<QPointer<ForwardConnection>> m_waiting; // accepted while no pod was known
    QList<QPointer<ForwardConnection>> m_connections;
    State m_state = State::Idle;
    QString m_podName;
    QList<quint16> m_podPorts;
    QString m_lastError;
    bool m_resolving = false;
    QString m_refusedPod; // the pod whose refusal started the running resolution
    std::optional<transport::ApiError> m_refusal;
};

} // namespace binnacle::streaming

Q_DECLARE_METATYPE(binnacle::streaming::ForwardedPort)
