#include "resourcetype.h"

namespace binnacle::sim {

namespace {
const QStringList standardVerbs{
    QStringLiteral("create"), QStringLiteral("delete"), QStringLiteral("deletecollection"),
    QStringLiteral("get"),    QStringLiteral("list"),   QStringLiteral("patch"),
    QStringLiteral("update"), QStringLiteral("watch")};
const QStringList getPatchUpdate{QStringLiteral("get"), QStringLiteral("patch"), QStringLiteral("update")};
const QStringList createOnly{QStringLiteral("create")};

struct Spec {
    const char* group;
    const char* versions; // comma-separated, preferred first
    const char* resource;
    const char* singular;
    const char* kind;
    bool namespaced;
    const char* shortNames;   // comma-separated
    const char* categories;   // comma-separated
    const char* subresources; // comma-separated: status, scale, log, exec, ...
    bool createOnlyVerbs = false;
};

QStringList split(const char* text) {
    return QString::fromLatin1(text).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

Subresource makeSubresource(const ResourceType& type, const QString& name) {
    Subresource sub{name, type.group, type.preferredVersion(), type.kind, getPatchUpdate};
    if (name == QLatin1String("scale")) {
        sub.group = QStringLiteral("autoscaling");
        sub.version = QStringLiteral("v1");
        sub.kind = QStringLiteral("Scale");
    } else if (name == QLatin1String("log")) {
        sub.kind = QStringLiteral("Pod");
        sub.verbs = {QStringLiteral("get")};
    } else if (name == QLatin1String("exec") || name == QLatin1String("attach") ||
               name == QLatin1String("portforward")) {
        sub.kind = name == QLatin1String("exec")     ? QStringLiteral("PodExecOptions")
                   : name == QLatin1String("attach") ? QStringLiteral("PodAttachOptions")
                                                     : QStringLiteral("PodPortForwardOptions");
        sub.verbs = {QStringLiteral("create"), QStringLiteral("get")};
    } else if (name == QLatin1String("eviction")) {
        sub.group = QStringLiteral("policy");
        sub.kind = QStringLiteral("Eviction");
        sub.verbs = createOnly;
    } else if (name == QLatin1String("token")) {
        sub.group = QStringLiteral("authentication.k8s.io");
        sub.kind = QStringLiteral("TokenRequest");
        sub.verbs = createOnly;
    } else if (name == QLatin1String("finalize")) {
        sub.verbs = {QStringLiteral("update")};
    }
    return sub;
}
} // namespace

QList<ResourceType> builtinResourceTypes() {
    static const Spec specs[] = {
        {"", "v1", "namespaces", "namespace", "Namespace", false, "ns", "", "status,finalize"},
        {"", "v1", "nodes", "node", "Node", false, "no", "", "status"},
        {"", "v1", "pods", "pod", "Pod", true, "po", "all",
         "status,log,exec,attach,portforward,eviction,ephemeralcontainers"},
        {"", "v1", "services", "service", "Service", true, "svc", "all", "status"},
        {"", "v1", "endpoints", "endpoints", "Endpoints", true, "ep", "", ""},
        {"", "v1", "configmaps", "configmap", "ConfigMap", true, "cm", "", ""},
        {"", "v1", "secrets", "secret", "Secret", true, "", "", ""},
        {"", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, "sa", "", "token"},
        {"", "v1", "events", "event", "Event", true, "ev", "", ""},
        {"", "v1", "persistentvolumes", "persistentvolume", "PersistentVolume", false, "pv", "", "status"},
        {"", "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, "pvc",
         "", "status"},
        {"", "v1", "limitranges", "limitrange", "LimitRange", true, "limits", "", ""},
        {"", "v1", "resourcequotas", "resourcequota", "ResourceQuota", true, "quota", "", "status"},
        {"apps", "v1", "deployments", "deployment", "Deployment", true, "deploy", "all", "status,scale"},
        {"apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, "rs", "all", "status,scale"},
        {"apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, "sts", "all", "status,scale"},
        {"apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, "ds", "all", "status"},
        {"apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true, "", "", ""},
        {"batch", "v1", "jobs", "job", "Job", true, "", "all", "status"},
        {"batch", "v1", "cronjobs", "cronjob", "CronJob", true, "cj", "all", "status"},
        {"networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, "ing", "", "status"},
        {"networking.k8s.io", "v1", "ingressclasses", "ingressclass", "IngressClass", false, "", "", ""},
        {"networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, "netpol", "",
         ""},
        {"discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true, "", "", ""},
        {"storage.k8s.io", "v1", "storageclasses", "storageclass", "StorageClass", false, "sc", "", ""},
        {"policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, "pdb",
         "", "status"},
        {"rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, "", "", ""},
        {"rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, "", "", ""},
        {"rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, "", "", ""},
        {"rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding",
         false, "", "", ""},
        {"autoscaling", "v2,v1", "horizontalpodautoscalers", "horizontalpodautoscaler",
         "HorizontalPodAutoscaler", true, "hpa", "all", "status"},
        {"coordination.k8s.io", "v1", "leases", "lease", "Lease", true, "", "", ""},
        {"events.k8s.io", "v1", "events", "event", "Event", true, "ev", "", ""},
        {"apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
         "CustomResourceDefinition", false, "crd,crds", "api-extensions", "status"},
        {"authorization.k8s.io", "v1", "selfsubjectaccessreviews", "selfsubjectaccessreview",
         "SelfSubjectAccessReview", false, "", "", "", true},
        {"authorization.k8s.io", "v1", "selfsubjectrulesreviews", "selfsubjectrulesreview",
         "SelfSubjectRulesReview", false, "", "", "", true},
        {"authentication.k8s.io", "v1", "selfsubjectreviews", "selfsubjectreview", "SelfSubjectReview", false,
         "", "", "", true},
    };

    QList<ResourceType> types;
    for (const Spec& spec : specs) {
        ResourceType type;
        type.group = QString::fromLatin1(spec.group);
        type.versions = split(spec.versions);
        type.resource = QString::fromLatin1(spec.resource);
        type.singular = QString::fromLatin1(spec.singular);
        type.kind = QString::fromLatin1(spec.kind);
        type.namespaced = spec.namespaced;
        type.shortNames = split(spec.shortNames);
        type.categories = split(spec.categories);
        type.verbs = spec.createOnlyVerbs ? createOnly : standardVerbs;
        for (const QString& sub : split(spec.subresources)) {
            type.subresources.append(makeSubresource(type, sub));
        }
        types.append(type);
    }
    return types;
}

} // namespace binnacle::sim
