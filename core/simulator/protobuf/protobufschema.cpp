#include "protobufschema.h"

#include <array>
#include <unordered_map>
#include <vector>

namespace binnacle::sim::pbschema {

namespace {

// "*" matches any apiVersion: client-go encodes DeleteOptions in the group version of the client it uses.
constexpr KindSpec kinds[] = {
    {"v1", "Namespace", "Namespace"},
    {"v1", "ConfigMap", "ConfigMap"},
    {"v1", "Secret", "Secret"},
    {"v1", "ServiceAccount", "ServiceAccount"},
    {"v1", "Service", "Service"},
    {"v1", "ResourceQuota", "ResourceQuota"},
    {"v1", "Pod", "Pod"},
    {"apps/v1", "Deployment", "Deployment"},
    {"batch/v1", "Job", "Job"},
    {"batch/v1", "CronJob", "CronJob"},
    {"rbac.authorization.k8s.io/v1", "Role", "Role"},
    {"rbac.authorization.k8s.io/v1", "ClusterRole", "ClusterRole"},
    {"rbac.authorization.k8s.io/v1", "RoleBinding", "RoleBinding"},
    {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "ClusterRoleBinding"},
    {"authorization.k8s.io/v1", "SelfSubjectAccessReview", "SelfSubjectAccessReview"},
    {"authorization.k8s.io/v1", "SelfSubjectRulesReview", "SelfSubjectRulesReview"},
    {"authorization.k8s.io/v1", "SubjectAccessReview", "SubjectAccessReview"},
    {"authorization.k8s.io/v1", "LocalSubjectAccessReview", "LocalSubjectAccessReview"},
    {"authentication.k8s.io/v1", "SelfSubjectReview", "SelfSubjectReview"},
    {"authentication.k8s.io/v1", "TokenRequest", "TokenRequest"},
    {"authentication.k8s.io/v1", "TokenReview", "TokenReview"},
    {"policy/v1", "PodDisruptionBudget", "PodDisruptionBudget"},
    {"policy/v1", "Eviction", "Eviction"},
    {"networking.k8s.io/v1", "Ingress", "Ingress"},
    {"scheduling.k8s.io/v1", "PriorityClass", "PriorityClass"},
    {"coordination.k8s.io/v1", "Lease", "Lease"},
    {"*", "DeleteOptions", "DeleteOptions"},
};

struct Registry {
    std::vector<const MessageSpec*> messages;
    std::unordered_map<std::string_view, const MessageSpec*> byName;

    Registry() {
        const std::array groups = {metaMessages(),
                                   coreMessages(),
                                   podMessages(),
                                   podVolumeMessages(),
                                   appsBatchMessages(),
                                   rbacAuthMessages(),
                                   networkingPolicyMessages()};
        for (const auto group : groups) {
            for (const MessageSpec& message : group) {
                messages.push_back(&message);
                byName.emplace(message.name, &message);
            }
        }
    }
};

const Registry& registry() {
    static const Registry instance;
    return instance;
}

} // namespace

const MessageSpec* findMessage(std::string_view name) {
    const auto& byName = registry().byName;
    const auto found = byName.find(name);
    return found == byName.end() ? nullptr : found->second;
}

const KindSpec* findKind(std::string_view apiVersion, std::string_view kind) {
    for (const KindSpec& spec : kinds) {
        if (spec.kind == kind && (spec.apiVersion == apiVersion || spec.apiVersion == "*"))
            return &spec;
    }
    return nullptr;
}

std::span<const MessageSpec* const> allMessages() {
    return registry().messages;
}

std::span<const KindSpec> allKinds() {
    return kinds;
}

} // namespace binnacle::sim::pbschema
