#include "replicasetcontroller.h"

#include "controllerutil.h"
#include "eventrecorder.h"
#include "labelselector.h"
#include "podtemplate.h"

#include <algorithm>

namespace binnacle::sim {

namespace {

const EventRecorder::Source kSource{QStringLiteral("replicaset-controller"), QString()};
// Like the controller's burst replicas: a big scale-up happens over several rounds.
constexpr int kBurstReplicas = 500;

int phaseRank(const QJsonObject& pod) {
    const QString phase = objects::podPhase(pod);
    if (phase == QLatin1String("Pending") || phase.isEmpty()) {
        return 0;
    }
    return phase == QLatin1String("Running") ? 2 : 1;
}

// controller.ActivePods ordering: the pods to delete first sort first.
bool deleteBefore(const ObjectPtr& left, const ObjectPtr& right) {
    const QJsonObject& a = left->object;
    const QJsonObject& b = right->object;
    const bool aAssigned =
        !a.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString().isEmpty();
    const bool bAssigned =
        !b.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString().isEmpty();
    if (aAssigned != bAssigned) {
        return !aAssigned;
    }
    if (phaseRank(a) != phaseRank(b)) {
        return phaseRank(a) < phaseRank(b);
    }
    if (objects::isPodReady(a) != objects::isPodReady(b)) {
        return !objects::isPodReady(a);
    }
    if (objects::podRestarts(a) != objects::podRestarts(b)) {
        return objects::podRestarts(a) > objects::podRestarts(b);
    }
    const QString aCreated = objects::metadata(a).value(QLatin1String("creationTimestamp")).toString();
    const QString bCreated = objects::metadata(b).value(QLatin1String("creationTimestamp")).toString();
    if (aCreated != bCreated) {
        return aCreated > bCreated;
    }
    return left->name() > right->name();
}

} // namespace

ReplicaSetController::ReplicaSetController(ControllerContext* context, QObject* parent)
    : Controller(context, parent)
    , m_replicaSets(context->type(QStringLiteral("apps"), QStringLiteral("replicasets")))
    , m_pods(context->type(QString(), QStringLiteral("pods"))) {
    setResyncInterval(30000);
}

void ReplicaSetController::observe(const WatchEvent& event) {
    if (event.typeKey == m_replicaSets.key()) {
        enqueue(event.namespaceName, event.object->name());
    } else if (event.typeKey == m_pods.key()) {
        enqueueOwner(event.object->object, QStringLiteral("ReplicaSet"));
        if (event.previous) {
            enqueueOwner(event.previous->object, QStringLiteral("ReplicaSet"));
        }
    }
}

void ReplicaSetController::resync() {
    enqueueAll(m_replicaSets);
}

void ReplicaSetController::reconcile(const QString& namespaceName, const QString& name) {
    const ObjectPtr stored = m_context->storage()->get(m_replicaSets, namespaceName, name);
    if (!stored) {
        return;
    }
    const QJsonObject& replicaSet = stored->object;
    const QList<ObjectPtr> pods = podsControlledBy(m_context, namespaceName, objects::uid(replicaSet));
    QList<ObjectPtr> active;
    for (const ObjectPtr& pod : pods) {
        if (objects::isPodActive(pod->object)) {
            active.append(pod);
        }
    }
    const QJsonObject spec = replicaSet.value(QLatin1String("spec")).toObject();
    const int desired = spec.value(QLatin1String("replicas")).toInt(1);
    // A ReplicaSet being deleted no longer manages its pods: the garbage collector takes them.
    if (!objects::isDeleting(replicaSet) && active.size() != desired) {
        manageReplicas(replicaSet, active, desired);
    }
    updateStatus(replicaSet, podsControlledBy(m_context, namespaceName, objects::uid(replicaSet)));
}

void ReplicaSetController::manageReplicas(const QJsonObject& replicaSet, QList<ObjectPtr> activePods,
                                          int desired) {
    const QJsonObject spec = replicaSet.value(QLatin1String("spec")).toObject();
    const int difference = int(activePods.size()) - desired;
    if (difference < 0) {
        PodRequest request;
        request.podTemplate = spec.value(QLatin1String("template")).toObject();
        request.owner = replicaSet;
        request.ownerType = &m_replicaSets;
        request.generateName = objects::name(replicaSet) + QLatin1Char('-');
        const int toCreate = std::min(-difference, kBurstReplicas);
        for (int i = 0; i < toCreate; ++i) {
            QString error;
            const ObjectPtr pod = createPod(m_context, request, &error);
            if (!pod) {
                m_context->events().warning(replicaSet, QStringLiteral("FailedCreate"),
                                            QStringLiteral("Error creating: %1").arg(error), kSource);
                enqueueAfter(objects::namespaceName(replicaSet), objects::name(replicaSet), 5000);
                return;
            }
            m_context->events().normal(replicaSet, QStringLiteral("SuccessfulCreate"),
                                       QStringLiteral("Created pod: %1").arg(pod->name()), kSource);
        }
        if (toCreate < -difference) {
            enqueue(objects::namespaceName(replicaSet), objects::name(replicaSet));
        }
        return;
    }
    std::sort(activePods.begin(), activePods.end(), deleteBefore);
    for (int i = 0; i < difference; ++i) {
        const QJsonObject& pod = activePods.at(i)->object;
        if (deletePod(m_context, pod)) {
            m_context->events().normal(replicaSet, QStringLiteral("SuccessfulDelete"),
                                       QStringLiteral("Deleted pod: %1").arg(objects::name(pod)), kSource);
        }
    }
}

void ReplicaSetController::updateStatus(const QJsonObject& replicaSet, const QList<ObjectPtr>& pods) {
    const QJsonObject spec = replicaSet.value(QLatin1String("spec")).toObject();
    const int minReadySeconds = spec.value(QLatin1String("minReadySeconds")).toInt();
    const LabelSelector templateLabels =
        LabelSelector::fromMatchLabels(objects::objectAt(spec, QStringLiteral("template.metadata.labels")));
    const QDateTime now = m_context->now();
    int replicas = 0;
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    bool waitingForAvailability = false;
    for (const ObjectPtr& pod : pods) {
        if (!objects::isPodActive(pod->object)) {
            continue;
        }
        ++replicas;
        fullyLabeled += templateLabels.matches(objects::labels(pod->object)) ? 1 : 0;
        if (objects::isPodReady(pod->object)) {
            ++ready;
            if (objects::isPodAvailable(pod->object, minReadySeconds, now)) {
                ++available;
            } else {
                waitingForAvailability = true;
            }
        }
    }
    const QJsonObject oldStatus = replicaSet.value(QLatin1String("status")).toObject();
    QJsonObject status = oldStatus;
    status.insert(QStringLiteral("replicas"), replicas);
    objects::insertCount(status, QStringLiteral("fullyLabeledReplicas"), fullyLabeled);
    objects::insertCount(status, QStringLiteral("readyReplicas"), ready);
    objects::insertCount(status, QStringLiteral("availableReplicas"), available);
    status.insert(QStringLiteral("observedGeneration"), objects::generation(replicaSet));
    if (status != oldStatus) {
        QJsonObject updated = replicaSet;
        updated.insert(QStringLiteral("status"), status);
        m_context->storage()->update(
            m_replicaSets, objects::namespaceName(replicaSet), objects::name(replicaSet), updated,
            ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"),
                                            QStringLiteral("status")));
    }
    if (waitingForAvailability) {
        enqueueAfter(objects::namespaceName(replicaSet), objects::name(replicaSet), minReadySeconds * 1000);
    }
}

} // namespace binnacle::sim
