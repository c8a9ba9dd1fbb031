#include "statefulsetcontroller.h"

#include "controllerutil.h"
#include "eventrecorder.h"
#include "podtemplate.h"

namespace binnacle::sim {

namespace {

const QString kRevisionLabel = QStringLiteral("controller-revision-hash");

} // namespace

StatefulSetController::StatefulSetController(ControllerContext* context, QObject* parent)
    : Controller(context, parent)
    , m_statefulSets(context->type(QStringLiteral("apps"), QStringLiteral("statefulsets")))
    , m_pods(context->type(QString(), QStringLiteral("pods")))
    , m_revisions(context->type(QStringLiteral("apps"), QStringLiteral("controllerrevisions")))
    , m_claims(context->type(QString(), QStringLiteral("persistentvolumeclaims"))) {
    setResyncInterval(30000);
}

void StatefulSetController::observe(const WatchEvent& event) {
    if (event.typeKey == m_statefulSets.key()) {
        enqueue(event.namespaceName, event.object->name());
    } else if (event.typeKey == m_pods.key()) {
        enqueueOwner(event.object->object, QStringLiteral("StatefulSet"));
    }
}

void StatefulSetController::resync() {
    enqueueAll(m_statefulSets);
}

QMap<int, QJsonObject> StatefulSetController::podsByOrdinal(const QJsonObject& statefulSet) const {
    QMap<int, QJsonObject> pods;
    const QString prefix = objects::name(statefulSet) + QLatin1Char('-');
    for (const ObjectPtr& pod :
         podsControlledBy(m_context, objects::namespaceName(statefulSet), objects::uid(statefulSet))) {
        bool ok = false;
        const int ordinal = pod->name().mid(prefix.size()).toInt(&ok);
        if (pod->name().startsWith(prefix) && ok) {
            pods.insert(ordinal, pod->object);
        }
    }
    return pods;
}

void StatefulSetController::reconcile(const QString& namespaceName, const QString& name) {
    const ObjectPtr stored = m_context->storage()->get(m_statefulSets, namespaceName, name);
    if (!stored || objects::isDeleting(stored->object)) {
        return;
    }
    const QJsonObject& statefulSet = stored->object;
    const QJsonObject spec = statefulSet.value(QLatin1String("spec")).toObject();
    const int replicas = spec.value(QLatin1String("replicas")).toInt(1);
    const bool ordered =
        spec.value(QLatin1String("podManagementPolicy")).toString() != QLatin1String("Parallel");
    const QJsonObject strategy = spec.value(QLatin1String("updateStrategy")).toObject();
    const bool rolling = strategy.value(QLatin1String("type")).toString() != QLatin1String("OnDelete");
    const int partition = objects::objectAt(strategy, QStringLiteral("rollingUpdate"))
                              .value(QLatin1String("partition"))
                              .toInt();

    const QString updateRevision = ensureRevision(statefulSet);
    if (updateRevision.isEmpty()) {
        enqueueAfter(namespaceName, name, 2000);
        return;
    }
    QString currentRevision = statefulSet.value(QLatin1String("status"))
                                  .toObject()
                                  .value(QLatin1String("currentRevision"))
                                  .toString();
    if (currentRevision.isEmpty()) {
        currentRevision = updateRevision;
    }

    const QMap<int, QJsonObject> pods = podsByOrdinal(statefulSet);
    bool allReady = true;
    // Bring up the missing ordinals (in order, one at a time, unless Parallel).
    for (int ordinal = 0; ordinal < replicas; ++ordinal) {
        const auto found = pods.constFind(ordinal);
        if (found == pods.cend()) {
            createPod(statefulSet, ordinal, ordinal < partition ? currentRevision : updateRevision);
            allReady = false;
            if (ordered) {
                break;
            }
            continue;
        }
        const QJsonObject& pod = *found;
        if (objects::isPodTerminal(pod) && !objects::isDeleting(pod)) {
            deletePodOf(statefulSet, pod); // a failed pod is replaced
        }
        if (!objects::isPodActive(pod) || !objects::isPodReady(pod)) {
            allReady = false;
            if (ordered) {
                break;
            }
        }
    }
    // Scale down from the highest ordinal.
    for (auto it = pods.constEnd(); it != pods.constBegin();) {
        --it;
        if (it.key() < replicas) {
            break;
        }
        if (!objects::isDeleting(it.value())) {
            if (ordered && !allReady) {
                break;
            }
            deletePodOf(statefulSet, it.value());
        }
        if (ordered) {
            break;
        }
    }
    // Roll the pods below the update revision, highest ordinal first, one at a time.
    if (rolling && allReady && int(pods.size()) >= replicas) {
        for (int ordinal = replicas - 1; ordinal >= partition; --ordinal) {
            const QJsonObject pod = pods.value(ordinal);
            if (objects::labels(pod).value(kRevisionLabel).toString() != updateRevision) {
                if (!objects::isDeleting(pod)) {
                    deletePodOf(statefulSet, pod);
                }
                break;
            }
        }
    }
    updateStatus(statefulSet, currentRevision, updateRevision);
}

QString StatefulSetController::ensureRevision(const QJsonObject& statefulSet) {
    const QJsonObject spec = statefulSet.value(QLatin1String("spec")).toObject();
    const QJsonObject podTemplate = spec.value(QLatin1String("template")).toObject();
    const int collisionCount =
        statefulSet.value(QLatin1String("status")).toObject().value(QLatin1String("collisionCount")).toInt();
    const QString hash = objects::templateHash(podTemplate, collisionCount);
    const QString name = objects::name(statefulSet) + QLatin1Char('-') + hash;
    const QString namespaceName = objects::namespaceName(statefulSet);
    if (m_context->storage()->get(m_revisions, namespaceName, name)) {
        return name;
    }
    qint64 maxRevision = 0;
    for (const ObjectPtr& revision : m_context->storage()->list(m_revisions, namespaceName)) {
        if (objects::isControlledBy(revision->object, objects::uid(statefulSet))) {
            maxRevision =
                std::max(maxRevision, revision->object.value(QLatin1String("revision")).toInteger());
        }
    }
    QJsonObject replaceTemplate = podTemplate;
    replaceTemplate.insert(QStringLiteral("$patch"), QStringLiteral("replace"));
    QJsonObject labels = objects::objectAt(podTemplate, QStringLiteral("metadata.labels"));
    labels.insert(QStringLiteral("controller.kubernetes.io/hash"), hash);
    const QJsonObject revision{
        {QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
        {QStringLiteral("kind"), QStringLiteral("ControllerRevision")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name},
                     {QStringLiteral("namespace"), namespaceName},
                     {QStringLiteral("labels"), labels},
                     {QStringLiteral("ownerReferences"),
                      QJsonArray{objects::controllerReference(statefulSet, m_statefulSets)}}}},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("spec"), QJsonObject{{QStringLiteral("template"), replaceTemplate}}}}},
        {QStringLiteral("revision"), maxRevision + 1},
    };
    const WriteResult result = m_context->storage()->create(
        m_revisions, namespaceName, revision,
        ControllerContext::writeOptions(QStringLiteral("kube-controller-manager")));
    return result.ok() ? name : QString();
}

QJsonObject StatefulSetController::templateOfRevision(const QJsonObject& statefulSet,
                                                      const QString& revision) const {
    const ObjectPtr stored =
        m_context->storage()->get(m_revisions, objects::namespaceName(statefulSet), revision);
    if (!stored) {
        return objects::objectAt(statefulSet, QStringLiteral("spec.template"));
    }
    QJsonObject podTemplate = objects::objectAt(stored->object, QStringLiteral("data.spec.template"));
    podTemplate.remove(QStringLiteral("$patch"));
    return podTemplate;
}

void StatefulSetController::updateStatus(const QJsonObject& statefulSet, const QString& currentRevision,
                                         const QString& updateRevision) {
    const int desired =
        statefulSet.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(1);
    const int minReadySeconds =
        statefulSet.value(QLatin1String("spec")).toObject().value(QLatin1String("minReadySeconds")).toInt();
    int replicas = 0;
    int ready = 0;
    int available = 0;
    int current = 0;
    int updated = 0;
    for (const QJsonObject& pod : podsByOrdinal(statefulSet)) {
        if (objects::isDeleting(pod)) {
            continue;
        }
        ++replicas;
        ready += objects::isPodReady(pod) ? 1 : 0;
        available += objects::isPodAvailable(pod, minReadySeconds, m_context->now()) ? 1 : 0;
        const QString revision = objects::labels(pod).value(kRevisionLabel).toString();
        current += revision == currentRevision ? 1 : 0;
        updated += revision == updateRevision ? 1 : 0;
    }
    QString newCurrent = currentRevision;
    if (updated == desired && replicas == desired && ready == desired) {
        // The rollout is complete: the update revision becomes the current one.
        newCurrent = updateRevision;
        current = updated;
    }
    const QJsonObject oldStatus = statefulSet.value(QLatin1String("status")).toObject();
    QJsonObject status = oldStatus;
    status.insert(QStringLiteral("observedGeneration"), objects::generation(statefulSet));
    status.insert(QStringLiteral("replicas"), replicas);
    objects::insertCount(status, QStringLiteral("readyReplicas"), ready);
    status.insert(QStringLiteral("availableReplicas"), available);
    objects::insertCount(status, QStringLiteral("currentReplicas"), current);
    objects::insertCount(status, QStringLiteral("updatedReplicas"), updated);
    status.insert(QStringLiteral("currentRevision"), newCurrent);
    status.insert(QStringLiteral("updateRevision"), updateRevision);
    status.insert(QStringLiteral("collisionCount"), oldStatus.value(QLatin1String("collisionCount")).toInt());
    if (status == oldStatus) {
        return;
    }
    QJsonObject updatedSet = statefulSet;
    updatedSet.insert(QStringLiteral("status"), status);
    m_context->storage()->update(
        m_statefulSets, objects::namespaceName(statefulSet), objects::name(statefulSet), updatedSet,
        ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"), QStringLiteral("status")));
}

} // namespace binnacle::sim
