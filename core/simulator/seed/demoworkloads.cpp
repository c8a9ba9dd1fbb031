#include "manifest.h"
#include "seedsteps.h"

namespace binnacle::sim::seedsteps {

namespace {
enum class Probe { Http, Grpc, Tcp };

// One Deployment with its Service. JSON members are merged in as written (env, extra container and pod
// fields).
struct DemoApp {
    const char* namespaceName;
    const char* name;
    const char* component;
    const char* partOf;
    const char* image;
    const char* version;
    int replicas;
    const char* portName;
    int port;
    int servicePort;
    Probe probe;
    const char* probePath;
    const char* cpu;
    const char* memory;
    const char* cpuLimit;
    const char* memoryLimit;
    const char* env;            // JSON array of EnvVar
    const char* containerExtra; // JSON object merged into the container, or nullptr
    const char* podExtra;       // JSON object merged into the pod spec, or nullptr
};

#define BOUTIQUE "us-central1-docker.pkg.dev/google-samples/microservices-demo/"

constexpr DemoApp apps[] = {
    {"shop", "frontend", "web", "online-boutique", BOUTIQUE "frontend:v0.10.2", "v0.10.2", 3, "http", 8080,
     80, Probe::Http, "/_healthz", "100m", "64Mi", "200m", "128Mi",
     R"([{"name":"PORT","value":"8080"},{"name":"PRODUCT_CATALOG_SERVICE_ADDR","value":"catalog:3550"},
         {"name":"CURRENCY_SERVICE_ADDR","value":"currency:7000"},{"name":"CART_SERVICE_ADDR","value":"cart:7070"},
         {"name":"RECOMMENDATION_SERVICE_ADDR","value":"recommender:8080"},
         {"name":"SHIPPING_SERVICE_ADDR","value":"shipping:50051"},{"name":"CHECKOUT_SERVICE_ADDR","value":"checkout:5050"},
         {"name":"ENV_PLATFORM","value":"gcp"},{"name":"ENABLE_PROFILER","value":"0"}])",
     R"({"envFrom":[{"configMapRef":{"name":"frontend-config"}}],
         "securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"readOnlyRootFilesystem":true}})",
     R"({"securityContext":{"fsGroup":1000,"runAsGroup":1000,"runAsNonRoot":true,"runAsUser":1000}})"},
    {"shop", "cart", "backend", "online-boutique", BOUTIQUE "cartservice:v0.10.2", "v0.10.2", 2, "grpc", 7070,
     7070, Probe::Grpc, nullptr, "200m", "64Mi", "300m", "128Mi",
     R"([{"name":"REDIS_ADDR","value":"redis-cart:6379"}])", nullptr, nullptr},
    {"shop", "redis-cart", "cache", "online-boutique", "docker.io/library/redis:7.2.5-alpine", "7.2.5", 1,
     "redis", 6379, 6379, Probe::Tcp, nullptr, "70m", "200Mi", "125m", "256Mi", "[]",
     R"({"volumeMounts":[{"mountPath":"/data","name":"redis-data"}]})",
     R"({"volumes":[{"name":"redis-data","emptyDir":{}}]})"},
    {"shop", "catalog", "backend", "online-boutique", BOUTIQUE "productcatalogservice:v0.10.2", "v0.10.2", 2,
     "grpc", 3550, 3550, Probe::Grpc, nullptr, "100m", "64Mi", "200m", "128Mi",
     R"([{"name":"PORT","value":"3550"},{"name":"DISABLE_PROFILER","value":"1"}])", nullptr, nullptr},
    {"shop", "checkout", "backend", "online-boutique", BOUTIQUE "checkoutservice:v0.10.2", "v0.10.2", 2,
     "grpc", 5050, 5050, Probe::Grpc, nullptr, "100m", "64Mi", "200m", "128Mi",
     R"([{"name":"PORT","value":"5050"},{"name":"PRODUCT_CATALOG_SERVICE_ADDR","value":"catalog:3550"},
         {"name":"SHIPPING_SERVICE_ADDR","value":"shipping:50051"},{"name":"PAYMENT_SERVICE_ADDR","value":"payments:50051"},
         {"name":"CURRENCY_SERVICE_ADDR","value":"currency:7000"},{"name":"CART_SERVICE_ADDR","value":"cart:7070"}])",
     nullptr, nullptr},
    {"shop", "payments", "backend", "online-boutique", BOUTIQUE "paymentservice:v0.10.2", "v0.10.2", 2,
     "grpc", 50051, 50051, Probe::Grpc, nullptr, "100m", "64Mi", "200m", "128Mi",
     R"([{"name":"PORT","value":"50051"},{"name":"DISABLE_PROFILER","value":"1"},
         {"name":"STRIPE_API_KEY","valueFrom":{"secretKeyRef":{"name":"payments-stripe","key":"api-key"}}}])",
     nullptr, nullptr},
    {"shop", "currency", "backend", "online-boutique", BOUTIQUE "currencyservice:v0.10.2", "v0.10.2", 1,
     "grpc", 7000, 7000, Probe::Grpc, nullptr, "100m", "64Mi", "200m", "128Mi",
     R"([{"name":"PORT","value":"7000"},{"name":"DISABLE_PROFILER","value":"1"}])", nullptr, nullptr},
    {"shop", "shipping", "backend", "online-boutique", BOUTIQUE "shippingservice:v0.10.2", "v0.10.2", 1,
     "grpc", 50051, 50051, Probe::Grpc, nullptr, "100m", "64Mi", "200m", "128Mi",
     R"([{"name":"PORT","value":"50051"}])", nullptr, nullptr},
    // Crash-loops: the simulated kubelet fails every container whose image names "crashloop".
    {"shop", "recommender", "backend", "online-boutique", "ghcr.io/acme/recommender:crashloop-1.4", "1.4", 1,
     "http", 8080, 8080, Probe::Http, "/healthz", "100m", "220Mi", "200m", "450Mi",
     R"([{"name":"PORT","value":"8080"},{"name":"PRODUCT_CATALOG_SERVICE_ADDR","value":"catalog:3550"},
         {"name":"MODEL_PATH","value":"/models/recommender-v14.onnx"}])",
     nullptr, R"({"imagePullSecrets":[{"name":"regcred"}]})"},
    {"monitoring", "prometheus", "server", "kube-prometheus", "quay.io/prometheus/prometheus:v2.53.2",
     "v2.53.2", 1, "web", 9090, 9090, Probe::Http, "/-/ready", "500m", "1Gi", "1", "2Gi", "[]",
     R"({"args":["--config.file=/etc/prometheus/prometheus.yml","--storage.tsdb.path=/prometheus",
                 "--storage.tsdb.retention.time=15d","--web.enable-lifecycle"],
         "volumeMounts":[{"mountPath":"/etc/prometheus","name":"config"},{"mountPath":"/prometheus","name":"data"}]})",
     R"({"serviceAccountName":"prometheus","volumes":[{"name":"config","configMap":{"name":"prometheus-config"}},
         {"name":"data","emptyDir":{"sizeLimit":"20Gi"}}]})"},
    {"monitoring", "grafana", "dashboards", "kube-prometheus", "docker.io/grafana/grafana:11.2.0", "11.2.0",
     1, "grafana", 3000, 80, Probe::Http, "/api/health", "100m", "128Mi", "500m", "512Mi",
     R"([{"name":"GF_SECURITY_ADMIN_USER","value":"admin"},
         {"name":"GF_SECURITY_ADMIN_PASSWORD","valueFrom":{"secretKeyRef":{"name":"grafana-admin","key":"admin-password"}}},
         {"name":"GF_PATHS_DATA","value":"/var/lib/grafana"}])",
     R"({"volumeMounts":[{"mountPath":"/var/lib/grafana","name":"storage"},
         {"mountPath":"/etc/grafana/provisioning/datasources","name":"datasources"}]})",
     R"({"volumes":[{"name":"storage","persistentVolumeClaim":{"claimName":"grafana-storage"}},
         {"name":"datasources","configMap":{"name":"grafana-datasources"}}],
         "securityContext":{"fsGroup":472,"runAsGroup":472,"runAsUser":472}})"},
    {"monitoring", "kube-state-metrics", "exporter", "kube-prometheus",
     "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0", "2.13.0", 1, "http-metrics", 8080, 8080,
     Probe::Http, "/livez", "10m", "32Mi", "100m", "128Mi", "[]",
     R"({"ports":[{"name":"http-metrics","containerPort":8080,"protocol":"TCP"},
                  {"name":"telemetry","containerPort":8081,"protocol":"TCP"}],
         "readinessProbe":{"httpGet":{"path":"/readyz","port":8081,"scheme":"HTTP"},"initialDelaySeconds":5,
                           "periodSeconds":10,"timeoutSeconds":5,"successThreshold":1,"failureThreshold":3}})",
     R"({"serviceAccountName":"kube-state-metrics"})"},
};

#undef BOUTIQUE

QJsonObject probeFor(const DemoApp& app, int initialDelaySeconds) {
    switch (app.probe) {
    case Probe::Http:
        return manifest::httpProbe(QLatin1String(app.probePath), QLatin1String(app.portName),
                                   initialDelaySeconds, 10);
    case Probe::Grpc:
        return manifest::grpcProbe(app.port, initialDelaySeconds, 10);
    case Probe::Tcp:
        break;
    }
    return manifest::tcpProbe(QLatin1String(app.portName), initialDelaySeconds, 10);
}

QJsonObject deploymentFor(const DemoApp& app, SeedRandom& random) {
    const QString name = QLatin1String(app.name);
    const QJsonObject labels = manifest::appLabels(name, QLatin1String(app.component),
                                                   QLatin1String(app.partOf), QLatin1String(app.version));
    QJsonObject container{
        {QStringLiteral("name"),
         name == QLatin1String("redis-cart") ? QStringLiteral("redis") : QStringLiteral("server")},
        {QStringLiteral("image"), QLatin1String(app.image)},
        {QStringLiteral("ports"), QJsonArray{manifest::containerPort(QLatin1String(app.portName), app.port)}},
        {QStringLiteral("resources"),
         manifest::resources(QLatin1String(app.cpu), QLatin1String(app.memory), QLatin1String(app.cpuLimit),
                             QLatin1String(app.memoryLimit))},
        {QStringLiteral("readinessProbe"), probeFor(app, 5)},
        {QStringLiteral("livenessProbe"), probeFor(app, 15)}};
    const QJsonArray env = manifest::parseArray(app.env);
    if (!env.isEmpty()) {
        container.insert(QStringLiteral("env"), env);
    }
    if (app.containerExtra) {
        manifest::merge(container, manifest::parse(app.containerExtra));
    }
    QJsonObject podSpec{{QStringLiteral("containers"), QJsonArray{container}},
                        {QStringLiteral("terminationGracePeriodSeconds"), 5}};
    if (app.podExtra) {
        manifest::merge(podSpec, manifest::parse(app.podExtra));
    }
    // What Helm charts put on templates so a changed ConfigMap rolls the pods.
    const QJsonObject templateAnnotations{{QStringLiteral("checksum/config"), random.hex(64)}};
    const QJsonObject annotations{
        {QStringLiteral("meta.helm.sh/release-name"), QLatin1String(app.partOf)},
        {QStringLiteral("meta.helm.sh/release-namespace"), QLatin1String(app.namespaceName)}};
    return manifest::object(
        manifest::metadata(name, labels, annotations),
        QJsonObject{
            {QStringLiteral("replicas"), app.replicas},
            {QStringLiteral("selector"), manifest::labelSelector(manifest::selectorLabels(name))},
            {QStringLiteral("template"), manifest::podTemplate(labels, podSpec, templateAnnotations)}});
}

QJsonObject serviceFor(const DemoApp& app) {
    const QString name = QLatin1String(app.name);
    const QJsonObject labels = manifest::appLabels(name, QLatin1String(app.component),
                                                   QLatin1String(app.partOf), QLatin1String(app.version));
    return manifest::object(
        manifest::metadata(name, labels),
        QJsonObject{{QStringLiteral("selector"), manifest::selectorLabels(name)},
                    {QStringLiteral("ports"),
                     QJsonArray{manifest::servicePort(QLatin1String(app.portName), app.servicePort,
                                                      QLatin1String(app.portName))}}});
}
} // namespace

void seedDemoWorkloads(SeedContext& context) {
    SeedRandom random = context.random("demo-workloads");
    for (const char* account : {"prometheus", "kube-state-metrics"}) {
        context.create(QString(), QStringLiteral("serviceaccounts"), QStringLiteral("monitoring"),
                       manifest::object(manifest::metadata(QLatin1String(account))), QStringLiteral("helm"));
    }
    for (const DemoApp& app : apps) {
        const QString namespaceName = QLatin1String(app.namespaceName);
        context.create(QStringLiteral("apps"), QStringLiteral("deployments"), namespaceName,
                       deploymentFor(app, random), QStringLiteral("helm"));
        context.create(QString(), QStringLiteral("services"), namespaceName, serviceFor(app),
                       QStringLiteral("helm"));
    }
}

} // namespace binnacle::sim::seedsteps
