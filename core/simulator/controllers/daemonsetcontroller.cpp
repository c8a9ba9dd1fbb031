#include "daemonsetcontroller.h"

#include "controllerutil.h"
#include "eventrecorder.h"
#include "nodeutil.h"
#include "podtemplate.h"

#include <QMap>

namespace binnacle::sim {

namespace {

const EventRecorder::Source kSource{QStringLiteral("daemonset-controller"), QString()};
const QString kRevisionLabel = QStringLiteral("controller-revision-hash");

// The tolerations the DaemonSet controller adds to its pods.
QJsonArray withDaemonTolerations(QJsonArray tolerations) {
    const QList<std::pair<const char*, const char*>> defaults{
        {"node.kubernetes.io/not-ready", "NoExecute"},
        {"node.kubernetes.io/unreachable", "NoExecute"},
        {"node.kubernetes.io/disk-pressure", "NoSchedule"},
        {"node.kubernetes.io/memory-pressure", "NoSchedule"},
        {"node.kubernetes.io/pid-pressure", "NoSchedule"},
        {"node.kubernetes.io/unschedulable", "NoSchedule"},
    };
    for (const auto& [key, effect] : defaults) {
        tolerations.append(QJsonObject{{QStringLiteral("key"), QLatin1String(key)},
                                       {QStringLiteral("operator"), QStringLiteral("Exists")},
                                       {QStringLiteral("effect"), QLatin1String(effect)}});
    }
    return tolerations;
}

QString nodeOfPod(const QJsonObject& pod) {
    const QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    const QString nodeName = spec.value(QLatin1String("nodeName")).toString();
    if (!nodeName.isEmpty()) {
        return nodeName;
    }
    const QJsonArray terms =
        objects::objectAt(spec, QStringLiteral("affinity.nodeAffinity."
                                               "requiredDuringSchedulingIgnoredDuringExecution"))
            .value(QLatin1String("nodeSelectorTerms"))
            .toArray();
    for (const QJsonValue& term : terms) {
        for (const QJsonValue& field : term.toObject().value(QLatin1String("matchFields")).toArray()) {
            if (field.toObject().value(QLatin1String("key")).toString() == QLatin1String("metadata.name")) {
                return field.toObject().value(QLatin1String("values")).toArray().at(0).toString();
            }
        }
    }
    return QString();
}

} // namespace

DaemonSetController::DaemonSetController(ControllerContext* context, QObject* parent)
    : Controller(context, parent)
    , m_daemonSets(context->type(QStringLiteral("apps"), QStringLiteral("daemonsets")))
    , m_pods(context->type(QString(), QStringLiteral("pods")))
    , m_nodes(context->type(QString(), QStringLiteral("nodes"))) {
    setResyncInterval(30000);
}

void DaemonSetController::observe(const WatchEvent& event) {
    if (event.typeKey == m_daemonSets.key()) {
        enqueue(event.namespaceName, event.object->name());
    } else if (event.typeKey == m_pods.key()) {
        enqueueOwner(event.object->object, QStringLiteral("DaemonSet"));
    } else if (event.typeKey == m_nodes.key()) {
        const QJsonObject& node = event.object->object;
        const QJsonObject previous = event.previous ? event.previous->object : QJsonObject();
        // Heartbeats change nothing a DaemonSet cares about; labels, taints and readiness do.
        if (event.type != WatchEvent::Type::Modified || objects::labels(node) != objects::labels(previous) ||
            node.value(QLatin1String("spec")) != previous.value(QLatin1String("spec")) ||
            nodes::isReady(node) != nodes::isReady(previous)) {
            enqueueAll(m_daemonSets);
        }
    }
}

void DaemonSetController::resync() {
    enqueueAll(m_daemonSets);
}

void DaemonSetController::reconcile(const QString& namespaceName, const QString& name) {
    const ObjectPtr stored = m_context->storage()->get(m_daemonSets, namespaceName, name);
    if (!stored || objects::isDeleting(stored->object)) {
        return;
    }
    const QJsonObject& daemonSet = stored->object;
    const QJsonObject spec = daemonSet.value(QLatin1String("spec")).toObject();
    const QJsonObject podTemplate = spec.value(QLatin1String("template")).toObject();
    const QString hash = objects::templateHash(podTemplate);
    QJsonObject podSpec = podTemplate.value(QLatin1String("spec")).toObject();
    podSpec.insert(QStringLiteral("tolerations"),
                   withDaemonTolerations(podSpec.value(QLatin1String("tolerations")).toArray()));

    QStringList eligible;
    for (const ObjectPtr& node : m_context->storage()->list(m_nodes)) {
        if (nodes::toleratesTaints(podSpec, node->object) &&
            nodes::matchesNodeSelection(podSpec, node->object)) {
            eligible.append(node->name());
        }
    }
    QMap<QString, QList<QJsonObject>> podsByNode;
    for (const ObjectPtr& pod : podsControlledBy(m_context, namespaceName, objects::uid(daemonSet))) {
        if (objects::isPodTerminal(pod->object) && !objects::isDeleting(pod->object)) {
            deletePodOf(daemonSet, pod->object); // a failed daemon pod is replaced
            continue;
        }
        podsByNode[nodeOfPod(pod->object)].append(pod->object);
    }

    int desired = 0, current = 0, ready = 0, available = 0, updated = 0, misscheduled = 0;
    int unavailable = 0;
    QList<QJsonObject> outdated;
    for (auto it = podsByNode.cbegin(); it != podsByNode.cend(); ++it) {
        if (!eligible.contains(it.key())) {
            misscheduled += int(it->size());
            for (const QJsonObject& pod : *it) {
                if (!objects::isDeleting(pod)) {
                    deletePodOf(daemonSet, pod);
                }
            }
        }
    }
    const int minReadySeconds = spec.value(QLatin1String("minReadySeconds")).toInt();
    for (const QString& nodeName : eligible) {
        ++desired;
        const QList<QJsonObject> pods = podsByNode.value(nodeName);
        QList<QJsonObject> active;
        for (const QJsonObject& pod : pods) {
            if (!objects::isDeleting(pod)) {
                active.append(pod);
            }
        }
        if (pods.isEmpty()) {
            createPodOn(daemonSet, nodeName, hash);
            ++unavailable;
            continue;
        }
        ++current;
        for (qsizetype i = 1; i < active.size(); ++i) {
            deletePodOf(daemonSet, active.at(i)); // one daemon pod per node
        }
        const QJsonObject pod = active.isEmpty() ? pods.first() : active.first();
        const bool podReady = objects::isPodReady(pod);
        const bool podAvailable = objects::isPodAvailable(pod, minReadySeconds, m_context->now());
        ready += podReady ? 1 : 0;
        available += podAvailable ? 1 : 0;
        unavailable += podAvailable ? 0 : 1;
        if (objects::labels(pod).value(kRevisionLabel).toString() == hash) {
            ++updated;
        } else if (!objects::isDeleting(pod)) {
            outdated.append(pod);
        }
    }
    // RollingUpdate: replace outdated pods while no more than maxUnavailable nodes lack an available pod.
    const QJsonObject strategy = spec.value(QLatin1String("updateStrategy")).toObject();
    if (strategy.value(QLatin1String("type")).toString() != QLatin1String("OnDelete")) {
        const int maxUnavailable = std::max(
            1, objects::resolveIntOrPercent(objects::objectAt(strategy, QStringLiteral("rollingUpdate"))
                                                .value(QLatin1String("maxUnavailable")),
                                            desired, false, 1));
        std::stable_sort(outdated.begin(), outdated.end(), [](const QJsonObject& a, const QJsonObject& b) {
            return !objects::isPodReady(a) && objects::isPodReady(b);
        });
        for (const QJsonObject& pod : outdated) {
            const bool podAvailable = objects::isPodAvailable(pod, minReadySeconds, m_context->now());
            if (podAvailable && unavailable >= maxUnavailable) {
                break;
            }
            deletePodOf(daemonSet, pod);
            unavailable += podAvailable ? 1 : 0;
        }
    }

    const QJsonObject oldStatus = daemonSet.value(QLatin1String("status")).toObject();
    QJsonObject status = oldStatus;
    status.insert(QStringLiteral("desiredNumberScheduled"), desired);
    status.insert(QStringLiteral("currentNumberScheduled"), current);
    status.insert(QStringLiteral("numberMisscheduled"), misscheduled);
    status.insert(QStringLiteral("numberReady"), ready);
    objects::insertCount(status, QStringLiteral("numberAvailable"), available);
    objects::insertCount(status, QStringLiteral("numberUnavailable"), desired - available);
    objects::insertCount(status, QStringLiteral("updatedNumberScheduled"), updated);
    status.insert(QStringLiteral("observedGeneration"), objects::generation(daemonSet));
    if (status != oldStatus) {
        QJsonObject updatedSet = daemonSet;
        updatedSet.insert(QStringLiteral("status"), status);
        m_context->storage()->update(
            m_daemonSets, namespaceName, name, updatedSet,
            ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"),
                                            QStringLiteral("status")));
    }
}

void DaemonSetController::createPodOn(const QJsonObject& daemonSet, const QString& nodeName,
                                      const QString& hash) {
    PodRequest request;
    request.podTemplate = objects::objectAt(daemonSet, QStringLiteral("spec.template"));
    request.owner = daemonSet;
    request.ownerType = &m_daemonSets;
    request.generateName = objects::name(daemonSet) + QLatin1Char('-');
    request.extraLabels = QJsonObject{
        {kRevisionLabel, hash},
        {QStringLiteral("pod-template-generation"), QString::number(objects::generation(daemonSet))},
    };
    const QJsonObject podSpec = request.podTemplate.value(QLatin1String("spec")).toObject();
    request.specOverrides.insert(
        QStringLiteral("tolerations"),
        withDaemonTolerations(podSpec.value(QLatin1String("tolerations")).toArray()));
    QJsonObject affinity = podSpec.value(QLatin1String("affinity")).toObject();
    QJsonObject nodeAffinity = affinity.value(QLatin1String("nodeAffinity")).toObject();
    nodeAffinity.insert(
        QStringLiteral("requiredDuringSchedulingIgnoredDuringExecution"),
        QJsonObject{{QStringLiteral("nodeSelectorTerms"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("matchFields"),
                          QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("metadata.name")},
                                                 {QStringLiteral("operator"), QStringLiteral("In")},
                                                 {QStringLiteral("values"), QJsonArray{nodeName}}}}}}}}});
    affinity.insert(QStringLiteral("nodeAffinity"), nodeAffinity);
    request.specOverrides.insert(QStringLiteral("affinity"), affinity);
    QString error;
    const ObjectPtr pod = createPod(m_context, request, &error);
    if (pod) {
        m_context->events().normal(daemonSet, QStringLiteral("SuccessfulCreate"),
                                   QStringLiteral("Created pod: %1").arg(pod->name()), kSource);
    } else {
        m_context->events().warning(daemonSet, QStringLiteral("FailedCreate"),
                                    QStringLiteral("Error creating: %1").arg(error), kSource);
    }
}

void DaemonSetController::deletePodOf(const QJsonObject& daemonSet, const QJsonObject& pod) {
    if (deletePod(m_context, pod)) {
        m_context->events().normal(daemonSet, QStringLiteral("SuccessfulDelete"),
                                   QStringLiteral("Deleted pod: %1").arg(objects::name(pod)), kSource);
    }
}

} // namespace binnacle::sim
