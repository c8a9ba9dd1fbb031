#include "manifest.h"
#include "seedsteps.h"

namespace binnacle::sim::seedsteps {

namespace {
// The default roles, abridged from what a v1.32 apiserver bootstraps (the aggregation controller would
// fill admin, edit and view from the aggregate-to-* roles; here their union is written out).
constexpr auto viewRules = R"({"rules":[
 {"apiGroups":[""],"resources":["configmaps","endpoints","persistentvolumeclaims","persistentvolumeclaims/status",
   "pods","replicationcontrollers","replicationcontrollers/scale","serviceaccounts","services","services/status"],
  "verbs":["get","list","watch"]},
 {"apiGroups":[""],"resources":["bindings","events","limitranges","namespaces/status","pods/log","pods/status",
   "replicationcontrollers/status","resourcequotas","resourcequotas/status"],"verbs":["get","list","watch"]},
 {"apiGroups":[""],"resources":["namespaces"],"verbs":["get","list","watch"]},
 {"apiGroups":["discovery.k8s.io"],"resources":["endpointslices"],"verbs":["get","list","watch"]},
 {"apiGroups":["apps"],"resources":["controllerrevisions","daemonsets","daemonsets/status","deployments",
   "deployments/scale","deployments/status","replicasets","replicasets/scale","replicasets/status","statefulsets",
   "statefulsets/scale","statefulsets/status"],"verbs":["get","list","watch"]},
 {"apiGroups":["autoscaling"],"resources":["horizontalpodautoscalers","horizontalpodautoscalers/status"],
  "verbs":["get","list","watch"]},
 {"apiGroups":["batch"],"resources":["cronjobs","cronjobs/status","jobs","jobs/status"],"verbs":["get","list","watch"]},
 {"apiGroups":["policy"],"resources":["poddisruptionbudgets","poddisruptionbudgets/status"],
  "verbs":["get","list","watch"]},
 {"apiGroups":["networking.k8s.io"],"resources":["ingresses","ingresses/status","networkpolicies"],
  "verbs":["get","list","watch"]}]})";

constexpr auto editRules = R"({"rules":[
 {"apiGroups":[""],"resources":["pods/attach","pods/exec","pods/portforward","pods/proxy","secrets",
   "services/proxy"],"verbs":["get","list","watch"]},
 {"apiGroups":[""],"resources":["serviceaccounts"],"verbs":["impersonate"]},
 {"apiGroups":[""],"resources":["pods","pods/attach","pods/exec","pods/portforward","pods/proxy"],
  "verbs":["create","delete","deletecollection","patch","update"]},
 {"apiGroups":[""],"resources":["pods/eviction"],"verbs":["create"]},
 {"apiGroups":[""],"resources":["configmaps","endpoints","events","persistentvolumeclaims","replicationcontrollers",
   "replicationcontrollers/scale","secrets","serviceaccounts","services","services/proxy"],
  "verbs":["create","delete","deletecollection","patch","update"]},
 {"apiGroups":[""],"resources":["serviceaccounts/token"],"verbs":["create"]},
 {"apiGroups":["apps"],"resources":["daemonsets","deployments","deployments/rollback","deployments/scale",
   "replicasets","replicasets/scale","statefulsets","statefulsets/scale"],
  "verbs":["create","delete","deletecollection","patch","update"]},
 {"apiGroups":["autoscaling"],"resources":["horizontalpodautoscalers"],
  "verbs":["create","delete","deletecollection","patch","update"]},
 {"apiGroups":["batch"],"resources":["cronjobs","jobs"],"verbs":["create","delete","deletecollection","patch","update"]},
 {"apiGroups":["networking.k8s.io"],"resources":["ingresses","networkpolicies"],
  "verbs":["create","delete","deletecollection","patch","update"]},
 {"apiGroups":["policy"],"resources":["poddisruptionbudgets"],
  "verbs":["create","delete","deletecollection","patch","update"]},
 {"apiGroups":["coordination.k8s.io"],"resources":["leases"],
  "verbs":["create","delete","deletecollection","get","list","patch","update","watch"]}]})";

constexpr auto adminRules = R"({"rules":[
 {"apiGroups":["authorization.k8s.io"],"resources":["localsubjectaccessreviews"],"verbs":["create"]},
 {"apiGroups":["rbac.authorization.k8s.io"],"resources":["rolebindings","roles"],
  "verbs":["create","delete","deletecollection","get","list","patch","update","watch"]}]})";

constexpr auto clusterAdminRules = R"({"rules":[
 {"apiGroups":["*"],"resources":["*"],"verbs":["*"]},
 {"nonResourceURLs":["*"],"verbs":["*"]}]})";

QJsonArray rules(std::initializer_list<const char*> documents) {
    QJsonArray all;
    for (const char* document : documents) {
        for (const QJsonValue& rule : manifest::parse(document).value(QLatin1String("rules")).toArray()) {
            all.append(rule);
        }
    }
    return all;
}

QJsonObject bootstrapLabels(const char* aggregateTo = nullptr) {
    QJsonObject labels{{QStringLiteral("kubernetes.io/bootstrapping"), QStringLiteral("rbac-defaults")}};
    if (aggregateTo) {
        labels.insert(
            QStringLiteral("rbac.authorization.k8s.io/aggregate-to-%1").arg(QLatin1String(aggregateTo)),
            QStringLiteral("true"));
    }
    return labels;
}

const QJsonObject autoupdate{
    {QStringLiteral("rbac.authorization.kubernetes.io/autoupdate"), QStringLiteral("true")}};

void clusterRole(SeedContext& context, const QString& name, const QJsonObject& labels,
                 const QJsonArray& roleRules, const char* aggregatedFrom) {
    QJsonObject role = manifest::object(manifest::metadata(name, labels, autoupdate));
    if (aggregatedFrom) {
        role.insert(QStringLiteral("aggregationRule"),
                    QJsonObject{{QStringLiteral("clusterRoleSelectors"),
                                 QJsonArray{manifest::labelSelector(
                                     QJsonObject{{QStringLiteral("rbac.authorization.k8s.io/aggregate-to-%1")
                                                      .arg(QLatin1String(aggregatedFrom)),
                                                  QStringLiteral("true")}})}}});
    }
    role.insert(QStringLiteral("rules"), roleRules);
    context.create(QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("clusterroles"), QString(),
                   role, QStringLiteral("kube-apiserver"));
}

void clusterRoleBinding(SeedContext& context, const QString& name, const QString& role, const QString& group,
                        const QJsonObject& labels) {
    QJsonObject binding = manifest::object(manifest::metadata(name, labels, autoupdate));
    binding.insert(QStringLiteral("roleRef"),
                   QJsonObject{{QStringLiteral("apiGroup"), QStringLiteral("rbac.authorization.k8s.io")},
                               {QStringLiteral("kind"), QStringLiteral("ClusterRole")},
                               {QStringLiteral("name"), role}});
    binding.insert(
        QStringLiteral("subjects"),
        QJsonArray{QJsonObject{{QStringLiteral("apiGroup"), QStringLiteral("rbac.authorization.k8s.io")},
                               {QStringLiteral("kind"), QStringLiteral("Group")},
                               {QStringLiteral("name"), group}}});
    context.create(QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("clusterrolebindings"),
                   QString(), binding, QStringLiteral("kube-apiserver"));
}
} // namespace

void seedRbac(SeedContext& context) {
    clusterRole(context, QStringLiteral("cluster-admin"), bootstrapLabels(), rules({clusterAdminRules}),
                nullptr);
    clusterRole(context, QStringLiteral("admin"), bootstrapLabels(),
                rules({viewRules, editRules, adminRules}), "admin");
    clusterRole(context, QStringLiteral("edit"), bootstrapLabels("admin"), rules({viewRules, editRules}),
                "edit");
    clusterRole(context, QStringLiteral("view"), bootstrapLabels("edit"), rules({viewRules}), "view");
    clusterRoleBinding(context, QStringLiteral("cluster-admin"), QStringLiteral("cluster-admin"),
                       QStringLiteral("system:masters"), bootstrapLabels());
    clusterRoleBinding(
        context, QStringLiteral("binnacle-viewers"), QStringLiteral("view"),
        QStringLiteral("binnacle:viewers"),
        QJsonObject{{QStringLiteral("app.kubernetes.io/managed-by"), QStringLiteral("binnacle")}});
}

} // namespace binnacle::sim::seedsteps
