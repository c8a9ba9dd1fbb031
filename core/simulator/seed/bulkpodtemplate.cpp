#include "bulkpodtemplate.h"

#include "fieldsv1.h"
#include "manifest.h"

#include <QHash>

namespace binnacle::sim {

namespace {
constexpr auto bulkLabel = "sim.binnacle.io/bulk";

struct Application {
    const char* name;
    const char* component;
    const char* version;
};
constexpr Application applications[] = {
    {"payment-service", "backend", "v2.1.4"},  {"inventory-api", "backend", "v1.18.0"},
    {"checkout-web", "frontend", "v3.4.2"},    {"search-indexer", "worker", "v0.9.7"},
    {"notification-hub", "backend", "v1.2.9"}, {"pricing-engine", "backend", "v5.0.1"},
    {"session-cache", "cache", "v7.2.5"},      {"order-processor", "worker", "v2.7.0"},
};

QJsonArray downwardEnv() {
    return manifest::parseArray(R"([
        {"name":"POD_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}},
        {"name":"POD_NAMESPACE","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}},
        {"name":"NODE_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"spec.nodeName"}}},
        {"name":"POD_IP","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"status.podIP"}}},
        {"name":"GOMAXPROCS","valueFrom":{"resourceFieldRef":{"containerName":"app","divisor":"0","resource":"limits.cpu"}}},
        {"name":"MEM_LIMIT_BYTES","valueFrom":{"resourceFieldRef":{"containerName":"app","divisor":"0",
                                                                   "resource":"limits.memory"}}},
        {"name":"JAVA_TOOL_OPTIONS","value":"-XX:MaxRAMPercentage=75.0 -XX:+CrashOnOutOfMemoryError"},
        {"name":"REDIS_URL","value":"redis://redis-master.cache.svc.cluster.local:6379/0"},
        {"name":"OTEL_EXPORTER_OTLP_ENDPOINT","value":"http://otel-collector.monitoring.svc:4317"},
        {"name":"LOG_FORMAT","value":"json"}])");
}

QJsonObject mount(const QString& path, const QString& name, bool readOnly = false) {
    QJsonObject result{{QStringLiteral("mountPath"), path}, {QStringLiteral("name"), name}};
    if (readOnly) {
        result.insert(QStringLiteral("readOnly"), true);
    }
    return result;
}

QJsonObject container(const QString& name, const QString& image, const QJsonArray& mounts,
                      const QJsonObject& extra) {
    QJsonObject result{{QStringLiteral("name"), name},
                       {QStringLiteral("image"), image},
                       {QStringLiteral("imagePullPolicy"), QStringLiteral("IfNotPresent")},
                       {QStringLiteral("terminationMessagePath"), QStringLiteral("/dev/termination-log")},
                       {QStringLiteral("terminationMessagePolicy"), QStringLiteral("File")}};
    if (!mounts.isEmpty()) {
        result.insert(QStringLiteral("volumeMounts"), mounts);
    }
    manifest::merge(result, extra);
    return result;
}

// The pod spec as the ReplicaSet controller writes it, or (withAdmission) as stored: with the apiserver's
// defaults and the service account token volume that admission adds.
QJsonObject podSpec(const QString& image, const QString& accessVolume, bool withAdmission) {
    const QJsonArray token{
        mount(QStringLiteral("/var/run/secrets/kubernetes.io/serviceaccount"), accessVolume, true)};
    auto mounts = [&](QJsonArray own) {
        if (withAdmission) {
            own.append(token.at(0));
        }
        return own;
    };
    const QJsonObject app{
        {QStringLiteral("env"), downwardEnv()},
        {QStringLiteral("ports"), QJsonArray{manifest::containerPort(QStringLiteral("http"), 8080)}},
        {QStringLiteral("resources"), manifest::resources(QStringLiteral("50m"), QStringLiteral("64Mi"),
                                                          QStringLiteral("500m"), QStringLiteral("256Mi"))},
        {QStringLiteral("readinessProbe"), manifest::httpProbe(QStringLiteral("/ready"), 8080, 5, 10)}};
    const QJsonObject shipper{
        {QStringLiteral("env"), QJsonArray{downwardEnv().at(0), downwardEnv().at(1)}},
        {QStringLiteral("resources"), manifest::resources(QStringLiteral("5m"), QStringLiteral("20Mi"))}};
    const QJsonObject wait{
        {QStringLiteral("command"),
         manifest::strings({QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                            QStringLiteral("until nc -z redis-master.cache 6379; do sleep 1; done")})},
        {QStringLiteral("resources"), QJsonObject()}};
    QJsonObject migrate = wait;
    migrate.insert(QStringLiteral("command"),
                   manifest::strings({QStringLiteral("/app/migrate"), QStringLiteral("up")}));
    QJsonObject spec{
        {QStringLiteral("containers"),
         QJsonArray{container(QStringLiteral("app"), image,
                              mounts({mount(QStringLiteral("/var/configmap"), QStringLiteral("configmap")),
                                      mount(QStringLiteral("/var/secret"), QStringLiteral("secret"))}),
                              app),
                    container(QStringLiteral("log-shipper"),
                              QStringLiteral("cr.fluentbit.io/fluent/fluent-bit:3.1.9"), mounts({}),
                              shipper)}},
        {QStringLiteral("initContainers"),
         QJsonArray{container(QStringLiteral("wait-for-redis"),
                              QStringLiteral("docker.io/library/busybox:1.36.1"), mounts({}), wait),
                    container(QStringLiteral("migrate"), image, mounts({}), migrate)}},
        {QStringLiteral("volumes"),
         bulkPodVolumes(QStringLiteral("app"), withAdmission ? accessVolume : QString())},
        {QStringLiteral("tolerations"), manifest::parseArray(R"([
            {"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300},
            {"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}])")},
        {QStringLiteral("dnsPolicy"), QStringLiteral("ClusterFirst")},
        {QStringLiteral("enableServiceLinks"), true},
        {QStringLiteral("restartPolicy"), QStringLiteral("Always")},
        {QStringLiteral("schedulerName"), QStringLiteral("default-scheduler")},
        {QStringLiteral("securityContext"), QJsonObject()},
        {QStringLiteral("terminationGracePeriodSeconds"), 30}};
    if (withAdmission) {
        spec.insert(QStringLiteral("preemptionPolicy"), QStringLiteral("PreemptLowerPriority"));
        spec.insert(QStringLiteral("priority"), 0);
        spec.insert(QStringLiteral("serviceAccount"), QStringLiteral("default"));
        spec.insert(QStringLiteral("serviceAccountName"), QStringLiteral("default"));
    }
    return spec;
}

// One digest per image, whichever container runs it.
QJsonArray containerStatuses(const QJsonArray& containers, bool init, SeedRandom& random,
                             QHash<QString, QString>& digests) {
    const QJsonObject user =
        manifest::parse(R"({"linux":{"gid":0,"supplementalGroups":[0,1,2,3,4,6,10,11,20,26,27],"uid":0}})");
    QJsonArray statuses;
    for (const QJsonValue& value : containers) {
        const QJsonObject spec = value.toObject();
        QJsonArray mounts;
        for (const QJsonValue& mountValue : spec.value(QLatin1String("volumeMounts")).toArray()) {
            QJsonObject status = mountValue.toObject();
            if (status.value(QLatin1String("readOnly")).toBool()) {
                status.insert(QStringLiteral("recursiveReadOnly"), QStringLiteral("Disabled"));
            }
            mounts.append(status);
        }
        const QString image = spec.value(QLatin1String("image")).toString();
        QString& digest = digests[image];
        if (digest.isEmpty()) {
            digest = image.section(QLatin1Char(':'), 0, -2) + QStringLiteral("@sha256:") + random.hex(64);
        }
        statuses.append(QJsonObject{{QStringLiteral("image"), image},
                                    {QStringLiteral("imageID"), digest},
                                    {QStringLiteral("lastState"), QJsonObject()},
                                    {QStringLiteral("name"), spec.value(QLatin1String("name"))},
                                    {QStringLiteral("ready"), true},
                                    {QStringLiteral("restartCount"), 0},
                                    {QStringLiteral("started"), !init},
                                    {QStringLiteral("user"), user},
                                    {QStringLiteral("volumeMounts"), mounts}});
    }
    return statuses;
}

BulkPodProfile makeProfile(const Application& application, SeedRandom& random) {
    BulkPodProfile profile;
    profile.name = QLatin1String(application.name);
    const QString image =
        QStringLiteral("ghcr.io/acme/%1:%2").arg(profile.name, QLatin1String(application.version));
    profile.labels =
        manifest::appLabels(profile.name, QLatin1String(application.component),
                            QStringLiteral("ecommerce-platform"), QLatin1String(application.version));
    profile.labels.remove(QStringLiteral("app.kubernetes.io/managed-by"));
    profile.labels.insert(QStringLiteral("env"), QStringLiteral("production"));
    profile.labels.insert(QLatin1String(bulkLabel), QStringLiteral("true"));
    profile.annotations = manifest::parse(R"({"cluster-autoscaler.kubernetes.io/safe-to-evict":"true",
        "fluentbit.io/parser":"json","prometheus.io/path":"/metrics","prometheus.io/port":"8080",
        "prometheus.io/scrape":"true","sidecar.istio.io/inject":"false","vault.hashicorp.com/agent-inject":"false"})");
    profile.accessVolume = QStringLiteral("kube-api-access-") + random.nameSuffix(5);
    profile.spec = podSpec(image, profile.accessVolume, true);
    QHash<QString, QString> digests;
    profile.containerStatuses =
        containerStatuses(profile.spec.value(QLatin1String("containers")).toArray(), false, random, digests);
    profile.initContainerStatuses = containerStatuses(
        profile.spec.value(QLatin1String("initContainers")).toArray(), true, random, digests);

    // What each manager wrote: the ReplicaSet controller the metadata and the spec before admission;
    // the kubelet the status, but for the phase and QoS class the apiserver set.
    QJsonObject labels = profile.labels;
    for (const char* perGroup : {"app.kubernetes.io/instance", "pod-template-hash", "track"}) {
        labels.insert(QLatin1String(perGroup), QString());
    }
    const QJsonObject written{
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("annotations"), profile.annotations},
                                                 {QStringLiteral("generateName"), QString()},
                                                 {QStringLiteral("labels"), labels}}},
        {QStringLiteral("spec"), podSpec(image, profile.accessVolume, false)}};
    profile.controllerFields = fieldsv1::fieldSet(written);
    const QJsonObject reported{
        {QStringLiteral("conditions"),
         manifest::parseArray(R"([{"type":"PodReadyToStartContainers","status":"True","lastProbeTime":null,
            "lastTransitionTime":""},{"type":"Initialized","status":"True","lastProbeTime":null,"lastTransitionTime":""},
            {"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":""},
            {"type":"ContainersReady","status":"True","lastProbeTime":null,"lastTransitionTime":""},
            {"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":""}])")},
        {QStringLiteral("containerStatuses"), QJsonArray()},
        {QStringLiteral("hostIP"), QString()},
        {QStringLiteral("hostIPs"), QJsonArray()},
        {QStringLiteral("initContainerStatuses"), QJsonArray()},
        {QStringLiteral("podIP"), QString()},
        {QStringLiteral("startTime"), QString()}};
    profile.kubeletFields = fieldsv1::fieldSet(QJsonObject{{QStringLiteral("status"), reported}});
    return profile;
}
} // namespace

QList<BulkPodProfile> makeBulkPodProfiles(SeedRandom& random) {
    QList<BulkPodProfile> profiles;
    for (const Application& application : applications) {
        profiles.append(makeProfile(application, random));
    }
    return profiles;
}

QJsonArray bulkPodVolumes(const QString& deployment, const QString& accessVolume) {
    QJsonArray volumes{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("configmap")},
                    {QStringLiteral("configMap"), QJsonObject{{QStringLiteral("defaultMode"), 420},
                                                              {QStringLiteral("name"), deployment}}}},
        QJsonObject{{QStringLiteral("name"), QStringLiteral("secret")},
                    {QStringLiteral("secret"), QJsonObject{{QStringLiteral("defaultMode"), 420},
                                                           {QStringLiteral("secretName"), deployment}}}}};
    if (!accessVolume.isEmpty()) {
        static const QJsonObject projected = manifest::parse(R"({"defaultMode":420,"sources":[
            {"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
            {"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],"name":"kube-root-ca.crt"}},
            {"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"},
                                      "path":"namespace"}]}}]})");
        volumes.append(
            QJsonObject{{QStringLiteral("name"), accessVolume}, {QStringLiteral("projected"), projected}});
    }
    return volumes;
}

QJsonObject ownerReferenceFields(const QString& uid) {
    return QJsonObject{{QStringLiteral("."), QJsonObject()},
                       {QStringLiteral("k:{\"uid\":\"%1\"}").arg(uid), QJsonObject()}};
}

QJsonObject podIpFields(const QString& ip) {
    return QJsonObject{
        {QStringLiteral("."), QJsonObject()},
        {QStringLiteral("k:{\"ip\":\"%1\"}").arg(ip),
         QJsonObject{{QStringLiteral("."), QJsonObject()}, {QStringLiteral("f:ip"), QJsonObject()}}}};
}

} // namespace binnacle::sim
