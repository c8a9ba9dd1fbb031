// core/v1 kinds other than the pod tree (k8s.io/api core/v1/generated.proto).
#include "protobufschema.h"

namespace binnacle::sim::pbschema {

namespace {

constexpr FieldSpec namespaceKind[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "NamespaceSpec"),
    msg(3, "status", "NamespaceStatus"),
};
constexpr FieldSpec namespaceSpec[] = {list(str(1, "finalizers"))};
constexpr FieldSpec namespaceStatus[] = {
    str(1, "phase"),
    list(msg(2, "conditions", "NamespaceCondition")),
};
constexpr FieldSpec namespaceCondition[] = {
    always(str(1, "type")), always(str(2, "status")), time(4, "lastTransitionTime"),
    str(5, "reason"),       str(6, "message"),
};

constexpr FieldSpec configMap[] = {
    msg(1, "metadata", "ObjectMeta"),
    map(str(2, "data")),
    map(bytes(3, "binaryData")),
    ptr(boolean(4, "immutable")),
};

constexpr FieldSpec secret[] = {
    msg(1, "metadata", "ObjectMeta"), map(bytes(2, "data")),        str(3, "type"),
    map(str(4, "stringData")),        ptr(boolean(5, "immutable")),
};

constexpr FieldSpec serviceAccount[] = {
    msg(1, "metadata", "ObjectMeta"),
    list(msg(2, "secrets", "ObjectReference")),
    list(msg(3, "imagePullSecrets", "LocalObjectReference")),
    ptr(boolean(4, "automountServiceAccountToken")),
};

constexpr FieldSpec objectReference[] = {
    str(1, "kind"),       str(2, "namespace"),       str(3, "name"),      str(4, "uid"),
    str(5, "apiVersion"), str(6, "resourceVersion"), str(7, "fieldPath"),
};
constexpr FieldSpec localObjectReference[] = {str(1, "name")};
constexpr FieldSpec typedLocalObjectReference[] = {
    ptr(str(1, "apiGroup")),
    always(str(2, "kind")),
    always(str(3, "name")),
};

constexpr FieldSpec service[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "ServiceSpec"),
    msg(3, "status", "ServiceStatus"),
};
constexpr FieldSpec serviceSpec[] = {
    list(msg(1, "ports", "ServicePort")),
    map(str(2, "selector")),
    str(3, "clusterIP"),
    str(4, "type"),
    list(str(5, "externalIPs")),
    str(7, "sessionAffinity"),
    str(8, "loadBalancerIP"),
    list(str(9, "loadBalancerSourceRanges")),
    str(10, "externalName"),
    str(11, "externalTrafficPolicy"),
    i32(12, "healthCheckNodePort"),
    boolean(13, "publishNotReadyAddresses"),
    ptr(msg(14, "sessionAffinityConfig", "SessionAffinityConfig")),
    ptr(str(17, "ipFamilyPolicy")),
    list(str(18, "clusterIPs")),
    list(str(19, "ipFamilies")),
    ptr(boolean(20, "allocateLoadBalancerNodePorts")),
    ptr(str(21, "loadBalancerClass")),
    ptr(str(22, "internalTrafficPolicy")),
    ptr(str(23, "trafficDistribution")),
};
constexpr FieldSpec servicePort[] = {
    str(1, "name"),     str(2, "protocol"),         always(i32(3, "port")), intOrString(4, "targetPort"),
    i32(5, "nodePort"), ptr(str(6, "appProtocol")),
};
constexpr FieldSpec sessionAffinityConfig[] = {ptr(msg(1, "clientIP", "ClientIPConfig"))};
constexpr FieldSpec clientIPConfig[] = {ptr(i32(1, "timeoutSeconds"))};
constexpr FieldSpec serviceStatus[] = {
    msg(1, "loadBalancer", "LoadBalancerStatus"),
    list(msg(2, "conditions", "Condition")),
};
constexpr FieldSpec loadBalancerStatus[] = {list(msg(1, "ingress", "LoadBalancerIngress"))};
constexpr FieldSpec loadBalancerIngress[] = {
    str(1, "ip"),
    str(2, "hostname"),
    ptr(str(3, "ipMode")),
    list(msg(4, "ports", "PortStatus")),
};
constexpr FieldSpec portStatus[] = {always(i32(1, "port")), always(str(2, "protocol")), ptr(str(3, "error"))};

constexpr FieldSpec resourceQuota[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "ResourceQuotaSpec"),
    msg(3, "status", "ResourceQuotaStatus"),
};
constexpr FieldSpec resourceQuotaSpec[] = {
    map(quantity(1, "hard")),
    list(str(2, "scopes")),
    ptr(msg(3, "scopeSelector", "ScopeSelector")),
};
constexpr FieldSpec scopeSelector[] = {list(msg(1, "matchExpressions", "ScopedResourceSelectorRequirement"))};
constexpr FieldSpec scopedResourceSelectorRequirement[] = {
    always(str(1, "scopeName")),
    always(str(2, "operator")),
    list(str(3, "values")),
};
constexpr FieldSpec resourceQuotaStatus[] = {map(quantity(1, "hard")), map(quantity(2, "used"))};

constexpr MessageSpec messages[] = {
    {"Namespace", namespaceKind},
    {"NamespaceSpec", namespaceSpec},
    {"NamespaceStatus", namespaceStatus},
    {"NamespaceCondition", namespaceCondition},
    {"ConfigMap", configMap},
    {"Secret", secret},
    {"ServiceAccount", serviceAccount},
    {"ObjectReference", objectReference},
    {"LocalObjectReference", localObjectReference},
    {"TypedLocalObjectReference", typedLocalObjectReference},
    {"Service", service},
    {"ServiceSpec", serviceSpec},
    {"ServicePort", servicePort},
    {"SessionAffinityConfig", sessionAffinityConfig},
    {"ClientIPConfig", clientIPConfig},
    {"ServiceStatus", serviceStatus},
    {"LoadBalancerStatus", loadBalancerStatus},
    {"LoadBalancerIngress", loadBalancerIngress},
    {"PortStatus", portStatus},
    {"ResourceQuota", resourceQuota},
    {"ResourceQuotaSpec", resourceQuotaSpec},
    {"ScopeSelector", scopeSelector},
    {"ScopedResourceSelectorRequirement", scopedResourceSelectorRequirement},
    {"ResourceQuotaStatus", resourceQuotaStatus},
};

} // namespace

std::span<const MessageSpec> coreMessages() {
    return messages;
}

} // namespace binnacle::sim::pbschema
