// networking.k8s.io/v1 Ingress, policy/v1 PodDisruptionBudget and Eviction, scheduling.k8s.io/v1
// PriorityClass, coordination.k8s.io/v1 Lease.
#include "protobufschema.h"

namespace binnacle::sim::pbschema {

namespace {

constexpr FieldSpec ingress[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "IngressSpec"),
    msg(3, "status", "IngressStatus"),
};
constexpr FieldSpec ingressSpec[] = {
    ptr(msg(1, "defaultBackend", "IngressBackend")),
    list(msg(2, "tls", "IngressTLS")),
    list(msg(3, "rules", "IngressRule")),
    ptr(str(4, "ingressClassName")),
};
constexpr FieldSpec ingressBackend[] = {
    ptr(msg(3, "resource", "TypedLocalObjectReference")),
    ptr(msg(4, "service", "IngressServiceBackend")),
};
constexpr FieldSpec ingressServiceBackend[] = {always(str(1, "name")), msg(2, "port", "ServiceBackendPort")};
constexpr FieldSpec serviceBackendPort[] = {str(1, "name"), i32(2, "number")};
constexpr FieldSpec ingressTLS[] = {list(str(1, "hosts")), str(2, "secretName")};
constexpr FieldSpec ingressRule[] = {str(1, "host"), inlined(2, "IngressRuleValue")};
constexpr FieldSpec ingressRuleValue[] = {ptr(msg(1, "http", "HTTPIngressRuleValue"))};
constexpr FieldSpec httpIngressRuleValue[] = {always(list(msg(1, "paths", "HTTPIngressPath")))};
constexpr FieldSpec httpIngressPath[] = {
    str(1, "path"),
    always(msg(2, "backend", "IngressBackend")),
    ptr(str(3, "pathType")),
};
constexpr FieldSpec ingressStatus[] = {msg(1, "loadBalancer", "IngressLoadBalancerStatus")};
constexpr FieldSpec ingressLoadBalancerStatus[] = {list(msg(1, "ingress", "IngressLoadBalancerIngress"))};
constexpr FieldSpec ingressLoadBalancerIngress[] = {
    str(1, "ip"),
    str(2, "hostname"),
    list(msg(4, "ports", "IngressPortStatus")),
};
constexpr FieldSpec ingressPortStatus[] = {always(i32(1, "port")), always(str(2, "protocol")),
                                           ptr(str(3, "error"))};

constexpr FieldSpec podDisruptionBudget[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "PodDisruptionBudgetSpec"),
    msg(3, "status", "PodDisruptionBudgetStatus"),
};
constexpr FieldSpec podDisruptionBudgetSpec[] = {
    ptr(intOrString(1, "minAvailable")),
    ptr(msg(2, "selector", "LabelSelector")),
    ptr(intOrString(3, "maxUnavailable")),
    ptr(str(4, "unhealthyPodEvictionPolicy")),
};
constexpr FieldSpec podDisruptionBudgetStatus[] = {
    i64(1, "observedGeneration"),
    map(time(2, "disruptedPods")),
    always(i32(3, "disruptionsAllowed")),
    always(i32(4, "currentHealthy")),
    always(i32(5, "desiredHealthy")),
    always(i32(6, "expectedPods")),
    list(msg(7, "conditions", "Condition")),
};
constexpr FieldSpec eviction[] = {
    msg(1, "metadata", "ObjectMeta"),
    ptr(msg(2, "deleteOptions", "DeleteOptions")),
};

constexpr FieldSpec priorityClass[] = {
    msg(1, "metadata", "ObjectMeta"), always(i32(2, "value")),
    boolean(3, "globalDefault"),      str(4, "description"),
    ptr(str(5, "preemptionPolicy")),
};

constexpr FieldSpec lease[] = {msg(1, "metadata", "ObjectMeta"), msg(2, "spec", "LeaseSpec")};
constexpr FieldSpec leaseSpec[] = {
    ptr(str(1, "holderIdentity")),  ptr(i32(2, "leaseDurationSeconds")), ptr(microTime(3, "acquireTime")),
    ptr(microTime(4, "renewTime")), ptr(i32(5, "leaseTransitions")),     ptr(str(6, "strategy")),
    ptr(str(7, "preferredHolder")),
};

constexpr MessageSpec messages[] = {
    {"Ingress", ingress},
    {"IngressSpec", ingressSpec},
    {"IngressBackend", ingressBackend},
    {"IngressServiceBackend", ingressServiceBackend},
    {"ServiceBackendPort", serviceBackendPort},
    {"IngressTLS", ingressTLS},
    {"IngressRule", ingressRule},
    {"IngressRuleValue", ingressRuleValue},
    {"HTTPIngressRuleValue", httpIngressRuleValue},
    {"HTTPIngressPath", httpIngressPath},
    {"IngressStatus", ingressStatus},
    {"IngressLoadBalancerStatus", ingressLoadBalancerStatus},
    {"IngressLoadBalancerIngress", ingressLoadBalancerIngress},
    {"IngressPortStatus", ingressPortStatus},
    {"PodDisruptionBudget", podDisruptionBudget},
    {"PodDisruptionBudgetSpec", podDisruptionBudgetSpec},
    {"PodDisruptionBudgetStatus", podDisruptionBudgetStatus},
    {"Eviction", eviction},
    {"PriorityClass", priorityClass},
    {"Lease", lease},
    {"LeaseSpec", leaseSpec},
};

} // namespace

std::span<const MessageSpec> networkingPolicyMessages() {
    return messages;
}

} // namespace binnacle::sim::pbschema
