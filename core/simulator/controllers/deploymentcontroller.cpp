#include "deploymentcontroller.h"

#include "controllerutil.h"
#include "eventrecorder.h"

#include <algorithm>

namespace binnacle::sim {

namespace {

const QString kRevision = QStringLiteral("deployment.kubernetes.io/revision");
const QString kTemplateHashLabel = QStringLiteral("pod-template-hash");

qint64 revisionOf(const QJsonObject& object) {
    return objects::annotation(object, kRevision).toLongLong();
}

// The template as the deployment controller compares it: without pod-template-hash and the
// creationTimestamp: null that templates carry.
QJsonObject comparableTemplate(QJsonObject podTemplate) {
    QJsonObject metadata = podTemplate.value(QLatin1String("metadata")).toObject();
    QJsonObject labels = metadata.value(QLatin1String("labels")).toObject();
    labels.remove(kTemplateHashLabel);
    metadata.insert(QStringLiteral("labels"), labels);
    metadata.remove(QLatin1String("creationTimestamp"));
    podTemplate.insert(QStringLiteral("metadata"), metadata);
    return podTemplate;
}

} // namespace

DeploymentController::DeploymentController(ControllerContext* context, QObject* parent)
    : Controller(context, parent)
    , m_deployments(context->type(QStringLiteral("apps"), QStringLiteral("deployments")))
    , m_replicaSets(context->type(QStringLiteral("apps"), QStringLiteral("replicasets"))) {
    setResyncInterval(30000);
}

void DeploymentController::observe(const WatchEvent& event) {
    if (event.typeKey == m_deployments.key()) {
        enqueue(event.namespaceName, event.object->name());
    } else if (event.typeKey == m_replicaSets.key()) {
        enqueueOwner(event.object->object, QStringLiteral("Deployment"));
    }
}

void DeploymentController::resync() {
    enqueueAll(m_deployments);
}

QList<ObjectPtr> DeploymentController::ownedReplicaSets(const QJsonObject& deployment) const {
    QList<ObjectPtr> owned;
    const QString uid = objects::uid(deployment);
    for (const ObjectPtr& replicaSet :
         m_context->storage()->list(m_replicaSets, objects::namespaceName(deployment))) {
        if (objects::isControlledBy(replicaSet->object, uid)) {
            owned.append(replicaSet);
        }
    }
    std::sort(owned.begin(), owned.end(), [](const ObjectPtr& left, const ObjectPtr& right) {
        const qint64 leftRevision = revisionOf(left->object);
        const qint64 rightRevision = revisionOf(right->object);
        return leftRevision != rightRevision ? leftRevision < rightRevision : left->name() < right->name();
    });
    return owned;
}

bool DeploymentController::templateMatches(const QJsonObject& deployment,
                                           const QJsonObject& replicaSet) const {
    const QJsonObject deploymentTemplate = objects::objectAt(deployment, QStringLiteral("spec.template"));
    const QJsonObject replicaSetTemplate = objects::objectAt(replicaSet, QStringLiteral("spec.template"));
    return comparableTemplate(deploymentTemplate) == comparableTemplate(replicaSetTemplate);
}

void DeploymentController::reconcile(const QString& namespaceName, const QString& name) {
    const ObjectPtr stored = m_context->storage()->get(m_deployments, namespaceName, name);
    if (!stored || objects::isDeleting(stored->object)) {
        return;
    }
    Rollout rollout;
    rollout.deployment = stored->object;
    const QJsonObject spec = rollout.deployment.value(QLatin1String("spec")).toObject();
    rollout.replicas = spec.value(QLatin1String("replicas")).toInt(1);
    const QJsonObject strategy = spec.value(QLatin1String("strategy")).toObject();
    const bool recreate = strategy.value(QLatin1String("type")).toString() == QLatin1String("Recreate");
    if (!recreate) {
        const QJsonObject rolling = strategy.value(QLatin1String("rollingUpdate")).toObject();
        rollout.maxSurge =
            objects::resolveIntOrPercent(rolling.value(QLatin1String("maxSurge")), rollout.replicas, true,
                                         int((rollout.replicas * 25 + 99) / 100));
        rollout.maxUnavailable =
            objects::resolveIntOrPercent(rolling.value(QLatin1String("maxUnavailable")), rollout.replicas,
                                         false, rollout.replicas * 25 / 100);
        if (rollout.maxSurge == 0 && rollout.maxUnavailable == 0) {
            rollout.maxUnavailable = 1;
        }
        rollout.maxUnavailable = std::min(rollout.maxUnavailable, rollout.replicas);
    }

    for (const ObjectPtr& replicaSet : ownedReplicaSets(rollout.deployment)) {
        if (!rollout.newReplicaSet && templateMatches(rollout.deployment, replicaSet->object)) {
            rollout.newReplicaSet = replicaSet;
        } else {
            rollout.oldReplicaSets.append(replicaSet);
        }
    }

    const bool paused = spec.value(QLatin1String("paused")).toBool();
    if (paused) {
        // A paused deployment still scales, but does not roll out a changed template.
        if (rollout.newReplicaSet && rollout.oldReplicaSets.isEmpty()) {
            rollout.newReplicaSet = scaleReplicaSet(rollout, rollout.newReplicaSet, rollout.replicas);
        }
    } else if (recreate) {
        if (rollout.newReplicaSet) {
            ensureRevision(rollout);
        }
        rollRecreate(rollout);
    } else {
        if (!rollout.newReplicaSet) {
            int currentTotal = 0;
            for (const ObjectPtr& old : rollout.oldReplicaSets) {
                currentTotal += old->object.value(QLatin1String("spec"))
                                    .toObject()
                                    .value(QLatin1String("replicas"))
                                    .toInt();
            }
            const int room = rollout.replicas + rollout.maxSurge - currentTotal;
            createNewReplicaSet(rollout, std::clamp(room, 0, rollout.replicas));
        } else {
            ensureRevision(rollout);
        }
        if (rollout.newReplicaSet) {
            rollRolling(rollout);
        }
    }
    syncRevisionAnnotation(rollout);
    cleanUpOldReplicaSets(rollout);
    updateStatus(rollout);
}

ObjectPtr DeploymentController::createNewReplicaSet(Rollout& rollout, int replicas) {
    const QJsonObject& deployment = rollout.deployment;
    const QJsonObject spec = deployment.value(QLatin1String("spec")).toObject();
    const QJsonObject status = deployment.value(QLatin1String("status")).toObject();
    const int collisionCount = status.value(QLatin1String("collisionCount")).toInt();
    QJsonObject podTemplate = spec.value(QLatin1String("template")).toObject();
    const QString hash = objects::templateHash(podTemplate, collisionCount);
    const QString name = objects::name(deployment) + QLatin1Char('-') + hash;

    QJsonObject templateMetadata = podTemplate.value(QLatin1String("metadata")).toObject();
    QJsonObject labels = templateMetadata.value(QLatin1String("labels")).toObject();
    labels.insert(kTemplateHashLabel, hash);
    templateMetadata.insert(QStringLiteral("labels"), labels);
    podTemplate.insert(QStringLiteral("metadata"), templateMetadata);
    QJsonObject selector = spec.value(QLatin1String("selector")).toObject();
    QJsonObject matchLabels = selector.value(QLatin1String("matchLabels")).toObject();
    matchLabels.insert(kTemplateHashLabel, hash);
    selector.insert(QStringLiteral("matchLabels"), matchLabels);

    qint64 maxOldRevision = 0;
    for (const ObjectPtr& old : rollout.oldReplicaSets) {
        maxOldRevision = std::max(maxOldRevision, revisionOf(old->object));
    }
    // The ReplicaSet carries the deployment's annotations, minus the ones that describe the deployment
    // itself.
    QJsonObject annotations = objects::metadata(deployment).value(QLatin1String("annotations")).toObject();
    annotations.remove(QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"));
    annotations.insert(kRevision, QString::number(maxOldRevision + 1));
    annotations.insert(QStringLiteral("deployment.kubernetes.io/desired-replicas"),
                       QString::number(rollout.replicas));
    annotations.insert(QStringLiteral("deployment.kubernetes.io/max-replicas"),
                       QString::number(rollout.replicas + rollout.maxSurge));

    QJsonObject replicaSetSpec{
        {QStringLiteral("replicas"), replicas},
        {QStringLiteral("selector"), selector},
        {QStringLiteral("template"), podTemplate},
    };
    if (spec.contains(QLatin1String("minReadySeconds"))) {
        replicaSetSpec.insert(QStringLiteral("minReadySeconds"),
                              spec.value(QLatin1String("minReadySeconds")));
    }
    const QJsonObject replicaSet{
        {QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
        {QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
        {QStringLiteral("metadata"),
         QJsonObject{
             {QStringLiteral("name"), name},
             {QStringLiteral("namespace"), objects::namespaceName(deployment)},
             {QStringLiteral("labels"), labels},
             {QStringLiteral("annotations"), annotations},
             {QStringLiteral("ownerReferences"),
              QJsonArray{objects::controllerReference(deployment, m_deployments)}},
         }},
        {QStringLiteral("spec"), replicaSetSpec},
    };
    const EventRecorder::Source source{QStringLiteral("deployment-controller"), QString()};
    WriteResult result = m_context->storage()->create(
        m_replicaSets, objects::namespaceName(deployment), replicaSet,
        ControllerContext::writeOptions(QStringLiteral("kube-controller-manager")));
    if (!result.ok()) {
        if (result.error->code == 409) {
            // A ReplicaSet of that name with another template: hash again with a higher collision count.
            QJsonObject updated = deployment;
            QJsonObject newStatus = status;
            newStatus.insert(QStringLiteral("collisionCount"), collisionCount + 1);
            updated.insert(QStringLiteral("status"), newStatus);
            const WriteResult written = m_context->storage()->update(
                m_deployments, objects::namespaceName(deployment), objects::name(deployment), updated,
                ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"),
                                                QStringLiteral("status")));
            if (written.ok()) {
                rollout.deployment = written.object->object;
            }
        }
        return nullptr;
    }
    rollout.newReplicaSet = result.object;
    rollout.createdNewReplicaSet = true;
    if (replicas > 0) {
        m_context->events().normal(
            deployment, QStringLiteral("ScalingReplicaSet"),
            QStringLiteral("Scaled up replica set %1 from 0 to %2").arg(name).arg(replicas), source);
    }
    return result.object;
}

void DeploymentController::ensureRevision(Rollout& rollout) {
    qint64 maxOldRevision = 0;
    for (const ObjectPtr& old : rollout.oldReplicaSets) {
        maxOldRevision = std::max(maxOldRevision, revisionOf(old->object));
    }
    if (revisionOf(rollout.newReplicaSet->object) > maxOldRevision) {
        return;
    }
    // A rollback (or an old template coming back) makes an old ReplicaSet the newest revision again.
    QJsonObject replicaSet = rollout.newReplicaSet->object;
    QJsonObject metadata = objects::metadata(replicaSet);
    QJsonObject annotations = metadata.value(QLatin1String("annotations")).toObject();
    annotations.insert(kRevision, QString::number(maxOldRevision + 1));
    metadata.insert(QStringLiteral("annotations"), annotations);
    replicaSet.insert(QStringLiteral("metadata"), metadata);
    const WriteResult result = m_context->storage()->update(
        m_replicaSets, objects::namespaceName(replicaSet), objects::name(replicaSet), replicaSet,
        ControllerContext::writeOptions(QStringLiteral("kube-controller-manager")));
    if (result.ok()) {
        rollout.newReplicaSet = result.object;
    }
}

void DeploymentController::syncRevisionAnnotation(Rollout& rollout) {
    if (!rollout.newReplicaSet) {
        return;
    }
    const QString revision = objects::annotation(rollout.newReplicaSet->object, kRevision);
    if (revision.isEmpty() || objects::annotation(rollout.deployment, kRevision) == revision) {
        return;
    }
    QJsonObject deployment = rollout.deployment;
    QJsonObject metadata = objects::metadata(deployment);
    QJsonObject annotations = metadata.value(QLatin1String("annotations")).toObject();
    annotations.insert(kRevision, revision);
    metadata.insert(QStringLiteral("annotations"), annotations);
    deployment.insert(QStringLiteral("metadata"), metadata);
    const WriteResult result = m_context->storage()->update(
        m_deployments, objects::namespaceName(deployment), objects::name(deployment), deployment,
        ControllerContext::writeOptions(QStringLiteral("kube-controller-manager")));
    if (result.ok()) {
        rollout.deployment = result.object->object;
    }
}

void DeploymentController::cleanUpOldReplicaSets(const Rollout& rollout) {
    const int limit = rollout.deployment.value(QLatin1String("spec"))
                          .toObject()
                          .value(QLatin1String("revisionHistoryLimit"))
                          .toInt(10);
    QList<ObjectPtr> candidates;
    for (const ObjectPtr& old : rollout.oldReplicaSets) {
        const ObjectPtr current = m_context->storage()->get(m_replicaSets, old->namespaceName(), old->name());
        if (!current || objects::isDeleting(current->object)) {
            continue;
        }
        const int specReplicas =
            current->object.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt();
        const int statusReplicas = current->object.value(QLatin1String("status"))
                                       .toObject()
                                       .value(QLatin1String("replicas"))
                                       .toInt();
        if (specReplicas == 0 && statusReplicas == 0) {
            candidates.append(current);
        }
    }
    for (qsizetype i = 0; i < candidates.size() - limit; ++i) {
        DeleteOptions options;
        options.propagationPolicy = QStringLiteral("Background");
        m_context->storage()->remove(m_replicaSets, candidates.at(i)->namespaceName(),
                                     candidates.at(i)->name(), options);
    }
}

} // namespace binnacle::sim
