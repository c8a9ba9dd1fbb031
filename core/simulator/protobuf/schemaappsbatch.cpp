// apps/v1 Deployment and batch/v1 Job and CronJob (k8s.io/api apps/v1 and batch/v1 generated.proto).
#include "protobufschema.h"

namespace binnacle::sim::pbschema {

namespace {

constexpr FieldSpec deployment[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "DeploymentSpec"),
    msg(3, "status", "DeploymentStatus"),
};
constexpr FieldSpec deploymentSpec[] = {
    ptr(i32(1, "replicas")),
    ptr(msg(2, "selector", "LabelSelector")),
    msg(3, "template", "PodTemplateSpec"),
    msg(4, "strategy", "DeploymentStrategy"),
    i32(5, "minReadySeconds"),
    ptr(i32(6, "revisionHistoryLimit")),
    boolean(7, "paused"),
    ptr(i32(9, "progressDeadlineSeconds")),
};
constexpr FieldSpec deploymentStrategy[] = {
    str(1, "type"),
    ptr(msg(2, "rollingUpdate", "RollingUpdateDeployment")),
};
constexpr FieldSpec rollingUpdateDeployment[] = {
    ptr(intOrString(1, "maxUnavailable")),
    ptr(intOrString(2, "maxSurge")),
};
constexpr FieldSpec deploymentStatus[] = {
    i64(1, "observedGeneration"),  i32(2, "replicas"),
    i32(3, "updatedReplicas"),     i32(4, "availableReplicas"),
    i32(5, "unavailableReplicas"), list(msg(6, "conditions", "DeploymentCondition")),
    i32(7, "readyReplicas"),       ptr(i32(8, "collisionCount")),
};
constexpr FieldSpec deploymentCondition[] = {
    always(str(1, "type")), always(str(2, "status")),  str(4, "reason"),
    str(5, "message"),      time(6, "lastUpdateTime"), time(7, "lastTransitionTime"),
};

constexpr FieldSpec job[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "JobSpec"),
    msg(3, "status", "JobStatus"),
};
constexpr FieldSpec jobSpec[] = {
    ptr(i32(1, "parallelism")),
    ptr(i32(2, "completions")),
    ptr(i64(3, "activeDeadlineSeconds")),
    ptr(msg(4, "selector", "LabelSelector")),
    ptr(boolean(5, "manualSelector")),
    msg(6, "template", "PodTemplateSpec"),
    ptr(i32(7, "backoffLimit")),
    ptr(i32(8, "ttlSecondsAfterFinished")),
    ptr(str(9, "completionMode")),
    ptr(boolean(10, "suspend")),
    ptr(msg(11, "podFailurePolicy", "PodFailurePolicy")),
    ptr(i32(12, "backoffLimitPerIndex")),
    ptr(i32(13, "maxFailedIndexes")),
    ptr(str(14, "podReplacementPolicy")),
    ptr(str(15, "managedBy")),
    ptr(msg(16, "successPolicy", "SuccessPolicy")),
};
constexpr FieldSpec podFailurePolicy[] = {list(msg(1, "rules", "PodFailurePolicyRule"))};
constexpr FieldSpec podFailurePolicyRule[] = {
    always(str(1, "action")),
    ptr(msg(2, "onExitCodes", "PodFailurePolicyOnExitCodesRequirement")),
    list(msg(3, "onPodConditions", "PodFailurePolicyOnPodConditionsPattern")),
};
constexpr FieldSpec podFailurePolicyOnExitCodesRequirement[] = {
    ptr(str(1, "containerName")),
    always(str(2, "operator")),
    list(i32(3, "values")),
};
constexpr FieldSpec podFailurePolicyOnPodConditionsPattern[] = {always(str(1, "type")),
                                                                always(str(2, "status"))};
constexpr FieldSpec successPolicy[] = {list(msg(1, "rules", "SuccessPolicyRule"))};
constexpr FieldSpec successPolicyRule[] = {ptr(str(1, "succeededIndexes")), ptr(i32(2, "succeededCount"))};
constexpr FieldSpec jobStatus[] = {
    list(msg(1, "conditions", "JobCondition")),
    ptr(time(2, "startTime")),
    ptr(time(3, "completionTime")),
    i32(4, "active"),
    i32(5, "succeeded"),
    i32(6, "failed"),
    str(7, "completedIndexes"),
    ptr(msg(8, "uncountedTerminatedPods", "UncountedTerminatedPods")),
    ptr(i32(9, "ready")),
    ptr(str(10, "failedIndexes")),
    ptr(i32(11, "terminating")),
};
constexpr FieldSpec jobCondition[] = {
    always(str(1, "type")),        always(str(2, "status")), time(3, "lastProbeTime"),
    time(4, "lastTransitionTime"), str(5, "reason"),         str(6, "message"),
};
constexpr FieldSpec uncountedTerminatedPods[] = {list(str(1, "succeeded")), list(str(2, "failed"))};

constexpr FieldSpec cronJob[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "CronJobSpec"),
    msg(3, "status", "CronJobStatus"),
};
constexpr FieldSpec cronJobSpec[] = {
    always(str(1, "schedule")),
    ptr(i64(2, "startingDeadlineSeconds")),
    str(3, "concurrencyPolicy"),
    ptr(boolean(4, "suspend")),
    msg(5, "jobTemplate", "JobTemplateSpec"),
    ptr(i32(6, "successfulJobsHistoryLimit")),
    ptr(i32(7, "failedJobsHistoryLimit")),
    ptr(str(8, "timeZone")),
};
constexpr FieldSpec jobTemplateSpec[] = {msg(1, "metadata", "ObjectMeta"), msg(2, "spec", "JobSpec")};
constexpr FieldSpec cronJobStatus[] = {
    list(msg(1, "active", "ObjectReference")),
    ptr(time(4, "lastScheduleTime")),
    ptr(time(5, "lastSuccessfulTime")),
};

constexpr MessageSpec messages[] = {
    {"Deployment", deployment},
    {"DeploymentSpec", deploymentSpec},
    {"DeploymentStrategy", deploymentStrategy},
    {"RollingUpdateDeployment", rollingUpdateDeployment},
    {"DeploymentStatus", deploymentStatus},
    {"DeploymentCondition", deploymentCondition},
    {"Job", job},
    {"JobSpec", jobSpec},
    {"PodFailurePolicy", podFailurePolicy},
    {"PodFailurePolicyRule", podFailurePolicyRule},
    {"PodFailurePolicyOnExitCodesRequirement", podFailurePolicyOnExitCodesRequirement},
    {"PodFailurePolicyOnPodConditionsPattern", podFailurePolicyOnPodConditionsPattern},
    {"SuccessPolicy", successPolicy},
    {"SuccessPolicyRule", successPolicyRule},
    {"JobStatus", jobStatus},
    {"JobCondition", jobCondition},
    {"UncountedTerminatedPods", uncountedTerminatedPods},
    {"CronJob", cronJob},
    {"CronJobSpec", cronJobSpec},
    {"JobTemplateSpec", jobTemplateSpec},
    {"CronJobStatus", cronJobStatus},
};

} // namespace

std::span<const MessageSpec> appsBatchMessages() {
    return messages;
}

} // namespace binnacle::sim::pbschema
