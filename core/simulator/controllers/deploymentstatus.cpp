// The deployment controller's status: counts summed over the ReplicaSets, and the Available and
// Progressing conditions `kubectl rollout status` and `kubectl wait` read.
#include "controllerutil.h"
#include "deploymentcontroller.h"

namespace binnacle::sim {

namespace {

int field(const QJsonObject& object, const char* section, const char* key) {
    return object.value(QLatin1String(section)).toObject().value(QLatin1String(key)).toInt();
}

QJsonObject deploymentCondition(const QString& type, bool status, const QString& reason,
                                const QString& message, const QString& now) {
    return QJsonObject{
        {QStringLiteral("type"), type},
        {QStringLiteral("status"), status ? QStringLiteral("True") : QStringLiteral("False")},
        {QStringLiteral("lastUpdateTime"), now},
        {QStringLiteral("lastTransitionTime"), now},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("message"), message},
    };
}

} // namespace

void DeploymentController::updateStatus(const Rollout& rollout) {
    const QJsonObject& deployment = rollout.deployment;
    const QString newName = rollout.newReplicaSet ? rollout.newReplicaSet->name() : QString();
    int replicas = 0;
    int specTotal = 0;
    int updated = 0;
    int ready = 0;
    int available = 0;
    // Read the ReplicaSets again: the rollout steps above may have changed them.
    for (const ObjectPtr& replicaSet : ownedReplicaSets(deployment)) {
        const QJsonObject& object = replicaSet->object;
        replicas += field(object, "status", "replicas");
        specTotal += field(object, "spec", "replicas");
        ready += field(object, "status", "readyReplicas");
        available += field(object, "status", "availableReplicas");
        if (replicaSet->name() == newName) {
            updated = field(object, "status", "replicas");
        }
    }
    const QJsonObject oldStatus = deployment.value(QLatin1String("status")).toObject();
    QJsonObject status = oldStatus;
    const qint64 generation = objects::generation(deployment);
    status.insert(QStringLiteral("observedGeneration"), generation);
    objects::insertCount(status, QStringLiteral("replicas"), replicas);
    objects::insertCount(status, QStringLiteral("updatedReplicas"), updated);
    objects::insertCount(status, QStringLiteral("readyReplicas"), ready);
    objects::insertCount(status, QStringLiteral("availableReplicas"), available);
    objects::insertCount(status, QStringLiteral("unavailableReplicas"), std::max(0, specTotal - available));

    const QString now = objects::timestamp(m_context->now());
    QJsonArray conditions = status.value(QLatin1String("conditions")).toArray();
    const bool minimumAvailable = available >= rollout.replicas - rollout.maxUnavailable;
    objects::setCondition(
        conditions,
        minimumAvailable
            ? deploymentCondition(QStringLiteral("Available"), true,
                                  QStringLiteral("MinimumReplicasAvailable"),
                                  QStringLiteral("Deployment has minimum availability."), now)
            : deploymentCondition(QStringLiteral("Available"), false,
                                  QStringLiteral("MinimumReplicasUnavailable"),
                                  QStringLiteral("Deployment does not have minimum availability."), now));
    const bool paused =
        deployment.value(QLatin1String("spec")).toObject().value(QLatin1String("paused")).toBool();
    const bool complete = !newName.isEmpty() && updated == rollout.replicas && replicas == rollout.replicas &&
                          available == rollout.replicas;
    if (paused) {
        objects::setCondition(conditions, deploymentCondition(QStringLiteral("Progressing"), false,
                                                              QStringLiteral("DeploymentPaused"),
                                                              QStringLiteral("Deployment is paused"), now));
    } else if (complete) {
        objects::setCondition(
            conditions,
            deploymentCondition(QStringLiteral("Progressing"), true, QStringLiteral("NewReplicaSetAvailable"),
                                QStringLiteral("ReplicaSet \"%1\" has successfully progressed.").arg(newName),
                                now));
    } else if (rollout.createdNewReplicaSet) {
        objects::setCondition(
            conditions,
            deploymentCondition(QStringLiteral("Progressing"), true, QStringLiteral("NewReplicaSetCreated"),
                                QStringLiteral("Created new replica set \"%1\"").arg(newName), now));
    } else if (!newName.isEmpty()) {
        objects::setCondition(
            conditions,
            deploymentCondition(QStringLiteral("Progressing"), true, QStringLiteral("ReplicaSetUpdated"),
                                QStringLiteral("ReplicaSet \"%1\" is progressing.").arg(newName), now));
    }
    status.insert(QStringLiteral("conditions"), conditions);
    if (status == oldStatus) {
        return;
    }
    QJsonObject updatedDeployment = deployment;
    updatedDeployment.insert(QStringLiteral("status"), status);
    m_context->storage()->update(
        m_deployments, objects::namespaceName(deployment), objects::name(deployment), updatedDeployment,
        ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"), QStringLiteral("status")));
}

} // namespace binnacle::sim
