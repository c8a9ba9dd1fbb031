#include "bulkpods.h"

#include "seedsteps.h"

#include <QSet>

namespace binnacle::sim {

namespace {
constexpr auto bulkLabel = "sim.binnacle.io/bulk";

QJsonObject condition(const char* type, const QString& time) {
    return QJsonObject{{QStringLiteral("type"), QLatin1String(type)},
                       {QStringLiteral("status"), QStringLiteral("True")},
                       {QStringLiteral("lastProbeTime"), QJsonValue::Null},
                       {QStringLiteral("lastTransitionTime"), time}};
}

QJsonArray withState(QJsonArray statuses, const QJsonObject& state) {
    for (auto it = statuses.begin(); it != statuses.end(); ++it) {
        QJsonObject status = it->toObject();
        status.insert(QStringLiteral("state"), state);
        *it = status;
    }
    return statuses;
}

QJsonObject managedEntry(const QString& manager, const QString& time, const QJsonObject& fields,
                         const QString& subresource = QString()) {
    QJsonObject entry{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                      {QStringLiteral("fieldsType"), QStringLiteral("FieldsV1")},
                      {QStringLiteral("fieldsV1"), fields},
                      {QStringLiteral("manager"), manager},
                      {QStringLiteral("operation"), QStringLiteral("Update")},
                      {QStringLiteral("time"), time}};
    if (!subresource.isEmpty()) {
        entry.insert(QStringLiteral("subresource"), subresource);
    }
    return entry;
}

// 250 addresses per /24 out of 10.128.0.0/9: unique for millions of pods (the nodes' podCIDRs are too small).
QString podIp(int podIndex) {
    const int subnet = podIndex / 250;
    return QStringLiteral("10.%1.%2.%3").arg(128 + subnet / 256).arg(subnet % 256).arg(podIndex % 250 + 2);
}

const QList<seedsteps::NodeInfo>& workers() {
    static const QList<seedsteps::NodeInfo> result = [] {
        QList<seedsteps::NodeInfo> nodes;
        for (const seedsteps::NodeInfo& node : seedsteps::nodes()) {
            if (!node.controlPlane) {
                nodes.append(node);
            }
        }
        return nodes;
    }();
    return result;
}
} // namespace

struct BulkPodSeeder::Group {
    QString replicaSet;
    QJsonObject metadata; // without name, uid and managedFields
    QJsonObject spec;     // without nodeName
    QJsonObject status;   // without IPs and container IDs
    QJsonObject controllerEntry;
    QJsonObject kubeletEntry; // podIPs filled per pod
};

BulkPodSeeder::BulkPodSeeder(SeedContext& context)
    : m_context(context)
    , m_random(context.random("bulk-pods"))
    , m_profiles(makeBulkPodProfiles(m_random))
    , m_typeKey(context.storage()->type(QString(), QStringLiteral("pods")).key()) {}

BulkPodSeeder::~BulkPodSeeder() = default;

BulkPodSeeder::Group BulkPodSeeder::makeGroup(const QString& namespaceName, int groupIndex, int replicas) {
    const BulkPodProfile& profile = m_profiles.at(groupIndex % m_profiles.size());
    const QString deployment = QStringLiteral("%1-%2").arg(profile.name).arg(groupIndex);
    const QString hash = m_random.nameSuffix(10);
    const QString ownerUid = m_random.uuid();
    Group group;
    group.replicaSet = deployment + QLatin1Char('-') + hash;

    QJsonObject labels = profile.labels;
    labels.insert(QStringLiteral("app.kubernetes.io/instance"), deployment);
    labels.insert(QStringLiteral("pod-template-hash"), hash);
    labels.insert(QStringLiteral("track"),
                  m_random.bounded(10) == 0 ? QStringLiteral("canary") : QStringLiteral("stable"));

    // Pods of one group share their age; groups range from minutes to three weeks old.
    const qint64 age = 300 + m_random.bounded(21 * 86400);
    const QString created = m_context.timestamp(age);
    const QString initStarted = m_context.timestamp(age - 3);
    const QString running = m_context.timestamp(age - 9);
    const QString ready = m_context.timestamp(age - 15);

    group.metadata =
        QJsonObject{{QStringLiteral("annotations"), profile.annotations},
                    {QStringLiteral("creationTimestamp"), created},
                    {QStringLiteral("generateName"), group.replicaSet + QLatin1Char('-')},
                    {QStringLiteral("generation"), 1},
                    {QStringLiteral("labels"), labels},
                    {QStringLiteral("namespace"), namespaceName},
                    {QStringLiteral("ownerReferences"),
                     QJsonArray{QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
                                            {QStringLiteral("blockOwnerDeletion"), true},
                                            {QStringLiteral("controller"), true},
                                            {QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
                                            {QStringLiteral("name"), group.replicaSet},
                                            {QStringLiteral("uid"), ownerUid}}}}};
    group.spec = profile.spec;
    group.spec.insert(QStringLiteral("volumes"), bulkPodVolumes(deployment, profile.accessVolume));

    // The owner exists, as on a real cluster: a ReplicaSet that already has its pods, so that the
    // garbage collector and the ReplicaSet controller find nothing to do.
    const QJsonObject replicaSet{
        {QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
        {QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), group.replicaSet},
                     {QStringLiteral("namespace"), namespaceName},
                     {QStringLiteral("uid"), ownerUid},
                     {QStringLiteral("creationTimestamp"), created},
                     {QStringLiteral("generation"), 1},
                     {QStringLiteral("labels"), labels}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("replicas"), replicas},
                     {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), labels}}},
                     {QStringLiteral("template"),
                      QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), labels}}},
                                  {QStringLiteral("spec"), group.spec}}}}},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("replicas"), replicas},
                                               {QStringLiteral("fullyLabeledReplicas"), replicas},
                                               {QStringLiteral("readyReplicas"), replicas},
                                               {QStringLiteral("availableReplicas"), replicas},
                                               {QStringLiteral("observedGeneration"), 1}}}};
    m_context.storage()->store()->put(
        m_context.storage()->type(QStringLiteral("apps"), QStringLiteral("replicasets")).key(), replicaSet);

    const QJsonObject runningState{
        {QStringLiteral("running"), QJsonObject{{QStringLiteral("startedAt"), running}}}};
    const QJsonObject completedState{
        {QStringLiteral("terminated"), QJsonObject{{QStringLiteral("exitCode"), 0},
                                                   {QStringLiteral("reason"), QStringLiteral("Completed")},
                                                   {QStringLiteral("startedAt"), initStarted},
                                                   {QStringLiteral("finishedAt"), running}}}};
    group.status = QJsonObject{
        {QStringLiteral("conditions"),
         QJsonArray{condition("PodReadyToStartContainers", initStarted), condition("Initialized", running),
                    condition("Ready", ready), condition("ContainersReady", ready),
                    condition("PodScheduled", created)}},
        {QStringLiteral("containerStatuses"), withState(profile.containerStatuses, runningState)},
        {QStringLiteral("initContainerStatuses"), withState(profile.initContainerStatuses, completedState)},
        {QStringLiteral("phase"), QStringLiteral("Running")},
        {QStringLiteral("qosClass"), QStringLiteral("Burstable")},
        {QStringLiteral("startTime"), m_context.timestamp(age - 1)}};

    QJsonObject controllerFields = profile.controllerFields;
    QJsonObject metadataFields = controllerFields.value(QLatin1String("f:metadata")).toObject();
    metadataFields.insert(QStringLiteral("f:ownerReferences"), ownerReferenceFields(ownerUid));
    controllerFields.insert(QStringLiteral("f:metadata"), metadataFields);
    group.controllerEntry =
        managedEntry(QStringLiteral("kube-controller-manager"), created, controllerFields);
    group.kubeletEntry =
        managedEntry(QStringLiteral("kubelet"), ready, profile.kubeletFields, QStringLiteral("status"));
    return group;
}

QJsonObject BulkPodSeeder::makePod(const Group& group, const QString& name, int podIndex) {
    const seedsteps::NodeInfo& node = workers().at(podIndex % workers().size());
    const QString ip = podIp(podIndex);

    QJsonObject kubelet = group.kubeletEntry;
    QJsonObject fields = kubelet.value(QLatin1String("fieldsV1")).toObject();
    QJsonObject statusFields = fields.value(QLatin1String("f:status")).toObject();
    statusFields.insert(QStringLiteral("f:podIPs"), podIpFields(ip));
    fields.insert(QStringLiteral("f:status"), statusFields);
    kubelet.insert(QStringLiteral("fieldsV1"), fields);

    QJsonObject metadata = group.metadata;
    metadata.insert(QStringLiteral("name"), name);
    metadata.insert(QStringLiteral("uid"), m_context.storage()->newUid());
    metadata.insert(QStringLiteral("managedFields"), QJsonArray{group.controllerEntry, kubelet});

    QJsonObject spec = group.spec;
    spec.insert(QStringLiteral("nodeName"), node.name);

    QJsonObject status = group.status;
    status.insert(QStringLiteral("podIP"), ip);
    status.insert(QStringLiteral("podIPs"), QJsonArray{QJsonObject{{QStringLiteral("ip"), ip}}});
    status.insert(QStringLiteral("hostIP"), node.internalIp);
    status.insert(QStringLiteral("hostIPs"),
                  QJsonArray{QJsonObject{{QStringLiteral("ip"), node.internalIp}}});
    for (const char* key : {"containerStatuses", "initContainerStatuses"}) {
        QJsonArray statuses = status.value(QLatin1String(key)).toArray();
        for (auto it = statuses.begin(); it != statuses.end(); ++it) {
            QJsonObject containerStatus = it->toObject();
            const QString id = QStringLiteral("containerd://") + m_random.hex(64);
            containerStatus.insert(QStringLiteral("containerID"), id);
            QJsonObject state = containerStatus.value(QLatin1String("state")).toObject();
            if (state.contains(QLatin1String("terminated"))) {
                QJsonObject terminated = state.value(QLatin1String("terminated")).toObject();
                terminated.insert(QStringLiteral("containerID"), id);
                state.insert(QStringLiteral("terminated"), terminated);
                containerStatus.insert(QStringLiteral("state"), state);
            }
            *it = containerStatus;
        }
        status.insert(QLatin1String(key), statuses);
    }

    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("kind"), QStringLiteral("Pod")},
                       {QStringLiteral("metadata"), metadata},
                       {QStringLiteral("spec"), spec},
                       {QStringLiteral("status"), status}};
}

void BulkPodSeeder::seed(int count) {
    const ResourceType& pods = m_context.storage()->type(QString(), QStringLiteral("pods"));
    QString namespaceName;
    QSet<QString> names;
    Group group;
    for (const int end = m_podIndex + count; m_podIndex < end; ++m_podIndex) {
        const int local = m_podIndex % podsPerNamespace;
        const QString podNamespace = QStringLiteral("bulk-%1").arg(m_podIndex / podsPerNamespace);
        if (podNamespace != namespaceName) {
            namespaceName = podNamespace;
            m_context.ensureNamespace(namespaceName,
                                      QJsonObject{{QLatin1String(bulkLabel), QStringLiteral("true")}});
            names.clear();
            for (const ObjectPtr& existing : m_context.storage()->list(pods, namespaceName)) {
                names.insert(existing->name());
            }
            group = makeGroup(namespaceName, local / podsPerReplicaSet,
                              std::min(podsPerReplicaSet, std::min(end - m_podIndex, podsPerNamespace - local)));
        } else if (local % podsPerReplicaSet == 0) {
            group = makeGroup(namespaceName, local / podsPerReplicaSet,
                              std::min(podsPerReplicaSet, std::min(end - m_podIndex, podsPerNamespace - local)));
        }
        QString name;
        do {
            name = group.replicaSet + QLatin1Char('-') + m_random.nameSuffix(5);
        } while (names.contains(name));
        names.insert(name);
        m_context.storage()->store()->put(m_typeKey, makePod(group, name, m_podIndex));
    }
}

} // namespace binnacle::sim
