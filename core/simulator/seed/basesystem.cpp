#include "manifest.h"
#include "seedsteps.h"

namespace binnacle::sim::seedsteps {

namespace {
const QString kubeSystem = QStringLiteral("kube-system");

// The apiserver keeps the endpoints of the selector-less "kubernetes" Service itself.
void seedApiServerService(SeedContext& context) {
    const QString apiServerIp = nodes().first().internalIp;
    const QJsonObject labels{{QStringLiteral("component"), QStringLiteral("apiserver")},
                             {QStringLiteral("provider"), QStringLiteral("kubernetes")}};
    context.create(
        QString(), QStringLiteral("services"), QStringLiteral("default"),
        manifest::object(manifest::metadata(QStringLiteral("kubernetes"), labels),
                         QJsonObject{{QStringLiteral("clusterIP"), QStringLiteral("10.96.0.1")},
                                     {QStringLiteral("clusterIPs"), QJsonArray{QStringLiteral("10.96.0.1")}},
                                     {QStringLiteral("ports"),
                                      QJsonArray{manifest::servicePort(QStringLiteral("https"), 443, 6443)}},
                                     {QStringLiteral("type"), QStringLiteral("ClusterIP")}}),
        QStringLiteral("kube-apiserver"));

    QJsonObject endpoints = manifest::object(manifest::metadata(
        QStringLiteral("kubernetes"),
        QJsonObject{{QStringLiteral("endpointslice.kubernetes.io/skip-mirror"), QStringLiteral("true")}}));
    endpoints.insert(
        QStringLiteral("subsets"),
        QJsonArray{QJsonObject{
            {QStringLiteral("addresses"), QJsonArray{QJsonObject{{QStringLiteral("ip"), apiServerIp}}}},
            {QStringLiteral("ports"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("https")},
                                    {QStringLiteral("port"), 6443},
                                    {QStringLiteral("protocol"), QStringLiteral("TCP")}}}}}});
    context.create(QString(), QStringLiteral("endpoints"), QStringLiteral("default"), endpoints,
                   QStringLiteral("kube-apiserver"));

    QJsonObject slice = manifest::object(manifest::metadata(
        QStringLiteral("kubernetes"),
        QJsonObject{{QStringLiteral("kubernetes.io/service-name"), QStringLiteral("kubernetes")}}));
    slice.insert(QStringLiteral("addressType"), QStringLiteral("IPv4"));
    slice.insert(QStringLiteral("endpoints"),
                 QJsonArray{QJsonObject{
                     {QStringLiteral("addresses"), QJsonArray{apiServerIp}},
                     {QStringLiteral("conditions"), QJsonObject{{QStringLiteral("ready"), true}}}}});
    slice.insert(QStringLiteral("ports"),
                 QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("https")},
                                        {QStringLiteral("port"), 6443},
                                        {QStringLiteral("protocol"), QStringLiteral("TCP")}}});
    context.create(QStringLiteral("discovery.k8s.io"), QStringLiteral("endpointslices"),
                   QStringLiteral("default"), slice, QStringLiteral("kube-apiserver"));
}

void seedClasses(SeedContext& context) {
    QJsonObject storageClass = manifest::object(
        manifest::metadata(QStringLiteral("standard"), {},
                           QJsonObject{{QStringLiteral("storageclass.kubernetes.io/is-default-class"),
                                        QStringLiteral("true")}}));
    storageClass.insert(QStringLiteral("provisioner"), QStringLiteral("pd.csi.storage.gke.io"));
    storageClass.insert(QStringLiteral("parameters"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("pd-balanced")}});
    storageClass.insert(QStringLiteral("reclaimPolicy"), QStringLiteral("Delete"));
    storageClass.insert(QStringLiteral("volumeBindingMode"), QStringLiteral("Immediate"));
    storageClass.insert(QStringLiteral("allowVolumeExpansion"), true);
    context.create(QStringLiteral("storage.k8s.io"), QStringLiteral("storageclasses"), QString(),
                   storageClass);

    const QJsonObject ingressLabels{
        {QStringLiteral("app.kubernetes.io/name"), QStringLiteral("ingress-nginx")},
        {QStringLiteral("app.kubernetes.io/component"), QStringLiteral("controller")}};
    context.create(
        QStringLiteral("networking.k8s.io"), QStringLiteral("ingressclasses"), QString(),
        manifest::object(
            manifest::metadata(QStringLiteral("nginx"), ingressLabels,
                               QJsonObject{{QStringLiteral("ingressclass.kubernetes.io/is-default-class"),
                                            QStringLiteral("true")}}),
            QJsonObject{{QStringLiteral("controller"), QStringLiteral("k8s.io/ingress-nginx")}}));
}

QJsonObject configMap(const QString& name, const QJsonObject& labels, const QJsonObject& data) {
    QJsonObject object = manifest::object(manifest::metadata(name, labels));
    object.insert(QStringLiteral("data"), data);
    return object;
}

void seedCoreDns(SeedContext& context) {
    const QJsonObject labels{{QStringLiteral("k8s-app"), QStringLiteral("kube-dns")}};
    context.create(QString(), QStringLiteral("serviceaccounts"), kubeSystem,
                   manifest::object(manifest::metadata(QStringLiteral("coredns"))),
                   QStringLiteral("kubeadm"));
    context.create(
        QString(), QStringLiteral("configmaps"), kubeSystem,
        configMap(QStringLiteral("coredns"), {},
                  QJsonObject{
                      {QStringLiteral("Corefile"),
                       QStringLiteral(".:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n"
                                      "    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n"
                                      "       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n"
                                      "       ttl 30\n    }\n    prometheus :9153\n"
                                      "    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n"
                                      "    cache 30 {\n       disable success cluster.local\n"
                                      "       disable denial cluster.local\n    }\n    loop\n    reload\n"
                                      "    loadbalance\n}\n")}}),
        QStringLiteral("kubeadm"));

    QJsonObject container{
        {QStringLiteral("name"), QStringLiteral("coredns")},
        {QStringLiteral("image"), QStringLiteral("registry.k8s.io/coredns/coredns:v1.11.3")},
        {QStringLiteral("args"),
         QJsonArray{QStringLiteral("-conf"), QStringLiteral("/etc/coredns/Corefile")}},
        {QStringLiteral("ports"),
         QJsonArray{manifest::containerPort(QStringLiteral("dns"), 53, QStringLiteral("UDP")),
                    manifest::containerPort(QStringLiteral("dns-tcp"), 53),
                    manifest::containerPort(QStringLiteral("metrics"), 9153)}},
        {QStringLiteral("resources"), manifest::resources(QStringLiteral("100m"), QStringLiteral("70Mi"),
                                                          QString(), QStringLiteral("170Mi"))},
        {QStringLiteral("livenessProbe"), manifest::httpProbe(QStringLiteral("/health"), 8080, 60, 10)},
        {QStringLiteral("readinessProbe"), manifest::httpProbe(QStringLiteral("/ready"), 8181, 0, 10)},
        {QStringLiteral("volumeMounts"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("config-volume")},
                                {QStringLiteral("mountPath"), QStringLiteral("/etc/coredns")},
                                {QStringLiteral("readOnly"), true}}}},
        {QStringLiteral("securityContext"),
         manifest::parse(R"({"allowPrivilegeEscalation":false,"capabilities":{"add":["NET_BIND_SERVICE"],)"
                         R"("drop":["ALL"]},"readOnlyRootFilesystem":true})")}};
    QJsonObject podSpec{
        {QStringLiteral("containers"), QJsonArray{container}},
        {QStringLiteral("dnsPolicy"), QStringLiteral("Default")},
        {QStringLiteral("nodeSelector"),
         QJsonObject{{QStringLiteral("kubernetes.io/os"), QStringLiteral("linux")}}},
        {QStringLiteral("serviceAccountName"), QStringLiteral("coredns")},
        {QStringLiteral("tolerations"),
         manifest::parseArray(R"([{"key":"CriticalAddonsOnly","operator":"Exists"},)"
                              R"({"effect":"NoSchedule","key":"node-role.kubernetes.io/control-plane"}])")},
        {QStringLiteral("volumes"),
         manifest::parseArray(R"([{"name":"config-volume","configMap":{"name":"coredns","defaultMode":420,)"
                              R"("items":[{"key":"Corefile","path":"Corefile"}]}}])")}};
    QJsonObject spec{
        {QStringLiteral("replicas"), 2},
        {QStringLiteral("selector"), manifest::labelSelector(labels)},
        {QStringLiteral("strategy"),
         manifest::parse(
             R"({"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":1}})")},
        {QStringLiteral("template"), manifest::podTemplate(labels, podSpec)}};
    context.create(QStringLiteral("apps"), QStringLiteral("deployments"), kubeSystem,
                   manifest::object(manifest::metadata(QStringLiteral("coredns"), labels), spec),
                   QStringLiteral("kubeadm"));

    const QJsonObject serviceLabels{{QStringLiteral("k8s-app"), QStringLiteral("kube-dns")},
                                    {QStringLiteral("kubernetes.io/cluster-service"), QStringLiteral("true")},
                                    {QStringLiteral("kubernetes.io/name"), QStringLiteral("CoreDNS")}};
    const QJsonObject serviceAnnotations{{QStringLiteral("prometheus.io/port"), QStringLiteral("9153")},
                                         {QStringLiteral("prometheus.io/scrape"), QStringLiteral("true")}};
    context.create(
        QString(), QStringLiteral("services"), kubeSystem,
        manifest::object(
            manifest::metadata(QStringLiteral("kube-dns"), serviceLabels, serviceAnnotations),
            QJsonObject{
                {QStringLiteral("clusterIP"), QStringLiteral("10.96.0.10")},
                {QStringLiteral("clusterIPs"), QJsonArray{QStringLiteral("10.96.0.10")}},
                {QStringLiteral("selector"), labels},
                {QStringLiteral("ports"),
                 QJsonArray{manifest::servicePort(QStringLiteral("dns"), 53, 53, QStringLiteral("UDP")),
                            manifest::servicePort(QStringLiteral("dns-tcp"), 53, 53),
                            manifest::servicePort(QStringLiteral("metrics"), 9153, 9153)}}}),
        QStringLiteral("kubeadm"));
}

void seedKubeProxy(SeedContext& context) {
    const QJsonObject labels{{QStringLiteral("k8s-app"), QStringLiteral("kube-proxy")}};
    context.create(QString(), QStringLiteral("serviceaccounts"), kubeSystem,
                   manifest::object(manifest::metadata(QStringLiteral("kube-proxy"))),
                   QStringLiteral("kubeadm"));
    context.create(
        QString(), QStringLiteral("configmaps"), kubeSystem,
        configMap(
            QStringLiteral("kube-proxy"), QJsonObject{{QStringLiteral("app"), QStringLiteral("kube-proxy")}},
            QJsonObject{{QStringLiteral("config.conf"),
                         QStringLiteral("apiVersion: kubeproxy.config.k8s.io/v1alpha1\n"
                                        "bindAddress: 0.0.0.0\nclusterCIDR: 10.244.0.0/16\n"
                                        "kind: KubeProxyConfiguration\nmetricsBindAddress: 0.0.0.0:10249\n"
                                        "mode: iptables\n")}}),
        QStringLiteral("kubeadm"));

    QJsonObject container{
        {QStringLiteral("name"), QStringLiteral("kube-proxy")},
        {QStringLiteral("image"), QStringLiteral("registry.k8s.io/kube-proxy:v1.32.4")},
        {QStringLiteral("command"),
         manifest::strings({QStringLiteral("/usr/local/bin/kube-proxy"),
                            QStringLiteral("--config=/var/lib/kube-proxy/config.conf"),
                            QStringLiteral("--hostname-override=$(NODE_NAME)")})},
        {QStringLiteral("env"),
         QJsonArray{manifest::envFromField(QStringLiteral("NODE_NAME"), QStringLiteral("spec.nodeName"))}},
        {QStringLiteral("securityContext"), QJsonObject{{QStringLiteral("privileged"), true}}},
        {QStringLiteral("volumeMounts"),
         manifest::parseArray(R"([{"mountPath":"/var/lib/kube-proxy","name":"kube-proxy"},)"
                              R"({"mountPath":"/run/xtables.lock","name":"xtables-lock"},)"
                              R"({"mountPath":"/lib/modules","name":"lib-modules","readOnly":true}])")}};
    QJsonObject podSpec{
        {QStringLiteral("containers"), QJsonArray{container}},
        {QStringLiteral("hostNetwork"), true},
        {QStringLiteral("nodeSelector"),
         QJsonObject{{QStringLiteral("kubernetes.io/os"), QStringLiteral("linux")}}},
        {QStringLiteral("serviceAccountName"), QStringLiteral("kube-proxy")},
        {QStringLiteral("tolerations"),
         QJsonArray{QJsonObject{{QStringLiteral("operator"), QStringLiteral("Exists")}}}},
        {QStringLiteral("volumes"),
         manifest::parseArray(
             R"([{"name":"kube-proxy","configMap":{"name":"kube-proxy","defaultMode":420}},)"
             R"({"name":"xtables-lock","hostPath":{"path":"/run/xtables.lock","type":"FileOrCreate"}},)"
             R"({"name":"lib-modules","hostPath":{"path":"/lib/modules","type":""}}])")}};
    context.create(
        QStringLiteral("apps"), QStringLiteral("daemonsets"), kubeSystem,
        manifest::object(manifest::metadata(QStringLiteral("kube-proxy"), labels),
                         QJsonObject{{QStringLiteral("selector"), manifest::labelSelector(labels)},
                                     {QStringLiteral("template"), manifest::podTemplate(labels, podSpec)}}),
        QStringLiteral("kubeadm"));
}
} // namespace

void seedClusterServices(SeedContext& context) {
    seedApiServerService(context);
    seedClasses(context);
}

void seedSystemWorkloads(SeedContext& context) {
    seedCoreDns(context);
    seedKubeProxy(context);
}

} // namespace binnacle::sim::seedsteps
