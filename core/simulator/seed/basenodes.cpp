#include "manifest.h"
#include "seedsteps.h"

namespace binnacle::sim::seedsteps {

namespace {
constexpr auto kubeletVersion = "v1.32.4";
constexpr auto region = "europe-west1";

struct MachineType {
    const char* name;
    const char* cpu;
    const char* allocatableCpu;
    const char* memory;
    const char* allocatableMemory;
};
constexpr MachineType controlPlaneMachine{"e2-standard-4", "4", "3920m", "16393316Ki", "13152868Ki"};
constexpr MachineType workerMachine{"e2-standard-8", "8", "7910m", "32863376Ki", "29094032Ki"};

QJsonObject nodeLabels(const NodeInfo& node, const MachineType& machine) {
    QJsonObject labels{{QStringLiteral("beta.kubernetes.io/arch"), QStringLiteral("amd64")},
                       {QStringLiteral("beta.kubernetes.io/os"), QStringLiteral("linux")},
                       {QStringLiteral("kubernetes.io/arch"), QStringLiteral("amd64")},
                       {QStringLiteral("kubernetes.io/os"), QStringLiteral("linux")},
                       {QStringLiteral("kubernetes.io/hostname"), node.name},
                       {QStringLiteral("node.kubernetes.io/instance-type"), QLatin1String(machine.name)},
                       {QStringLiteral("topology.kubernetes.io/region"), QLatin1String(region)},
                       {QStringLiteral("topology.kubernetes.io/zone"), node.zone}};
    if (node.controlPlane) {
        labels.insert(QStringLiteral("node-role.kubernetes.io/control-plane"), QString());
        labels.insert(QStringLiteral("node.kubernetes.io/exclude-from-external-load-balancers"), QString());
    }
    return labels;
}

QJsonObject nodeSpec(const NodeInfo& node, int index) {
    const QString podCidr = QStringLiteral("10.244.%1.0/24").arg(index);
    QJsonObject spec{{QStringLiteral("podCIDR"), podCidr},
                     {QStringLiteral("podCIDRs"), QJsonArray{podCidr}},
                     {QStringLiteral("providerID"),
                      QStringLiteral("gce://binnacle-demo/%1/%2").arg(node.zone, node.name)}};
    if (node.controlPlane) {
        spec.insert(QStringLiteral("taints"),
                    QJsonArray{QJsonObject{
                        {QStringLiteral("key"), QStringLiteral("node-role.kubernetes.io/control-plane")},
                        {QStringLiteral("effect"), QStringLiteral("NoSchedule")}}});
    }
    return spec;
}

QJsonObject condition(const SeedContext& context, const char* type, const char* status, const char* reason,
                      const char* message) {
    return QJsonObject{{QStringLiteral("type"), QLatin1String(type)},
                       {QStringLiteral("status"), QLatin1String(status)},
                       {QStringLiteral("lastHeartbeatTime"), context.timestamp()},
                       {QStringLiteral("lastTransitionTime"), context.timestamp()},
                       {QStringLiteral("reason"), QLatin1String(reason)},
                       {QStringLiteral("message"), QLatin1String(message)}};
}

QJsonObject image(const QString& repository, const QString& tag, qint64 sizeBytes, SeedRandom& random) {
    return QJsonObject{
        {QStringLiteral("names"), QJsonArray{repository + QStringLiteral("@sha256:") + random.hex(64),
                                             repository + QLatin1Char(':') + tag}},
        {QStringLiteral("sizeBytes"), sizeBytes}};
}

QJsonArray nodeImages(const NodeInfo& node, SeedRandom& random) {
    QJsonArray images;
    if (node.controlPlane) {
        images.append(
            image(QStringLiteral("registry.k8s.io/etcd"), QStringLiteral("3.5.16-0"), 57680541, random));
        images.append(image(QStringLiteral("registry.k8s.io/kube-apiserver"), QLatin1String(kubeletVersion),
                            28670223, random));
        images.append(image(QStringLiteral("registry.k8s.io/kube-controller-manager"),
                            QLatin1String(kubeletVersion), 26265187, random));
        images.append(image(QStringLiteral("registry.k8s.io/kube-scheduler"), QLatin1String(kubeletVersion),
                            20658996, random));
    } else {
        images.append(
            image(QStringLiteral("us-central1-docker.pkg.dev/google-samples/microservices-demo/frontend"),
                  QStringLiteral("v0.10.2"), 45114219, random));
        images.append(image(QStringLiteral("quay.io/prometheus/prometheus"), QStringLiteral("v2.53.2"),
                            108741523, random));
        images.append(
            image(QStringLiteral("docker.io/library/postgres"), QStringLiteral("16.4"), 153271802, random));
    }
    images.append(
        image(QStringLiteral("registry.k8s.io/kube-proxy"), QLatin1String(kubeletVersion), 30938154, random));
    images.append(image(QStringLiteral("registry.k8s.io/coredns/coredns"), QStringLiteral("v1.11.3"),
                        18562039, random));
    images.append(image(QStringLiteral("registry.k8s.io/pause"), QStringLiteral("3.10"), 320368, random));
    return images;
}

QJsonObject nodeStatus(const SeedContext& context, const NodeInfo& node, const MachineType& machine,
                       SeedRandom& random) {
    const QJsonObject capacity{{QStringLiteral("cpu"), QLatin1String(machine.cpu)},
                               {QStringLiteral("ephemeral-storage"), QStringLiteral("98831908Ki")},
                               {QStringLiteral("hugepages-1Gi"), QStringLiteral("0")},
                               {QStringLiteral("hugepages-2Mi"), QStringLiteral("0")},
                               {QStringLiteral("memory"), QLatin1String(machine.memory)},
                               {QStringLiteral("pods"), QStringLiteral("110")}};
    QJsonObject allocatable = capacity;
    allocatable.insert(QStringLiteral("cpu"), QLatin1String(machine.allocatableCpu));
    allocatable.insert(QStringLiteral("ephemeral-storage"), QStringLiteral("47060071478"));
    allocatable.insert(QStringLiteral("memory"), QLatin1String(machine.allocatableMemory));
    const QString machineId = random.hex(32);
    const QJsonObject runtimeFeatures{{QStringLiteral("recursiveReadOnlyMounts"), true},
                                      {QStringLiteral("userNamespaces"), false}};
    return QJsonObject{
        {QStringLiteral("addresses"),
         QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("InternalIP")},
                                {QStringLiteral("address"), node.internalIp}},
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("Hostname")},
                                {QStringLiteral("address"), node.name}}}},
        {QStringLiteral("allocatable"), allocatable},
        {QStringLiteral("capacity"), capacity},
        {QStringLiteral("conditions"),
         QJsonArray{condition(context, "MemoryPressure", "False", "KubeletHasSufficientMemory",
                              "kubelet has sufficient memory available"),
                    condition(context, "DiskPressure", "False", "KubeletHasNoDiskPressure",
                              "kubelet has no disk pressure"),
                    condition(context, "PIDPressure", "False", "KubeletHasSufficientPID",
                              "kubelet has sufficient PID available"),
                    condition(context, "Ready", "True", "KubeletReady", "kubelet is posting ready status")}},
        {QStringLiteral("daemonEndpoints"),
         QJsonObject{{QStringLiteral("kubeletEndpoint"), QJsonObject{{QStringLiteral("Port"), 10250}}}}},
        {QStringLiteral("features"), QJsonObject{{QStringLiteral("supplementalGroupsPolicy"), true}}},
        {QStringLiteral("images"), nodeImages(node, random)},
        {QStringLiteral("nodeInfo"),
         QJsonObject{{QStringLiteral("architecture"), QStringLiteral("amd64")},
                     {QStringLiteral("bootID"), random.uuid()},
                     {QStringLiteral("containerRuntimeVersion"), QStringLiteral("containerd://1.7.24")},
                     {QStringLiteral("kernelVersion"), QStringLiteral("6.1.0-31-cloud-amd64")},
                     {QStringLiteral("kubeProxyVersion"), QString()},
                     {QStringLiteral("kubeletVersion"), QLatin1String(kubeletVersion)},
                     {QStringLiteral("machineID"), machineId},
                     {QStringLiteral("operatingSystem"), QStringLiteral("linux")},
                     {QStringLiteral("osImage"), QStringLiteral("Debian GNU/Linux 12 (bookworm)")},
                     {QStringLiteral("systemUUID"), random.uuid()}}},
        {QStringLiteral("runtimeHandlers"),
         QJsonArray{
             QJsonObject{{QStringLiteral("name"), QString()}, {QStringLiteral("features"), runtimeFeatures}},
             QJsonObject{{QStringLiteral("name"), QStringLiteral("runc")},
                         {QStringLiteral("features"), runtimeFeatures}}}}};
}

// The kubelet's heartbeat Lease in kube-node-lease, owned by its Node.
QJsonObject nodeLease(const SeedContext& context, const ObjectPtr& node) {
    QJsonObject meta = manifest::metadata(node->name());
    meta.insert(QStringLiteral("ownerReferences"),
                QJsonArray{QJsonObject{
                    {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                    {QStringLiteral("kind"), QStringLiteral("Node")},
                    {QStringLiteral("name"), node->name()},
                    {QStringLiteral("uid"),
                     node->object.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid"))}}});
    return manifest::object(meta, QJsonObject{{QStringLiteral("holderIdentity"), node->name()},
                                              {QStringLiteral("leaseDurationSeconds"), 40},
                                              {QStringLiteral("renewTime"), context.microTimestamp()}});
}
} // namespace

const QList<NodeInfo>& nodes() {
    static const QList<NodeInfo> all{{QStringLiteral("binnacle-control-plane"), QStringLiteral("10.132.0.2"),
                                      QStringLiteral("europe-west1-b"), true},
                                     {QStringLiteral("binnacle-worker"), QStringLiteral("10.132.0.3"),
                                      QStringLiteral("europe-west1-c"), false},
                                     {QStringLiteral("binnacle-worker2"), QStringLiteral("10.132.0.4"),
                                      QStringLiteral("europe-west1-d"), false}};
    return all;
}

void seedNodes(SeedContext& context) {
    SeedRandom random = context.random("nodes");
    int index = 0;
    for (const NodeInfo& node : nodes()) {
        const MachineType& machine = node.controlPlane ? controlPlaneMachine : workerMachine;
        const QJsonObject annotations{
            {QStringLiteral("kubeadm.alpha.kubernetes.io/cri-socket"),
             QStringLiteral("unix:///run/containerd/containerd.sock")},
            {QStringLiteral("node.alpha.kubernetes.io/ttl"), QStringLiteral("0")},
            {QStringLiteral("volumes.kubernetes.io/controller-managed-attach-detach"),
             QStringLiteral("true")}};
        const QJsonObject object = manifest::object(
            manifest::metadata(node.name, nodeLabels(node, machine), annotations), nodeSpec(node, index++));
        const ObjectPtr created =
            context.create(QString(), QStringLiteral("nodes"), QString(), object, QStringLiteral("kubelet"));
        if (!created) {
            continue;
        }
        context.writeStatus(QString(), QStringLiteral("nodes"), created,
                            nodeStatus(context, node, machine, random), QStringLiteral("kubelet"));
        context.create(QStringLiteral("coordination.k8s.io"), QStringLiteral("leases"),
                       QStringLiteral("kube-node-lease"), nodeLease(context, created),
                       QStringLiteral("kubelet"));
    }
}

} // namespace binnacle::sim::seedsteps
