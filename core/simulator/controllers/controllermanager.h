#pragma once

#include "controllercontext.h"

#include <QList>
#include <QObject>
#include <memory>

namespace binnacle::sim {

class Controller;
class NodeHeartbeat;

// Owns the simulated cluster's control loops (kube-controller-manager, kube-scheduler and the
// kubelets) and starts them together. Everything runs on the thread that owns the storage, through
// the storage's write API and the store's change signal.
//
//   ControllerManager controllers(&storage, {.timeScale = 1.0, .seed = 42});
//   controllers.start();
class ControllerManager : public QObject {
    Q_OBJECT
public:
    explicit ControllerManager(ResourceStorage* storage, ControllerOptions options = {},
                               QObject* parent = nullptr);
    ~ControllerManager() override;

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    ControllerContext* context() const { return m_context.get(); }

private:
    std::unique_ptr<ControllerContext> m_context;
    QList<Controller*> m_controllers;
    NodeHeartbeat* m_heartbeat;
    bool m_running = false;
};

} // namespace binnacle::sim
