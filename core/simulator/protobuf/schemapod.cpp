// core/v1's pod tree: PodSpec, Container and what containers embed (k8s.io/api core/v1/generated.proto).
#include "protobufschema.h"

namespace binnacle::sim::pbschema {

namespace {

constexpr FieldSpec pod[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "PodSpec"),
    msg(3, "status", "PodStatus"),
};
constexpr FieldSpec podTemplateSpec[] = {msg(1, "metadata", "ObjectMeta"), msg(2, "spec", "PodSpec")};

constexpr FieldSpec podSpec[] = {
    list(msg(1, "volumes", "Volume")),
    list(msg(2, "containers", "Container")),
    str(3, "restartPolicy"),
    ptr(i64(4, "terminationGracePeriodSeconds")),
    ptr(i64(5, "activeDeadlineSeconds")),
    str(6, "dnsPolicy"),
    map(str(7, "nodeSelector")),
    str(8, "serviceAccountName"),
    str(9, "serviceAccount"),
    str(10, "nodeName"),
    boolean(11, "hostNetwork"),
    boolean(12, "hostPID"),
    boolean(13, "hostIPC"),
    ptr(msg(14, "securityContext", "PodSecurityContext")),
    list(msg(15, "imagePullSecrets", "LocalObjectReference")),
    str(16, "hostname"),
    str(17, "subdomain"),
    ptr(msg(18, "affinity", "Affinity")),
    str(19, "schedulerName"),
    list(msg(20, "initContainers", "Container")),
    ptr(boolean(21, "automountServiceAccountToken")),
    list(msg(22, "tolerations", "Toleration")),
    list(msg(23, "hostAliases", "HostAlias")),
    str(24, "priorityClassName"),
    ptr(i32(25, "priority")),
    ptr(msg(26, "dnsConfig", "PodDNSConfig")),
    ptr(boolean(27, "shareProcessNamespace")),
    list(msg(28, "readinessGates", "PodReadinessGate")),
    ptr(str(29, "runtimeClassName")),
    ptr(boolean(30, "enableServiceLinks")),
    ptr(str(31, "preemptionPolicy")),
    map(quantity(32, "overhead")),
    list(msg(33, "topologySpreadConstraints", "TopologySpreadConstraint")),
    list(msg(34, "ephemeralContainers", "EphemeralContainer")),
    ptr(boolean(35, "setHostnameAsFQDN")),
    ptr(msg(36, "os", "PodOS")),
    ptr(boolean(37, "hostUsers")),
    list(msg(38, "schedulingGates", "PodSchedulingGate")),
    list(msg(39, "resourceClaims", "PodResourceClaim")),
    ptr(msg(40, "resources", "ResourceRequirements")),
};

// Shared by Container and EphemeralContainerCommon, which have the same fields and numbers.
constexpr FieldSpec container[] = {
    always(str(1, "name")),
    str(2, "image"),
    list(str(3, "command")),
    list(str(4, "args")),
    str(5, "workingDir"),
    list(msg(6, "ports", "ContainerPort")),
    list(msg(7, "env", "EnvVar")),
    msg(8, "resources", "ResourceRequirements"),
    list(msg(9, "volumeMounts", "VolumeMount")),
    ptr(msg(10, "livenessProbe", "Probe")),
    ptr(msg(11, "readinessProbe", "Probe")),
    ptr(msg(12, "lifecycle", "Lifecycle")),
    str(13, "terminationMessagePath"),
    str(14, "imagePullPolicy"),
    ptr(msg(15, "securityContext", "SecurityContext")),
    boolean(16, "stdin"),
    boolean(17, "stdinOnce"),
    boolean(18, "tty"),
    list(msg(19, "envFrom", "EnvFromSource")),
    str(20, "terminationMessagePolicy"),
    list(msg(21, "volumeDevices", "VolumeDevice")),
    ptr(msg(22, "startupProbe", "Probe")),
    list(msg(23, "resizePolicy", "ContainerResizePolicy")),
    ptr(str(24, "restartPolicy")),
};
constexpr FieldSpec ephemeralContainer[] = {
    inlined(1, "EphemeralContainerCommon"),
    str(2, "targetContainerName"),
};

constexpr FieldSpec containerPort[] = {
    str(1, "name"), i32(2, "hostPort"), always(i32(3, "containerPort")), str(4, "protocol"), str(5, "hostIP"),
};
constexpr FieldSpec envVar[] = {
    always(str(1, "name")),
    str(2, "value"),
    ptr(msg(3, "valueFrom", "EnvVarSource")),
};
constexpr FieldSpec envVarSource[] = {
    ptr(msg(1, "fieldRef", "ObjectFieldSelector")),
    ptr(msg(2, "resourceFieldRef", "ResourceFieldSelector")),
    ptr(msg(3, "configMapKeyRef", "ConfigMapKeySelector")),
    ptr(msg(4, "secretKeyRef", "SecretKeySelector")),
};
constexpr FieldSpec objectFieldSelector[] = {str(1, "apiVersion"), always(str(2, "fieldPath"))};
constexpr FieldSpec resourceFieldSelector[] = {
    str(1, "containerName"),
    always(str(2, "resource")),
    ptr(quantity(3, "divisor")),
};
// ConfigMapKeySelector and SecretKeySelector embed LocalObjectReference.
constexpr FieldSpec keySelector[] = {
    inlined(1, "LocalObjectReference"),
    always(str(2, "key")),
    ptr(boolean(3, "optional")),
};
constexpr FieldSpec envFromSource[] = {
    str(1, "prefix"),
    ptr(msg(2, "configMapRef", "ConfigMapEnvSource")),
    ptr(msg(3, "secretRef", "SecretEnvSource")),
};
// ConfigMapEnvSource and SecretEnvSource.
constexpr FieldSpec envSource[] = {inlined(1, "LocalObjectReference"), ptr(boolean(2, "optional"))};

constexpr FieldSpec resourceRequirements[] = {
    map(quantity(1, "limits")),
    map(quantity(2, "requests")),
    list(msg(3, "claims", "ResourceClaim")),
};
constexpr FieldSpec resourceClaim[] = {always(str(1, "name")), str(2, "request")};
constexpr FieldSpec volumeMount[] = {
    always(str(1, "name")),           boolean(2, "readOnly"),
    always(str(3, "mountPath")),      str(4, "subPath"),
    ptr(str(5, "mountPropagation")),  str(6, "subPathExpr"),
    ptr(str(7, "recursiveReadOnly")),
};
constexpr FieldSpec volumeDevice[] = {always(str(1, "name")), always(str(2, "devicePath"))};
constexpr FieldSpec containerResizePolicy[] = {always(str(1, "resourceName")),
                                               always(str(2, "restartPolicy"))};

constexpr FieldSpec probe[] = {
    inlined(1, "ProbeHandler"),
    i32(2, "initialDelaySeconds"),
    i32(3, "timeoutSeconds"),
    i32(4, "periodSeconds"),
    i32(5, "successThreshold"),
    i32(6, "failureThreshold"),
    ptr(i64(7, "terminationGracePeriodSeconds")),
};
constexpr FieldSpec probeHandler[] = {
    ptr(msg(1, "exec", "ExecAction")),
    ptr(msg(2, "httpGet", "HTTPGetAction")),
    ptr(msg(3, "tcpSocket", "TCPSocketAction")),
    ptr(msg(4, "grpc", "GRPCAction")),
};
constexpr FieldSpec execAction[] = {list(str(1, "command"))};
constexpr FieldSpec httpGetAction[] = {
    str(1, "path"),
    intOrString(2, "port"),
    str(3, "host"),
    str(4, "scheme"),
    list(msg(5, "httpHeaders", "HTTPHeader")),
};
constexpr FieldSpec httpHeader[] = {always(str(1, "name")), always(str(2, "value"))};
constexpr FieldSpec tcpSocketAction[] = {intOrString(1, "port"), str(2, "host")};
constexpr FieldSpec grpcAction[] = {always(i32(1, "port")), ptr(str(2, "service"))};
constexpr FieldSpec lifecycle[] = {
    ptr(msg(1, "postStart", "LifecycleHandler")),
    ptr(msg(2, "preStop", "LifecycleHandler")),
};
constexpr FieldSpec lifecycleHandler[] = {
    ptr(msg(1, "exec", "ExecAction")),
    ptr(msg(2, "httpGet", "HTTPGetAction")),
    ptr(msg(3, "tcpSocket", "TCPSocketAction")),
    ptr(msg(4, "sleep", "SleepAction")),
};
constexpr FieldSpec sleepAction[] = {always(i64(1, "seconds"))};

// Pod status as far as it has no container statuses; those are written by kubelets, not kubectl.
constexpr FieldSpec podStatus[] = {
    str(1, "phase"),
    list(msg(2, "conditions", "PodCondition")),
    str(3, "message"),
    str(4, "reason"),
    str(5, "hostIP"),
    str(6, "podIP"),
    ptr(time(7, "startTime")),
    str(9, "qosClass"),
    str(11, "nominatedNodeName"),
    list(msg(12, "podIPs", "PodIP")),
    str(14, "resize"),
    list(msg(16, "hostIPs", "HostIP")),
};
constexpr FieldSpec podCondition[] = {
    always(str(1, "type")),        always(str(2, "status")), time(3, "lastProbeTime"),
    time(4, "lastTransitionTime"), str(5, "reason"),         str(6, "message"),
};
// PodIP and HostIP: {ip=1}.
constexpr FieldSpec podIP[] = {always(str(1, "ip"))};

constexpr MessageSpec messages[] = {
    {"Pod", pod},
    {"PodTemplateSpec", podTemplateSpec},
    {"PodSpec", podSpec},
    {"Container", container},
    {"EphemeralContainerCommon", container},
    {"EphemeralContainer", ephemeralContainer},
    {"ContainerPort", containerPort},
    {"EnvVar", envVar},
    {"EnvVarSource", envVarSource},
    {"ObjectFieldSelector", objectFieldSelector},
    {"ResourceFieldSelector", resourceFieldSelector},
    {"ConfigMapKeySelector", keySelector},
    {"SecretKeySelector", keySelector},
    {"EnvFromSource", envFromSource},
    {"ConfigMapEnvSource", envSource},
    {"SecretEnvSource", envSource},
    {"ResourceRequirements", resourceRequirements},
    {"ResourceClaim", resourceClaim},
    {"VolumeMount", volumeMount},
    {"VolumeDevice", volumeDevice},
    {"ContainerResizePolicy", containerResizePolicy},
    {"Probe", probe},
    {"ProbeHandler", probeHandler},
    {"ExecAction", execAction},
    {"HTTPGetAction", httpGetAction},
    {"HTTPHeader", httpHeader},
    {"TCPSocketAction", tcpSocketAction},
    {"GRPCAction", grpcAction},
    {"Lifecycle", lifecycle},
    {"LifecycleHandler", lifecycleHandler},
    {"SleepAction", sleepAction},
    {"PodStatus", podStatus},
    {"PodCondition", podCondition},
    {"PodIP", podIP},
    {"HostIP", podIP},
};

} // namespace

std::span<const MessageSpec> podMessages() {
    return messages;
}

} // namespace binnacle::sim::pbschema
