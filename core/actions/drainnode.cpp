#include "drainnode.h"

#include "cordonnodes.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace binnacle::actions {

DrainNode::DrainNode(dynamic::DynamicClient* client, client::ApiResource nodes, client::ApiResource pods,
                     QString nodeName, Options options, QObject* parent)
    : Action(client, parent)
    , m_nodes(std::move(nodes))
    , m_pods(std::move(pods))
    , m_nodeName(std::move(nodeName))
    , m_options(options) {}

QString DrainNode::skipReason(const QJsonObject& pod) {
    const QJsonObject metadata = pod.value(QLatin1String("metadata")).toObject();
    if (metadata.value(QLatin1String("annotations"))
            .toObject()
            .contains(QLatin1String(mirrorPodAnnotation))) {
        return QStringLiteral("mirror pod (managed by the kubelet)");
    }
    for (const QJsonValue& owner : metadata.value(QLatin1String("ownerReferences")).toArray()) {
        const QJsonObject reference = owner.toObject();
        if (reference.value(QLatin1String("controller")).toBool() &&
            reference.value(QLatin1String("kind")).toString() == QLatin1String("DaemonSet")) {
            return QStringLiteral("DaemonSet-managed (daemonset %1)")
                .arg(reference.value(QLatin1String("name")).toString());
        }
    }
    return QString();
}

QByteArray DrainNode::evictionBody(const ObjectRef& pod, const Options& options) {
    QJsonObject eviction{
        {QStringLiteral("apiVersion"), QStringLiteral("policy/v1")},
        {QStringLiteral("kind"), QStringLiteral("Eviction")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), pod.name}, {QStringLiteral("namespace"), pod.namespaceName}}}};
    QJsonObject deleteOptions;
    if (options.gracePeriodSeconds) {
        deleteOptions.insert(QStringLiteral("gracePeriodSeconds"), qint64(*options.gracePeriodSeconds));
    }
    if (options.dryRun) {
        deleteOptions.insert(QStringLiteral("dryRun"), QJsonArray{QStringLiteral("All")});
    }
    if (!deleteOptions.isEmpty()) {
        eviction.insert(QStringLiteral("deleteOptions"), deleteOptions);
    }
    return QJsonDocument(eviction).toJson(QJsonDocument::Compact);
}

void DrainNode::run() {
    if (!m_nodes.group.isEmpty() || m_nodes.resource != QLatin1String("nodes")) {
        finish(ActionResult::failure(QStringLiteral("drain applies to nodes only")));
        return;
    }
    dynamic::WriteOptions write;
    write.dryRun = m_options.dryRun;
    client()->patch(
        dynamic::ObjectTarget{m_nodes, QString(), m_nodeName, QString()}, dynamic::PatchType::StrategicMerge,
        CordonNodes::patchFor(true), write, guarded([this](const dynamic::ObjectResult& result) {
            if (!result.ok()) {
                finish(ActionResult::failure(
                    QStringLiteral("cordon node %1: %2").arg(m_nodeName, failureMessage(result))));
                return;
            }
            listPods();
        }));
}

void DrainNode::listPods() {
    dynamic::ListOptions options;
    options.fieldSelector = QStringLiteral("spec.nodeName=") + m_nodeName;
    QPointer<DrainNode> self(this);
    client()->list(m_pods, QString(), options, [self](const dynamic::ListPageResult& page) {
        if (!self) {
            return;
        }
        if (!page.ok()) {
            self->finish(ActionResult::failure(
                QStringLiteral("list the pods of node %1: %2").arg(self->m_nodeName, page.error->message())));
            return;
        }
        for (const client::ObjectSummary& pod : page.page.items) {
            self->m_listed.append(pod.toJsonObject());
        }
        if (page.last) {
            self->evict(self->m_listed);
        }
    });
}

void DrainNode::evict(const QList<QJsonObject>& pods) {
    QList<int> toEvict;
    for (const QJsonObject& pod : pods) {
        const QJsonObject metadata = pod.value(QLatin1String("metadata")).toObject();
        ItemResult item;
        item.object = ObjectRef{metadata.value(QLatin1String("namespace")).toString(),
                                metadata.value(QLatin1String("name")).toString()};
        item.message = skipReason(pod);
        if (item.message.isEmpty()) {
            toEvict.append(int(m_items.size()));
        } else {
            item.outcome = ItemOutcome::Skipped;
        }
        m_items.append(item);
    }
    m_pending = int(toEvict.size());
    if (m_pending == 0) {
        finishDrain();
        return;
    }
    dynamic::WriteOptions write;
    write.dryRun = m_options.dryRun;
    for (int index : toEvict) {
        const ObjectRef& pod = m_items.at(index).object;
        client()->postSubresource(
            dynamic::ObjectTarget{m_pods, pod.namespaceName, pod.name, QStringLiteral("eviction")},
            evictionBody(pod, m_options), write,
            guarded([this, index](const dynamic::ObjectResult& result) { evicted(index, result); }));
    }
}

void DrainNode::evicted(int index, const dynamic::ObjectResult& result) {
    ItemResult& item = m_items[index];
    item.httpStatus = httpStatusOf(result);
    if (result.ok()) {
        item.outcome = ItemOutcome::Done;
    } else if (httpStatusOf(result) == 404 || result.reason() == QLatin1String("NotFound")) {
        item.outcome = ItemOutcome::Done; // gone already: what a drain wants
        item.message = QStringLiteral("already gone");
    } else {
        item.outcome = isRefusal(result) ? ItemOutcome::Refused : ItemOutcome::Failed;
        item.message = failureMessage(result);
    }
    if (--m_pending == 0) {
        finishDrain();
    }
}

void DrainNode::finishDrain() {
    int evictedCount = 0;
    int skipped = 0;
    int refused = 0;
    int failed = 0;
    const ItemResult* firstProblem = nullptr;
    for (const ItemResult& item : std::as_const(m_items)) {
        switch (item.outcome) {
        case ItemOutcome::Done:
            ++evictedCount;
            break;
        case ItemOutcome::Skipped:
            ++skipped;
            break;
        case ItemOutcome::Refused:
            ++refused;
            break;
        case ItemOutcome::Failed:
            ++failed;
            break;
        }
        if ((item.outcome == ItemOutcome::Refused || item.outcome == ItemOutcome::Failed) && !firstProblem) {
            firstProblem = &item;
        }
    }
    ActionResult result;
    result.items = m_items;
    result.ok = refused == 0 && failed == 0;
    QStringList parts{QStringLiteral("evicted %1").arg(evictedCount)};
    if (skipped > 0) {
        parts.append(QStringLiteral("skipped %1").arg(skipped));
    }
    if (refused > 0) {
        parts.append(QStringLiteral("refused %1 (retry later)").arg(refused));
    }
    if (failed > 0) {
        parts.append(QStringLiteral("failed %1").arg(failed));
    }
    result.message = QStringLiteral("node %1 cordoned; %2").arg(m_nodeName, parts.join(QLatin1String(", ")));
    if (firstProblem) {
        result.message +=
            QStringLiteral("; %1: %2").arg(firstProblem->object.displayName(), firstProblem->message);
    }
    finish(result);
}

} // namespace binnacle::actions
