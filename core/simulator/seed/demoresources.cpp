#include "manifest.h"
#include "seedsteps.h"

namespace binnacle::sim::seedsteps {

namespace {
QJsonObject withData(QJsonObject object, const char* key, const QJsonObject& data) {
    object.insert(QLatin1String(key), data);
    return object;
}

QJsonObject secret(const QString& name, const QString& type, const QJsonObject& data,
                   const QJsonObject& labels = QJsonObject(),
                   const QJsonObject& annotations = QJsonObject()) {
    QJsonObject object =
        withData(manifest::object(manifest::metadata(name, labels, annotations)), "data", data);
    object.insert(QStringLiteral("type"), type);
    return object;
}

void seedConfigMaps(SeedContext& context) {
    const QJsonObject frontendLabels = manifest::selectorLabels(QStringLiteral("frontend"));
    context.create(
        QString(), QStringLiteral("configmaps"), QStringLiteral("shop"),
        withData(
            manifest::object(manifest::metadata(QStringLiteral("frontend-config"), frontendLabels)), "data",
            QJsonObject{{QStringLiteral("BASE_URL"), QStringLiteral("/")},
                        {QStringLiteral("CYMBAL_BRANDING"), QStringLiteral("false")},
                        {QStringLiteral("ENABLE_ASSISTANT"), QStringLiteral("false")},
                        {QStringLiteral("FRONTEND_MESSAGE"), QStringLiteral("Free shipping this week!")}}),
        QStringLiteral("helm"));
    context.create(
        QString(), QStringLiteral("configmaps"), QStringLiteral("monitoring"),
        withData(
            manifest::object(manifest::metadata(QStringLiteral("prometheus-config"),
                                                manifest::selectorLabels(QStringLiteral("prometheus")))),
            "data",
            QJsonObject{
                {QStringLiteral("prometheus.yml"),
                 QStringLiteral("global:\n  scrape_interval: 30s\n  evaluation_interval: 30s\n"
                                "scrape_configs:\n- job_name: kubernetes-pods\n"
                                "  kubernetes_sd_configs:\n  - role: pod\n  relabel_configs:\n"
                                "  - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]\n"
                                "    action: keep\n    regex: \"true\"\n"
                                "- job_name: kube-state-metrics\n  static_configs:\n"
                                "  - targets: ['kube-state-metrics:8080']\n")}}),
        QStringLiteral("helm"));
    context.create(QString(), QStringLiteral("configmaps"), QStringLiteral("monitoring"),
                   withData(manifest::object(manifest::metadata(
                                QStringLiteral("grafana-datasources"),
                                QJsonObject{{QStringLiteral("grafana_datasource"), QStringLiteral("1")}})),
                            "data",
                            QJsonObject{{QStringLiteral("datasources.yaml"),
                                         QStringLiteral("apiVersion: 1\ndatasources:\n- name: Prometheus\n"
                                                        "  type: prometheus\n  url: http://prometheus:9090\n"
                                                        "  access: proxy\n  isDefault: true\n")}}),
                   QStringLiteral("helm"));
    context.create(
        QString(), QStringLiteral("configmaps"), QStringLiteral("data"),
        withData(manifest::object(manifest::metadata(QStringLiteral("postgres-init"),
                                                     manifest::selectorLabels(QStringLiteral("postgres")))),
                 "data",
                 QJsonObject{{QStringLiteral("init.sql"),
                              QStringLiteral("CREATE DATABASE catalog;\nCREATE DATABASE orders;\n"
                                             "CREATE USER grafana WITH PASSWORD 'changeme';\n")}}),
        QStringLiteral("kubectl-client-side-apply"));
}

void seedSecrets(SeedContext& context) {
    SeedRandom random = context.random("demo-secrets");
    context.create(QString(), QStringLiteral("secrets"), QStringLiteral("shop"),
                   secret(QStringLiteral("payments-stripe"), QStringLiteral("Opaque"),
                          QJsonObject{{QStringLiteral("api-key"),
                                       manifest::base64(QStringLiteral("demo_") + random.hex(32))},
                                      {QStringLiteral("webhook-secret"),
                                       manifest::base64(QStringLiteral("whsec_") + random.hex(32))}},
                          manifest::selectorLabels(QStringLiteral("payments"))),
                   QStringLiteral("helm"));

    const QString password = random.hex(24);
    const QString dockerConfig =
        QStringLiteral(R"({"auths":{"ghcr.io":{"username":"acme-ci","password":"%1","auth":"%2"}}})")
            .arg(password, manifest::base64(QStringLiteral("acme-ci:") + password));
    context.create(
        QString(), QStringLiteral("secrets"), QStringLiteral("shop"),
        secret(QStringLiteral("regcred"), QStringLiteral("kubernetes.io/dockerconfigjson"),
               QJsonObject{{QStringLiteral(".dockerconfigjson"), manifest::base64(dockerConfig)}}));

    // The Secret cert-manager would have written for the Certificate "shop-tls".
    const QString key = QStringLiteral("-----BEGIN EC PRIVATE KEY-----\n%1\n-----END EC PRIVATE KEY-----\n")
                            .arg(QString::fromLatin1(random.hex(96).toLatin1().toBase64()));
    context.create(
        QString(), QStringLiteral("secrets"), QStringLiteral("shop"),
        secret(
            QStringLiteral("shop-tls"), QStringLiteral("kubernetes.io/tls"),
            QJsonObject{{QStringLiteral("tls.crt"), QString::fromLatin1(context.caPem().toBase64())},
                        {QStringLiteral("tls.key"), manifest::base64(key)},
                        {QStringLiteral("ca.crt"), QString::fromLatin1(context.caPem().toBase64())}},
            QJsonObject{{QStringLiteral("controller.cert-manager.io/fao"), QStringLiteral("true")}},
            QJsonObject{{QStringLiteral("cert-manager.io/certificate-name"), QStringLiteral("shop-tls")},
                        {QStringLiteral("cert-manager.io/common-name"), QStringLiteral("shop.example.com")},
                        {QStringLiteral("cert-manager.io/issuer-kind"), QStringLiteral("ClusterIssuer")},
                        {QStringLiteral("cert-manager.io/issuer-name"), QStringLiteral("letsencrypt")}}),
        QStringLiteral("cert-manager-certificates-issuing"));

    context.create(
        QString(), QStringLiteral("secrets"), QStringLiteral("monitoring"),
        secret(QStringLiteral("grafana-admin"), QStringLiteral("Opaque"),
               QJsonObject{{QStringLiteral("admin-user"), manifest::base64(QStringLiteral("admin"))},
                           {QStringLiteral("admin-password"), manifest::base64(random.hex(20))}},
               manifest::selectorLabels(QStringLiteral("grafana"))),
        QStringLiteral("helm"));
    context.create(
        QString(), QStringLiteral("secrets"), QStringLiteral("data"),
        secret(QStringLiteral("postgres-credentials"), QStringLiteral("Opaque"),
               QJsonObject{{QStringLiteral("username"), manifest::base64(QStringLiteral("postgres"))},
                           {QStringLiteral("password"), manifest::base64(random.hex(24))}},
               manifest::selectorLabels(QStringLiteral("postgres"))));
}

void seedPostgres(SeedContext& context) {
    const QString name = QStringLiteral("postgres");
    const QJsonObject labels = manifest::appLabels(name, QStringLiteral("database"),
                                                   QStringLiteral("data-platform"), QStringLiteral("16.4"));
    context.create(
        QString(), QStringLiteral("services"), QStringLiteral("data"),
        manifest::object(manifest::metadata(name, labels),
                         QJsonObject{{QStringLiteral("clusterIP"), QStringLiteral("None")},
                                     {QStringLiteral("selector"), manifest::selectorLabels(name)},
                                     {QStringLiteral("ports"),
                                      QJsonArray{manifest::servicePort(QStringLiteral("postgres"), 5432,
                                                                       QStringLiteral("postgres"))}}}),
        QStringLiteral("kubectl-client-side-apply"));
    QJsonObject container = manifest::parse(R"({
        "name":"postgres","image":"docker.io/library/postgres:16.4",
        "ports":[{"name":"postgres","containerPort":5432,"protocol":"TCP"}],
        "env":[{"name":"POSTGRES_USER","valueFrom":{"secretKeyRef":{"name":"postgres-credentials","key":"username"}}},
               {"name":"POSTGRES_PASSWORD","valueFrom":{"secretKeyRef":{"name":"postgres-credentials","key":"password"}}},
               {"name":"PGDATA","value":"/var/lib/postgresql/data/pgdata"}],
        "readinessProbe":{"exec":{"command":["pg_isready","-U","postgres"]},"initialDelaySeconds":5,"periodSeconds":10,
                          "timeoutSeconds":5,"successThreshold":1,"failureThreshold":6},
        "livenessProbe":{"exec":{"command":["pg_isready","-U","postgres"]},"initialDelaySeconds":30,"periodSeconds":10,
                         "timeoutSeconds":5,"successThreshold":1,"failureThreshold":6},
        "volumeMounts":[{"name":"data","mountPath":"/var/lib/postgresql/data"},
                        {"name":"init","mountPath":"/docker-entrypoint-initdb.d"}]})");
    container.insert(QStringLiteral("resources"),
                     manifest::resources(QStringLiteral("250m"), QStringLiteral("512Mi"), QStringLiteral("1"),
                                         QStringLiteral("1Gi")));
    const QJsonObject podSpec{
        {QStringLiteral("containers"), QJsonArray{container}},
        {QStringLiteral("securityContext"), QJsonObject{{QStringLiteral("fsGroup"), 999}}},
        {QStringLiteral("volumes"),
         manifest::parseArray(R"([{"name":"init","configMap":{"name":"postgres-init"}}])")}};
    const QJsonObject claim =
        manifest::parse(R"({"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],
        "storageClassName":"standard","resources":{"requests":{"storage":"10Gi"}}}})");
    context.create(
        QStringLiteral("apps"), QStringLiteral("statefulsets"), QStringLiteral("data"),
        manifest::object(
            manifest::metadata(name, labels),
            QJsonObject{{QStringLiteral("replicas"), 2},
                        {QStringLiteral("serviceName"), name},
                        {QStringLiteral("selector"), manifest::labelSelector(manifest::selectorLabels(name))},
                        {QStringLiteral("template"), manifest::podTemplate(labels, podSpec)},
                        {QStringLiteral("volumeClaimTemplates"), QJsonArray{claim}}}),
        QStringLiteral("kubectl-client-side-apply"));
}

void seedBatch(SeedContext& context) {
    const QJsonObject backupTemplate = manifest::parse(R"({
        "metadata":{"labels":{"app.kubernetes.io/name":"postgres-backup"}},
        "spec":{"restartPolicy":"OnFailure","containers":[{"name":"backup","image":"docker.io/library/postgres:16.4",
          "command":["/bin/sh","-c","pg_dumpall -h postgres -U $POSTGRES_USER | gzip > /backup/dump-$(date +%F).sql.gz"],
          "env":[{"name":"POSTGRES_USER","valueFrom":{"secretKeyRef":{"name":"postgres-credentials","key":"username"}}},
                 {"name":"PGPASSWORD","valueFrom":{"secretKeyRef":{"name":"postgres-credentials","key":"password"}}}],
          "resources":{"requests":{"cpu":"100m","memory":"128Mi"}},
          "volumeMounts":[{"name":"backup","mountPath":"/backup"}]}],
          "volumes":[{"name":"backup","emptyDir":{}}]}})");
    context.create(
        QStringLiteral("batch"), QStringLiteral("cronjobs"), QStringLiteral("data"),
        manifest::object(
            manifest::metadata(QStringLiteral("postgres-backup"),
                               manifest::selectorLabels(QStringLiteral("postgres-backup"))),
            QJsonObject{{QStringLiteral("schedule"), QStringLiteral("*/15 * * * *")},
                        {QStringLiteral("timeZone"), QStringLiteral("Etc/UTC")},
                        {QStringLiteral("jobTemplate"),
                         QJsonObject{{QStringLiteral("spec"),
                                      QJsonObject{{QStringLiteral("backoffLimit"), 2},
                                                  {QStringLiteral("template"), backupTemplate}}}}}}),
        QStringLiteral("kubectl-create"));

    const QJsonObject importTemplate = manifest::parse(R"({
        "metadata":{"labels":{"app.kubernetes.io/name":"catalog-import"},
                    "annotations":{"sim.binnacle.io/run-seconds":"20"}},
        "spec":{"restartPolicy":"Never","containers":[{"name":"import",
          "image":"us-central1-docker.pkg.dev/google-samples/microservices-demo/productcatalogservice:v0.10.2",
          "command":["/src/server","import","--source=gs://acme-shop/catalog/products.json"],
          "resources":{"requests":{"cpu":"200m","memory":"128Mi"}}}]}})");
    context.create(
        QStringLiteral("batch"), QStringLiteral("jobs"), QStringLiteral("shop"),
        manifest::object(manifest::metadata(QStringLiteral("catalog-import"),
                                            manifest::selectorLabels(QStringLiteral("catalog-import"))),
                         QJsonObject{{QStringLiteral("backoffLimit"), 2},
                                     {QStringLiteral("ttlSecondsAfterFinished"), 86400},
                                     {QStringLiteral("template"), importTemplate}}),
        QStringLiteral("kubectl-create"));

    context.create(
        QString(), QStringLiteral("persistentvolumeclaims"), QStringLiteral("monitoring"),
        manifest::object(manifest::metadata(QStringLiteral("grafana-storage"),
                                            manifest::selectorLabels(QStringLiteral("grafana"))),
                         manifest::parse(R"({"accessModes":["ReadWriteOnce"],"storageClassName":"standard",
                                                        "resources":{"requests":{"storage":"5Gi"}}})")),
        QStringLiteral("helm"));
}
} // namespace

void seedDemoConfiguration(SeedContext& context) {
    seedConfigMaps(context);
    seedSecrets(context);
}

void seedDemoData(SeedContext& context) {
    seedPostgres(context);
    seedBatch(context);
}

} // namespace binnacle::sim::seedsteps
