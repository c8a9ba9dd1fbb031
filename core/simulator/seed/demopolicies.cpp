#include "manifest.h"
#include "seedsteps.h"

namespace binnacle::sim::seedsteps {

namespace {
const QString shop = QStringLiteral("shop");

void seedIngress(SeedContext& context) {
    const QJsonObject annotations{
        {QStringLiteral("cert-manager.io/cluster-issuer"), QStringLiteral("letsencrypt")},
        {QStringLiteral("nginx.ingress.kubernetes.io/proxy-body-size"), QStringLiteral("8m")},
        {QStringLiteral("nginx.ingress.kubernetes.io/ssl-redirect"), QStringLiteral("true")}};
    context.create(QStringLiteral("networking.k8s.io"), QStringLiteral("ingresses"), shop,
                   manifest::object(manifest::metadata(QStringLiteral("shop"),
                                                       manifest::selectorLabels(QStringLiteral("frontend")),
                                                       annotations),
                                    manifest::parse(R"({"ingressClassName":"nginx",
                        "tls":[{"hosts":["shop.example.com"],"secretName":"shop-tls"}],
                        "rules":[{"host":"shop.example.com","http":{"paths":[
                          {"path":"/","pathType":"Prefix","backend":{"service":{"name":"frontend","port":{"number":80}}}},
                          {"path":"/api/recommendations","pathType":"Prefix",
                           "backend":{"service":{"name":"recommender","port":{"name":"http"}}}}]}}]})")),
                   QStringLiteral("helm"));
}

void seedNetworkPolicies(SeedContext& context) {
    context.create(
        QStringLiteral("networking.k8s.io"), QStringLiteral("networkpolicies"), shop,
        manifest::object(
            manifest::metadata(QStringLiteral("payments-allow-checkout")),
            manifest::parse(R"({"podSelector":{"matchLabels":{"app.kubernetes.io/name":"payments"}},
                        "policyTypes":["Ingress"],
                        "ingress":[{"from":[{"podSelector":{"matchLabels":{"app.kubernetes.io/name":"checkout"}}}],
                                    "ports":[{"protocol":"TCP","port":50051}]}]})")),
        QStringLiteral("kubectl-client-side-apply"));
    context.create(QStringLiteral("networking.k8s.io"), QStringLiteral("networkpolicies"),
                   QStringLiteral("data"),
                   manifest::object(manifest::metadata(QStringLiteral("default-deny-ingress")),
                                    manifest::parse(R"({"podSelector":{},"policyTypes":["Ingress"]})")),
                   QStringLiteral("kubectl-client-side-apply"));
}

void seedAvailability(SeedContext& context) {
    const QJsonObject frontend = manifest::selectorLabels(QStringLiteral("frontend"));
    context.create(
        QStringLiteral("policy"), QStringLiteral("poddisruptionbudgets"), shop,
        manifest::object(manifest::metadata(QStringLiteral("frontend"), frontend),
                         QJsonObject{{QStringLiteral("minAvailable"), 2},
                                     {QStringLiteral("selector"), manifest::labelSelector(frontend)}}),
        QStringLiteral("helm"));
    context.create(
        QStringLiteral("autoscaling"), QStringLiteral("horizontalpodautoscalers"), shop,
        manifest::object(manifest::metadata(QStringLiteral("frontend"), frontend), manifest::parse(R"({
                        "scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"frontend"},
                        "minReplicas":3,"maxReplicas":10,
                        "metrics":[{"type":"Resource","resource":{"name":"cpu",
                                    "target":{"type":"Utilization","averageUtilization":70}}}],
                        "behavior":{"scaleDown":{"stabilizationWindowSeconds":300,
                                    "policies":[{"type":"Percent","value":50,"periodSeconds":60}]}}})")),
        QStringLiteral("helm"));
}

void seedAccess(SeedContext& context) {
    context.create(QString(), QStringLiteral("serviceaccounts"), shop,
                   manifest::object(manifest::metadata(QStringLiteral("ci-deployer"))),
                   QStringLiteral("kubectl-create"));
    QJsonObject role = manifest::object(manifest::metadata(QStringLiteral("deployer")));
    role.insert(QStringLiteral("rules"), manifest::parseArray(R"([
        {"apiGroups":["apps"],"resources":["deployments","replicasets"],"verbs":["get","list","watch","update","patch"]},
        {"apiGroups":["apps"],"resources":["deployments/scale"],"verbs":["get","update","patch"]},
        {"apiGroups":[""],"resources":["pods","pods/log","services","configmaps"],"verbs":["get","list","watch"]}])"));
    context.create(QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("roles"), shop, role,
                   QStringLiteral("kubectl-create"));
    QJsonObject binding = manifest::object(manifest::metadata(QStringLiteral("ci-deployer")));
    binding.insert(
        QStringLiteral("roleRef"),
        manifest::parse(R"({"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"deployer"})"));
    binding.insert(QStringLiteral("subjects"), manifest::parseArray(R"([
        {"kind":"ServiceAccount","name":"ci-deployer","namespace":"shop"},
        {"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"acme:release-managers"}])"));
    context.create(QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("rolebindings"), shop, binding,
                   QStringLiteral("kubectl-create"));
}

// Leader election of the operator that runs the Backup custom resources.
void seedLease(SeedContext& context) {
    SeedRandom random = context.random("demo-lease");
    const QString holder = QStringLiteral("backup-operator-%1-%2_%3")
                               .arg(random.nameSuffix(10), random.nameSuffix(5), random.uuid());
    context.create(QStringLiteral("coordination.k8s.io"), QStringLiteral("leases"), QStringLiteral("data"),
                   manifest::object(manifest::metadata(QStringLiteral("backup-operator-leader")),
                                    QJsonObject{{QStringLiteral("holderIdentity"), holder},
                                                {QStringLiteral("leaseDurationSeconds"), 15},
                                                {QStringLiteral("acquireTime"), context.microTimestamp(3600)},
                                                {QStringLiteral("renewTime"), context.microTimestamp()},
                                                {QStringLiteral("leaseTransitions"), 2}}),
                   QStringLiteral("backup-operator"));
}
} // namespace

void seedDemoPolicies(SeedContext& context) {
    seedIngress(context);
    seedNetworkPolicies(context);
    seedAvailability(context);
    seedAccess(context);
    seedLease(context);
}

} // namespace binnacle::sim::seedsteps
