#pragma once

#include "controllercontext.h"

#include <QObject>
#include <QTimer>

namespace binnacle::sim {

// What the kubelets do for their Nodes: renew each node's Lease in kube-node-lease (every 10 s,
// scaled), refresh the node conditions' lastHeartbeatTime (every 60 s, scaled), and give a Node
// registered without conditions the usual healthy set (MemoryPressure, DiskPressure, PIDPressure
// False; Ready True).
class NodeHeartbeat : public QObject {
    Q_OBJECT
public:
    explicit NodeHeartbeat(ControllerContext* context, QObject* parent = nullptr);

    void start();
    void stop();

private:
    void renewLeases();
    void reportStatus();

    ControllerContext* m_context;
    QTimer m_leaseTimer;
    QTimer m_statusTimer;
};

} // namespace binnacle::sim
