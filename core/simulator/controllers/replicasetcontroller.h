#pragma once

#include "controller.h"

namespace binnacle::sim {

// Keeps spec.replicas Pods (named `<rs>-<5 chars>`) for every ReplicaSet and reports their state in
// its status, like kube-controller-manager's replicaset controller. Pods are found by their controller
// ownerReference; orphans matching the selector are not adopted.
class ReplicaSetController : public Controller {
    Q_OBJECT
public:
    explicit ReplicaSetController(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& name) override;
    void resync() override;

private:
    void manageReplicas(const QJsonObject& replicaSet, QList<ObjectPtr> activePods, int desired);
    void updateStatus(const QJsonObject& replicaSet, const QList<ObjectPtr>& pods);

    const ResourceType& m_replicaSets;
    const ResourceType& m_pods;
};

} // namespace binnacle::sim
