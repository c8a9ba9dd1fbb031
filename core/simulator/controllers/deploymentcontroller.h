#pragma once

#include "controller.h"

namespace binnacle::sim {

// Rolls Deployments out through ReplicaSets named `<deployment>-<pod-template-hash>`, like
// kube-controller-manager's deployment controller: scaling, RollingUpdate (maxSurge/maxUnavailable)
// and Recreate strategies, rollback to a matching old ReplicaSet, revision annotations, old
// ReplicaSet clean-up past revisionHistoryLimit, and the status and conditions `kubectl rollout
// status` and `kubectl wait --for=condition=Available` read.
class DeploymentController : public Controller {
    Q_OBJECT
public:
    explicit DeploymentController(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& name) override;
    void resync() override;

private:
    struct Rollout {
        QJsonObject deployment;
        ObjectPtr newReplicaSet;         // null until created
        QList<ObjectPtr> oldReplicaSets; // oldest first
        int replicas = 1;
        int maxSurge = 0;
        int maxUnavailable = 0;
        bool createdNewReplicaSet = false;
    };

    QList<ObjectPtr> ownedReplicaSets(const QJsonObject& deployment) const;
    bool templateMatches(const QJsonObject& deployment, const QJsonObject& replicaSet) const;
    ObjectPtr createNewReplicaSet(Rollout& rollout, int replicas);
    void ensureRevision(Rollout& rollout);
    void rollRecreate(Rollout& rollout);
    void rollRolling(Rollout& rollout);
    void scaleDownOld(Rollout& rollout);
    // Sets spec.replicas of a ReplicaSet and records ScalingReplicaSet. Returns the stored ReplicaSet.
    ObjectPtr scaleReplicaSet(const Rollout& rollout, const ObjectPtr& replicaSet, int replicas);
    void cleanUpOldReplicaSets(const Rollout& rollout);
    void syncRevisionAnnotation(Rollout& rollout);
    void updateStatus(const Rollout& rollout);

    const ResourceType& m_deployments;
    const ResourceType& m_replicaSets;
};

} // namespace binnacle::sim
