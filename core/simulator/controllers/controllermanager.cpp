#include "controllermanager.h"

#include "cronjobcontroller.h"
#include "daemonsetcontroller.h"
#include "deploymentcontroller.h"
#include "endpointscontroller.h"
#include "garbagecollector.h"
#include "jobcontroller.h"
#include "kubelet.h"
#include "namespacebootstrapcontroller.h"
#include "namespacecontroller.h"
#include "nodeheartbeat.h"
#include "replicasetcontroller.h"
#include "scheduler.h"
#include "statefulsetcontroller.h"

namespace binnacle::sim {

ControllerManager::ControllerManager(ResourceStorage* storage, ControllerOptions options, QObject* parent)
    : QObject(parent)
    , m_context(std::make_unique<ControllerContext>(storage, options)) {
    ControllerContext* context = m_context.get();
    m_controllers = {
        new GarbageCollector(context, this),
        new NamespaceController(context, this),
        new NamespaceBootstrapController(context, this),
        new DeploymentController(context, this),
        new ReplicaSetController(context, this),
        new StatefulSetController(context, this),
        new DaemonSetController(context, this),
        new JobController(context, this),
        new CronJobController(context, this),
        new Scheduler(context, this),
        new Kubelet(context, this),
        new EndpointsController(context, this),
    };
    m_heartbeat = new NodeHeartbeat(context, this);
}

ControllerManager::~ControllerManager() {
    stop();
    // The controllers refer to the context: delete them before it goes.
    qDeleteAll(m_controllers);
    m_controllers.clear();
    delete m_heartbeat;
}

void ControllerManager::start() {
    if (m_running) {
        return;
    }
    m_running = true;
    m_heartbeat->start();
    for (Controller* controller : std::as_const(m_controllers)) {
        controller->start();
    }
}

void ControllerManager::stop() {
    if (!m_running) {
        return;
    }
    m_running = false;
    m_heartbeat->stop();
    for (Controller* controller : std::as_const(m_controllers)) {
        controller->stop();
    }
}

} // namespace binnacle::sim
