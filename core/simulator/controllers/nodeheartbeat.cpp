#include "nodeheartbeat.h"

#include "controllerutil.h"

namespace binnacle::sim {

namespace {

const QString kLeaseNamespace = QStringLiteral("kube-node-lease");

QJsonObject nodeCondition(const char* type, bool status, const char* reason, const char* message,
                          const QString& now) {
    return QJsonObject{
        {QStringLiteral("type"), QLatin1String(type)},
        {QStringLiteral("status"), status ? QStringLiteral("True") : QStringLiteral("False")},
        {QStringLiteral("lastHeartbeatTime"), now},
        {QStringLiteral("lastTransitionTime"), now},
        {QStringLiteral("reason"), QLatin1String(reason)},
        {QStringLiteral("message"), QLatin1String(message)},
    };
}

} // namespace

NodeHeartbeat::NodeHeartbeat(ControllerContext* context, QObject* parent)
    : QObject(parent)
    , m_context(context) {
    connect(&m_leaseTimer, &QTimer::timeout, this, &NodeHeartbeat::renewLeases);
    connect(&m_statusTimer, &QTimer::timeout, this, &NodeHeartbeat::reportStatus);
}

void NodeHeartbeat::start() {
    m_leaseTimer.start(m_context->scaled(10000));
    m_statusTimer.start(m_context->scaled(60000));
    // Report once right away (but not from inside whatever called start()).
    QTimer::singleShot(0, this, [this] {
        reportStatus();
        renewLeases();
    });
}

void NodeHeartbeat::stop() {
    m_leaseTimer.stop();
    m_statusTimer.stop();
}

void NodeHeartbeat::renewLeases() {
    ResourceStorage* storage = m_context->storage();
    if (!storage->get(m_context->type(QString(), QStringLiteral("namespaces")), QString(), kLeaseNamespace)) {
        return;
    }
    const ResourceType& leases =
        m_context->type(QStringLiteral("coordination.k8s.io"), QStringLiteral("leases"));
    const ResourceType& nodes = m_context->type(QString(), QStringLiteral("nodes"));
    const QString renewTime = objects::microTimestamp(m_context->now());
    const WriteOptions options = ControllerContext::writeOptions(QStringLiteral("kubelet"));
    for (const ObjectPtr& node : storage->list(nodes)) {
        const ObjectPtr existing = storage->get(leases, kLeaseNamespace, node->name());
        if (existing) {
            QJsonObject lease = existing->object;
            lease = objects::setObjectAt(lease, QStringLiteral("spec.renewTime"), renewTime);
            storage->update(leases, kLeaseNamespace, node->name(), lease, options);
            continue;
        }
        QJsonObject owner = objects::controllerReference(node->object, nodes);
        owner.remove(QStringLiteral("controller"));
        owner.remove(QStringLiteral("blockOwnerDeletion"));
        const QJsonObject lease{
            {QStringLiteral("apiVersion"), QStringLiteral("coordination.k8s.io/v1")},
            {QStringLiteral("kind"), QStringLiteral("Lease")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), node->name()},
                                                     {QStringLiteral("namespace"), kLeaseNamespace},
                                                     {QStringLiteral("ownerReferences"), QJsonArray{owner}}}},
            {QStringLiteral("spec"), QJsonObject{{QStringLiteral("holderIdentity"), node->name()},
                                                 {QStringLiteral("leaseDurationSeconds"), 40},
                                                 {QStringLiteral("renewTime"), renewTime}}},
        };
        storage->create(leases, kLeaseNamespace, lease, options);
    }
}

void NodeHeartbeat::reportStatus() {
    ResourceStorage* storage = m_context->storage();
    const ResourceType& nodes = m_context->type(QString(), QStringLiteral("nodes"));
    const QString now = objects::timestamp(m_context->now());
    for (const ObjectPtr& node : storage->list(nodes)) {
        QJsonObject status = node->object.value(QLatin1String("status")).toObject();
        QJsonArray conditions = status.value(QLatin1String("conditions")).toArray();
        if (conditions.isEmpty()) {
            conditions = QJsonArray{
                nodeCondition("MemoryPressure", false, "KubeletHasSufficientMemory",
                              "kubelet has sufficient memory available", now),
                nodeCondition("DiskPressure", false, "KubeletHasNoDiskPressure",
                              "kubelet has no disk pressure", now),
                nodeCondition("PIDPressure", false, "KubeletHasSufficientPID",
                              "kubelet has sufficient PID available", now),
                nodeCondition("Ready", true, "KubeletReady", "kubelet is posting ready status", now),
            };
        } else {
            for (qsizetype i = 0; i < conditions.size(); ++i) {
                QJsonObject condition = conditions.at(i).toObject();
                condition.insert(QStringLiteral("lastHeartbeatTime"), now);
                conditions.replace(i, condition);
            }
        }
        status.insert(QStringLiteral("conditions"), conditions);
        QJsonObject updated = node->object;
        updated.insert(QStringLiteral("status"), status);
        storage->update(nodes, QString(), node->name(), updated,
                        ControllerContext::writeOptions(QStringLiteral("kubelet"), QStringLiteral("status")));
    }
}

} // namespace binnacle::sim
