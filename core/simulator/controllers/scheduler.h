#pragma once

#include "controller.h"

namespace binnacle::sim {

// kube-scheduler, much simplified: binds every pending pod of the default scheduler to the next Ready,
// schedulable Node that fits it (taints, nodeSelector, required node affinity), round robin.
// A pod no node fits gets PodScheduled=False (Unschedulable) and a FailedScheduling event.
class Scheduler : public Controller {
    Q_OBJECT
public:
    explicit Scheduler(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& name) override;
    void resync() override;

private:
    void markUnschedulable(const QJsonObject& pod, int nodeCount);

    const ResourceType& m_pods;
    const ResourceType& m_nodes;
    QSet<QString> m_waiting; // "namespace/name" of pods no node fitted
    quint64 m_nextNode = 0;
};

} // namespace binnacle::sim
