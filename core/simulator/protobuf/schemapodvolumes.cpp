// core/v1's pod-level settings: volumes, security contexts, scheduling (affinity, tolerations, spreading).
#include "protobufschema.h"

namespace binnacle::sim::pbschema {

namespace {

constexpr FieldSpec volume[] = {always(str(1, "name")), inlined(2, "VolumeSource")};
// The common volume sources; the cloud-vendor and deprecated ones (gcePersistentDisk, awsElasticBlockStore,
// gitRepo, iscsi, glusterfs, rbd, flexVolume, cinder, cephfs, flocker, fc, azureFile, vsphereVolume,
// quobyte, azureDisk, photonPersistentDisk, portworxVolume, scaleIO, storageos, ephemeral) are not covered.
constexpr FieldSpec volumeSource[] = {
    ptr(msg(1, "hostPath", "HostPathVolumeSource")),
    ptr(msg(2, "emptyDir", "EmptyDirVolumeSource")),
    ptr(msg(6, "secret", "SecretVolumeSource")),
    ptr(msg(7, "nfs", "NFSVolumeSource")),
    ptr(msg(10, "persistentVolumeClaim", "PersistentVolumeClaimVolumeSource")),
    ptr(msg(16, "downwardAPI", "DownwardAPIVolumeSource")),
    ptr(msg(19, "configMap", "ConfigMapVolumeSource")),
    ptr(msg(26, "projected", "ProjectedVolumeSource")),
    ptr(msg(28, "csi", "CSIVolumeSource")),
    ptr(msg(30, "image", "ImageVolumeSource")),
};
constexpr FieldSpec hostPathVolumeSource[] = {always(str(1, "path")), ptr(str(2, "type"))};
constexpr FieldSpec emptyDirVolumeSource[] = {str(1, "medium"), ptr(quantity(2, "sizeLimit"))};
constexpr FieldSpec secretVolumeSource[] = {
    str(1, "secretName"),
    list(msg(2, "items", "KeyToPath")),
    ptr(i32(3, "defaultMode")),
    ptr(boolean(4, "optional")),
};
constexpr FieldSpec keyToPath[] = {always(str(1, "key")), always(str(2, "path")), ptr(i32(3, "mode"))};
constexpr FieldSpec nfsVolumeSource[] = {always(str(1, "server")), always(str(2, "path")),
                                         boolean(3, "readOnly")};
constexpr FieldSpec persistentVolumeClaimVolumeSource[] = {always(str(1, "claimName")),
                                                           boolean(2, "readOnly")};
constexpr FieldSpec downwardAPIVolumeSource[] = {
    list(msg(1, "items", "DownwardAPIVolumeFile")),
    ptr(i32(2, "defaultMode")),
};
constexpr FieldSpec downwardAPIVolumeFile[] = {
    always(str(1, "path")),
    ptr(msg(2, "fieldRef", "ObjectFieldSelector")),
    ptr(msg(3, "resourceFieldRef", "ResourceFieldSelector")),
    ptr(i32(4, "mode")),
};
constexpr FieldSpec configMapVolumeSource[] = {
    inlined(1, "LocalObjectReference"),
    list(msg(2, "items", "KeyToPath")),
    ptr(i32(3, "defaultMode")),
    ptr(boolean(4, "optional")),
};
constexpr FieldSpec projectedVolumeSource[] = {
    list(msg(1, "sources", "VolumeProjection")),
    ptr(i32(2, "defaultMode")),
};
constexpr FieldSpec volumeProjection[] = {
    ptr(msg(1, "secret", "SecretProjection")),
    ptr(msg(2, "downwardAPI", "DownwardAPIProjection")),
    ptr(msg(3, "configMap", "ConfigMapProjection")),
    ptr(msg(4, "serviceAccountToken", "ServiceAccountTokenProjection")),
    ptr(msg(5, "clusterTrustBundle", "ClusterTrustBundleProjection")),
};
// SecretProjection and ConfigMapProjection.
constexpr FieldSpec keyProjection[] = {
    inlined(1, "LocalObjectReference"),
    list(msg(2, "items", "KeyToPath")),
    ptr(boolean(4, "optional")),
};
constexpr FieldSpec downwardAPIProjection[] = {list(msg(1, "items", "DownwardAPIVolumeFile"))};
constexpr FieldSpec serviceAccountTokenProjection[] = {
    str(1, "audience"),
    ptr(i64(2, "expirationSeconds")),
    always(str(3, "path")),
};
constexpr FieldSpec clusterTrustBundleProjection[] = {
    ptr(str(1, "name")),         ptr(str(2, "signerName")), ptr(msg(3, "labelSelector", "LabelSelector")),
    ptr(boolean(5, "optional")), always(str(4, "path")),
};
constexpr FieldSpec csiVolumeSource[] = {
    always(str(1, "driver")),
    ptr(boolean(2, "readOnly")),
    ptr(str(3, "fsType")),
    map(str(4, "volumeAttributes")),
    ptr(msg(5, "nodePublishSecretRef", "LocalObjectReference")),
};
constexpr FieldSpec imageVolumeSource[] = {str(1, "reference"), str(2, "pullPolicy")};

constexpr FieldSpec securityContext[] = {
    ptr(msg(1, "capabilities", "Capabilities")),
    ptr(boolean(2, "privileged")),
    ptr(msg(3, "seLinuxOptions", "SELinuxOptions")),
    ptr(i64(4, "runAsUser")),
    ptr(boolean(5, "runAsNonRoot")),
    ptr(boolean(6, "readOnlyRootFilesystem")),
    ptr(boolean(7, "allowPrivilegeEscalation")),
    ptr(i64(8, "runAsGroup")),
    ptr(str(9, "procMount")),
    ptr(msg(10, "windowsOptions", "WindowsSecurityContextOptions")),
    ptr(msg(11, "seccompProfile", "SeccompProfile")),
    ptr(msg(12, "appArmorProfile", "AppArmorProfile")),
};
constexpr FieldSpec podSecurityContext[] = {
    ptr(msg(1, "seLinuxOptions", "SELinuxOptions")),
    ptr(i64(2, "runAsUser")),
    ptr(boolean(3, "runAsNonRoot")),
    list(i64(4, "supplementalGroups")),
    ptr(i64(5, "fsGroup")),
    ptr(i64(6, "runAsGroup")),
    list(msg(7, "sysctls", "Sysctl")),
    ptr(msg(8, "windowsOptions", "WindowsSecurityContextOptions")),
    ptr(str(9, "fsGroupChangePolicy")),
    ptr(msg(10, "seccompProfile", "SeccompProfile")),
    ptr(msg(11, "appArmorProfile", "AppArmorProfile")),
    ptr(str(12, "supplementalGroupsPolicy")),
    ptr(str(13, "seLinuxChangePolicy")),
};
constexpr FieldSpec capabilities[] = {list(str(1, "add")), list(str(2, "drop"))};
constexpr FieldSpec seLinuxOptions[] = {str(1, "user"), str(2, "role"), str(3, "type"), str(4, "level")};
constexpr FieldSpec windowsSecurityContextOptions[] = {
    ptr(str(1, "gmsaCredentialSpecName")),
    ptr(str(2, "gmsaCredentialSpec")),
    ptr(str(3, "runAsUserName")),
    ptr(boolean(4, "hostProcess")),
};
// SeccompProfile and AppArmorProfile.
constexpr FieldSpec securityProfile[] = {always(str(1, "type")), ptr(str(2, "localhostProfile"))};
constexpr FieldSpec sysctl[] = {always(str(1, "name")), always(str(2, "value"))};

constexpr FieldSpec toleration[] = {
    str(1, "key"), str(2, "operator"), str(3, "value"), str(4, "effect"), ptr(i64(5, "tolerationSeconds")),
};
constexpr FieldSpec hostAlias[] = {always(str(1, "ip")), list(str(2, "hostnames"))};
constexpr FieldSpec podDNSConfig[] = {
    list(str(1, "nameservers")),
    list(str(2, "searches")),
    list(msg(3, "options", "PodDNSConfigOption")),
};
constexpr FieldSpec podDNSConfigOption[] = {str(1, "name"), ptr(str(2, "value"))};
constexpr FieldSpec podReadinessGate[] = {always(str(1, "conditionType"))};
constexpr FieldSpec topologySpreadConstraint[] = {
    always(i32(1, "maxSkew")),           always(str(2, "topologyKey")),
    always(str(3, "whenUnsatisfiable")), ptr(msg(4, "labelSelector", "LabelSelector")),
    ptr(i32(5, "minDomains")),           ptr(str(6, "nodeAffinityPolicy")),
    ptr(str(7, "nodeTaintsPolicy")),     list(str(8, "matchLabelKeys")),
};
// PodOS and PodSchedulingGate: {name=1}.
constexpr FieldSpec nameOnly[] = {always(str(1, "name"))};
constexpr FieldSpec podResourceClaim[] = {
    always(str(1, "name")),
    ptr(str(3, "resourceClaimName")),
    ptr(str(4, "resourceClaimTemplateName")),
};

constexpr FieldSpec affinity[] = {
    ptr(msg(1, "nodeAffinity", "NodeAffinity")),
    ptr(msg(2, "podAffinity", "PodAffinity")),
    ptr(msg(3, "podAntiAffinity", "PodAntiAffinity")),
};
constexpr FieldSpec nodeAffinity[] = {
    ptr(msg(1, "requiredDuringSchedulingIgnoredDuringExecution", "NodeSelector")),
    list(msg(2, "preferredDuringSchedulingIgnoredDuringExecution", "PreferredSchedulingTerm")),
};
constexpr FieldSpec nodeSelector[] = {list(msg(1, "nodeSelectorTerms", "NodeSelectorTerm"))};
constexpr FieldSpec nodeSelectorTerm[] = {
    list(msg(1, "matchExpressions", "NodeSelectorRequirement")),
    list(msg(2, "matchFields", "NodeSelectorRequirement")),
};
constexpr FieldSpec nodeSelectorRequirement[] = {
    always(str(1, "key")),
    always(str(2, "operator")),
    list(str(3, "values")),
};
constexpr FieldSpec preferredSchedulingTerm[] = {
    always(i32(1, "weight")),
    always(msg(2, "preference", "NodeSelectorTerm")),
};
// PodAffinity and PodAntiAffinity have the same shape.
constexpr FieldSpec podAffinity[] = {
    list(msg(1, "requiredDuringSchedulingIgnoredDuringExecution", "PodAffinityTerm")),
    list(msg(2, "preferredDuringSchedulingIgnoredDuringExecution", "WeightedPodAffinityTerm")),
};
constexpr FieldSpec podAffinityTerm[] = {
    ptr(msg(1, "labelSelector", "LabelSelector")),
    list(str(2, "namespaces")),
    always(str(3, "topologyKey")),
    ptr(msg(4, "namespaceSelector", "LabelSelector")),
    list(str(5, "matchLabelKeys")),
    list(str(6, "mismatchLabelKeys")),
};
constexpr FieldSpec weightedPodAffinityTerm[] = {
    always(i32(1, "weight")),
    msg(2, "podAffinityTerm", "PodAffinityTerm"),
};

constexpr MessageSpec messages[] = {
    {"Volume", volume},
    {"VolumeSource", volumeSource},
    {"HostPathVolumeSource", hostPathVolumeSource},
    {"EmptyDirVolumeSource", emptyDirVolumeSource},
    {"SecretVolumeSource", secretVolumeSource},
    {"KeyToPath", keyToPath},
    {"NFSVolumeSource", nfsVolumeSource},
    {"PersistentVolumeClaimVolumeSource", persistentVolumeClaimVolumeSource},
    {"DownwardAPIVolumeSource", downwardAPIVolumeSource},
    {"DownwardAPIVolumeFile", downwardAPIVolumeFile},
    {"ConfigMapVolumeSource", configMapVolumeSource},
    {"ProjectedVolumeSource", projectedVolumeSource},
    {"VolumeProjection", volumeProjection},
    {"SecretProjection", keyProjection},
    {"ConfigMapProjection", keyProjection},
    {"DownwardAPIProjection", downwardAPIProjection},
    {"ServiceAccountTokenProjection", serviceAccountTokenProjection},
    {"ClusterTrustBundleProjection", clusterTrustBundleProjection},
    {"CSIVolumeSource", csiVolumeSource},
    {"ImageVolumeSource", imageVolumeSource},
    {"SecurityContext", securityContext},
    {"PodSecurityContext", podSecurityContext},
    {"Capabilities", capabilities},
    {"SELinuxOptions", seLinuxOptions},
    {"WindowsSecurityContextOptions", windowsSecurityContextOptions},
    {"SeccompProfile", securityProfile},
    {"AppArmorProfile", securityProfile},
    {"Sysctl", sysctl},
    {"Toleration", toleration},
    {"HostAlias", hostAlias},
    {"PodDNSConfig", podDNSConfig},
    {"PodDNSConfigOption", podDNSConfigOption},
    {"PodReadinessGate", podReadinessGate},
    {"TopologySpreadConstraint", topologySpreadConstraint},
    {"PodOS", nameOnly},
    {"PodSchedulingGate", nameOnly},
    {"PodResourceClaim", podResourceClaim},
    {"Affinity", affinity},
    {"NodeAffinity", nodeAffinity},
    {"NodeSelector", nodeSelector},
    {"NodeSelectorTerm", nodeSelectorTerm},
    {"NodeSelectorRequirement", nodeSelectorRequirement},
    {"PreferredSchedulingTerm", preferredSchedulingTerm},
    {"PodAffinity", podAffinity},
    {"PodAntiAffinity", podAffinity},
    {"PodAffinityTerm", podAffinityTerm},
    {"WeightedPodAffinityTerm", weightedPodAffinityTerm},
};

} // namespace

std::span<const MessageSpec> podVolumeMessages() {
    return messages;
}

} // namespace binnacle::sim::pbschema
