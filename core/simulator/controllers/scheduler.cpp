#include "scheduler.h"

#include "controllerutil.h"
#include "eventrecorder.h"
#include "nodeutil.h"

namespace binnacle::sim {

namespace {

const EventRecorder::Source kSource{QStringLiteral("default-scheduler"), QString()};

bool needsScheduling(const QJsonObject& pod) {
    const QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    const QString scheduler = spec.value(QLatin1String("schedulerName")).toString();
    return spec.value(QLatin1String("nodeName")).toString().isEmpty() && !objects::isDeleting(pod) &&
           !objects::isPodTerminal(pod) &&
           (scheduler.isEmpty() || scheduler == QLatin1String("default-scheduler"));
}

} // namespace

Scheduler::Scheduler(ControllerContext* context, QObject* parent)
    : Controller(context, parent)
    , m_pods(context->type(QString(), QStringLiteral("pods")))
    , m_nodes(context->type(QString(), QStringLiteral("nodes"))) {
    setResyncInterval(10000);
}

void Scheduler::observe(const WatchEvent& event) {
    if (event.typeKey == m_pods.key()) {
        if (event.type != WatchEvent::Type::Deleted && needsScheduling(event.object->object)) {
            enqueue(event.namespaceName, event.object->name());
        }
    } else if (event.typeKey == m_nodes.key() && !m_waiting.isEmpty()) {
        // A node came, changed or went: the pods that fitted nowhere may fit now.
        for (const QString& key : std::as_const(m_waiting)) {
            const qsizetype slash = key.indexOf(QLatin1Char('/'));
            enqueue(key.left(slash), key.mid(slash + 1));
        }
    }
}

void Scheduler::resync() {
    for (const ObjectPtr& pod : m_context->storage()->list(m_pods)) {
        if (needsScheduling(pod->object)) {
            enqueue(pod->namespaceName(), pod->name());
        }
    }
}

void Scheduler::reconcile(const QString& namespaceName, const QString& name) {
    const QString key = namespaceName + QLatin1Char('/') + name;
    const ObjectPtr stored = m_context->storage()->get(m_pods, namespaceName, name);
    if (!stored || !needsScheduling(stored->object)) {
        m_waiting.remove(key);
        return;
    }
    const QJsonObject spec = stored->object.value(QLatin1String("spec")).toObject();
    const QList<ObjectPtr> allNodes = m_context->storage()->list(m_nodes);
    QList<ObjectPtr> candidates;
    for (const ObjectPtr& node : allNodes) {
        if (nodes::fits(spec, node->object)) {
            candidates.append(node);
        }
    }
    if (candidates.isEmpty()) {
        m_waiting.insert(key);
        markUnschedulable(stored->object, int(allNodes.size()));
        return;
    }
    m_waiting.remove(key);
    const ObjectPtr node = candidates.at(qsizetype(m_nextNode++ % quint64(candidates.size())));

    // The binding: spec.nodeName, then the PodScheduled condition.
    QJsonObject pod = objects::setObjectAt(stored->object, QStringLiteral("spec.nodeName"), node->name());
    const WriteResult bound = m_context->storage()->update(
        m_pods, namespaceName, name, pod, ControllerContext::writeOptions(QStringLiteral("kube-scheduler")));
    if (!bound.ok()) {
        enqueueAfter(namespaceName, name, 1000);
        return;
    }
    pod = bound.object->object;
    QJsonObject status = pod.value(QLatin1String("status")).toObject();
    QJsonArray conditions = status.value(QLatin1String("conditions")).toArray();
    objects::setCondition(conditions,
                          QJsonObject{
                              {QStringLiteral("type"), QStringLiteral("PodScheduled")},
                              {QStringLiteral("status"), QStringLiteral("True")},
                              {QStringLiteral("lastProbeTime"), QJsonValue::Null},
                              {QStringLiteral("lastTransitionTime"), objects::timestamp(m_context->now())},
                          });
    status.insert(QStringLiteral("conditions"), conditions);
    if (!status.contains(QLatin1String("phase"))) {
        status.insert(QStringLiteral("phase"), QStringLiteral("Pending"));
    }
    pod.insert(QStringLiteral("status"), status);
    m_context->storage()->update(
        m_pods, namespaceName, name, pod,
        ControllerContext::writeOptions(QStringLiteral("kube-scheduler"), QStringLiteral("status")));
    m_context->events().normal(
        stored->object, QStringLiteral("Scheduled"),
        QStringLiteral("Successfully assigned %1/%2 to %3").arg(namespaceName, name, node->name()), kSource);
}

void Scheduler::markUnschedulable(const QJsonObject& pod, int nodeCount) {
    const QString message =
        nodeCount == 0 ? QStringLiteral("no nodes available to schedule pods")
                       : QStringLiteral("0/%1 nodes are available: %1 node(s) didn't match Pod's node "
                                        "affinity/selector or had untolerated taints. preemption: 0/%1 nodes "
                                        "are available: %1 Preemption is not helpful for scheduling.")
                             .arg(nodeCount);
    QJsonObject status = pod.value(QLatin1String("status")).toObject();
    QJsonArray conditions = status.value(QLatin1String("conditions")).toArray();
    const bool changed = objects::setCondition(
        conditions, QJsonObject{
                        {QStringLiteral("type"), QStringLiteral("PodScheduled")},
                        {QStringLiteral("status"), QStringLiteral("False")},
                        {QStringLiteral("reason"), QStringLiteral("Unschedulable")},
                        {QStringLiteral("message"), message},
                        {QStringLiteral("lastProbeTime"), QJsonValue::Null},
                        {QStringLiteral("lastTransitionTime"), objects::timestamp(m_context->now())},
                    });
    if (!changed) {
        return;
    }
    status.insert(QStringLiteral("conditions"), conditions);
    status.insert(QStringLiteral("phase"), QStringLiteral("Pending"));
    QJsonObject updated = pod;
    updated.insert(QStringLiteral("status"), status);
    m_context->storage()->update(
        m_pods, objects::namespaceName(pod), objects::name(pod), updated,
        ControllerContext::writeOptions(QStringLiteral("kube-scheduler"), QStringLiteral("status")));
    m_context->events().warning(pod, QStringLiteral("FailedScheduling"), message, kSource);
}

} // namespace binnacle::sim
