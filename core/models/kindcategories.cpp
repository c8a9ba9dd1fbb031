#include "kindcategories.h"

#include <QHash>

namespace binnacle {

namespace {

// "group/resource" (core group: "/resource") -> category, for the built-in kinds a dashboard shows.
const QHash<QString, KindCategory>& builtInCategories() {
    static const QHash<QString, KindCategory> categories = [] {
        QHash<QString, KindCategory> map;
        const auto add = [&map](KindCategory category, std::initializer_list<const char*> names) {
            for (const char* name : names) {
                map.insert(QString::fromLatin1(name), category);
            }
        };
        add(KindCategory::Workloads,
            {"/pods", "apps/deployments", "apps/daemonsets", "apps/statefulsets", "apps/replicasets",
             "batch/jobs", "batch/cronjobs", "/replicationcontrollers"});
        add(KindCategory::Network,
            {"/services", "/endpoints", "discovery.k8s.io/endpointslices", "networking.k8s.io/ingresses",
             "networking.k8s.io/ingressclasses", "networking.k8s.io/networkpolicies",
             "gateway.networking.k8s.io/gateways", "gateway.networking.k8s.io/httproutes",
             "gateway.networking.k8s.io/gatewayclasses"});
        add(KindCategory::Config,
            {"/configmaps", "/secrets", "/resourcequotas", "/limitranges",
             "autoscaling/horizontalpodautoscalers", "policy/poddisruptionbudgets",
             "scheduling.k8s.io/priorityclasses", "node.k8s.io/runtimeclasses", "coordination.k8s.io/leases",
             "admissionregistration.k8s.io/mutatingwebhookconfigurations",
             "admissionregistration.k8s.io/validatingwebhookconfigurations",
             "admissionregistration.k8s.io/validatingadmissionpolicies"});
        add(KindCategory::Storage,
            {"/persistentvolumeclaims", "/persistentvolumes", "storage.k8s.io/storageclasses",
             "storage.k8s.io/volumeattachments", "storage.k8s.io/csidrivers", "storage.k8s.io/csinodes",
             "storage.k8s.io/csistoragecapacities"});
        add(KindCategory::Cluster,
            {"/nodes", "/namespaces", "/events", "events.k8s.io/events",
             "apiextensions.k8s.io/customresourcedefinitions", "apiregistration.k8s.io/apiservices",
             "/componentstatuses", "certificates.k8s.io/certificatesigningrequests",
             "flowcontrol.apiserver.k8s.io/flowschemas",
             "flowcontrol.apiserver.k8s.io/prioritylevelconfigurations"});
        add(KindCategory::AccessControl,
            {"/serviceaccounts", "rbac.authorization.k8s.io/roles", "rbac.authorization.k8s.io/rolebindings",
             "rbac.authorization.k8s.io/clusterroles", "rbac.authorization.k8s.io/clusterrolebindings"});
        return map;
    }();
    return categories;
}

} // namespace

bool isBuiltInGroup(const QString& group) {
    return group.isEmpty() || !group.contains(QLatin1Char('.')) || group.endsWith(QLatin1String(".k8s.io")) ||
           group == QLatin1String("k8s.io");
}

KindCategory categoryOf(const client::ApiResource& resource) {
    const auto found = builtInCategories().constFind(resource.group + QLatin1Char('/') + resource.resource);
    if (found != builtInCategories().constEnd()) {
        return *found;
    }
    return isBuiltInGroup(resource.group) ? KindCategory::Other : KindCategory::CustomResources;
}

QString categoryName(KindCategory category) {
    switch (category) {
    case KindCategory::Workloads:
        return QStringLiteral("Workloads");
    case KindCategory::Network:
        return QStringLiteral("Network");
    case KindCategory::Config:
        return QStringLiteral("Config");
    case KindCategory::Storage:
        return QStringLiteral("Storage");
    case KindCategory::Cluster:
        return QStringLiteral("Cluster");
    case KindCategory::AccessControl:
        return QStringLiteral("Access control");
    case KindCategory::CustomResources:
        return QStringLiteral("Custom resources");
    case KindCategory::Other:
        return QStringLiteral("Other");
    }
    return QString();
}

} // namespace binnacle
