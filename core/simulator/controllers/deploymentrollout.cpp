// The deployment controller's scaling steps: RollingUpdate and Recreate.
#include "controllerutil.h"
#include "deploymentcontroller.h"
#include "eventrecorder.h"
#include "podtemplate.h"

#include <algorithm>

namespace binnacle::sim {

namespace {

int specReplicas(const ObjectPtr& replicaSet) {
    return replicaSet ? replicaSet->object.value(QLatin1String("spec"))
                            .toObject()
                            .value(QLatin1String("replicas"))
                            .toInt()
                      : 0;
}

// Available pods of a ReplicaSet, never more than it is asked to keep (its status lags a scale-down).
int availableReplicas(const ObjectPtr& replicaSet) {
    if (!replicaSet) {
        return 0;
    }
    const int available = replicaSet->object.value(QLatin1String("status"))
                              .toObject()
                              .value(QLatin1String("availableReplicas"))
                              .toInt();
    return std::min(available, specReplicas(replicaSet));
}

} // namespace

ObjectPtr DeploymentController::scaleReplicaSet(const Rollout& rollout, const ObjectPtr& replicaSet,
                                                int replicas) {
    const int current = specReplicas(replicaSet);
    if (current == replicas) {
        return replicaSet;
    }
    QJsonObject updated = replicaSet->object;
    QJsonObject metadata = objects::metadata(updated);
    QJsonObject annotations = metadata.value(QLatin1String("annotations")).toObject();
    annotations.insert(QStringLiteral("deployment.kubernetes.io/desired-replicas"),
                       QString::number(rollout.replicas));
    annotations.insert(QStringLiteral("deployment.kubernetes.io/max-replicas"),
                       QString::number(rollout.replicas + rollout.maxSurge));
    metadata.insert(QStringLiteral("annotations"), annotations);
    updated.insert(QStringLiteral("metadata"), metadata);
    updated = objects::setObjectAt(updated, QStringLiteral("spec.replicas"), replicas);
    const WriteResult result = m_context->storage()->update(
        m_replicaSets, replicaSet->namespaceName(), replicaSet->name(), updated,
        ControllerContext::writeOptions(QStringLiteral("kube-controller-manager")));
    if (!result.ok()) {
        return replicaSet;
    }
    const QString direction = replicas > current ? QStringLiteral("up") : QStringLiteral("down");
    m_context->events().normal(rollout.deployment, QStringLiteral("ScalingReplicaSet"),
                               QStringLiteral("Scaled %1 replica set %2 from %3 to %4")
                                   .arg(direction, replicaSet->name())
                                   .arg(current)
                                   .arg(replicas),
                               EventRecorder::Source{QStringLiteral("deployment-controller"), QString()});
    return result.object;
}

void DeploymentController::rollRolling(Rollout& rollout) {
    const int newReplicas = specReplicas(rollout.newReplicaSet);
    if (newReplicas > rollout.replicas) {
        rollout.newReplicaSet = scaleReplicaSet(rollout, rollout.newReplicaSet, rollout.replicas);
    } else if (newReplicas < rollout.replicas) {
        int total = newReplicas;
        for (const ObjectPtr& old : rollout.oldReplicaSets) {
            total += specReplicas(old);
        }
        const int room = rollout.replicas + rollout.maxSurge - total;
        if (room > 0) {
            const int target = newReplicas + std::min(room, rollout.replicas - newReplicas);
            rollout.newReplicaSet = scaleReplicaSet(rollout, rollout.newReplicaSet, target);
        }
    }
    scaleDownOld(rollout);
}

void DeploymentController::scaleDownOld(Rollout& rollout) {
    int total = specReplicas(rollout.newReplicaSet);
    bool anyOldActive = false;
    for (const ObjectPtr& old : rollout.oldReplicaSets) {
        total += specReplicas(old);
        anyOldActive = anyOldActive || specReplicas(old) > 0;
    }
    if (!anyOldActive) {
        return;
    }
    const int minAvailable = rollout.replicas - rollout.maxUnavailable;
    const int newUnavailable = specReplicas(rollout.newReplicaSet) - availableReplicas(rollout.newReplicaSet);
    int budget = total - minAvailable - newUnavailable;
    if (budget <= 0) {
        return;
    }
    // First the old pods that are not available anyway: removing them costs no availability.
    for (ObjectPtr& old : rollout.oldReplicaSets) {
        const int unhealthy = specReplicas(old) - availableReplicas(old);
        if (budget <= 0) {
            break;
        }
        if (unhealthy <= 0) {
            continue;
        }
        const int step = std::min(budget, unhealthy);
        old = scaleReplicaSet(rollout, old, specReplicas(old) - step);
        budget -= step;
    }
    // Then available old pods, as far as the availability floor allows.
    int available = availableReplicas(rollout.newReplicaSet);
    for (const ObjectPtr& old : rollout.oldReplicaSets) {
        available += availableReplicas(old);
    }
    int allowed = available - minAvailable;
    for (ObjectPtr& old : rollout.oldReplicaSets) {
        if (allowed <= 0) {
            break;
        }
        const int step = std::min(specReplicas(old), allowed);
        if (step <= 0) {
            continue;
        }
        old = scaleReplicaSet(rollout, old, specReplicas(old) - step);
        allowed -= step;
    }
}

void DeploymentController::rollRecreate(Rollout& rollout) {
    bool oldPodsRemain = false;
    for (ObjectPtr& old : rollout.oldReplicaSets) {
        if (specReplicas(old) > 0) {
            old = scaleReplicaSet(rollout, old, 0);
        }
        for (const ObjectPtr& pod :
             podsControlledBy(m_context, old->namespaceName(), objects::uid(old->object))) {
            oldPodsRemain = oldPodsRemain || !objects::isPodTerminal(pod->object);
        }
    }
    // Recreate: the new pods start only once every old pod is gone.
    if (oldPodsRemain) {
        // Pods going away do not change the ReplicaSets' status: look again shortly.
        enqueueAfter(objects::namespaceName(rollout.deployment), objects::name(rollout.deployment), 1000);
        return;
    }
    if (!rollout.newReplicaSet) {
        createNewReplicaSet(rollout, rollout.replicas);
    } else {
        rollout.newReplicaSet = scaleReplicaSet(rollout, rollout.newReplicaSet, rollout.replicas);
    }
}

} // namespace binnacle::sim
