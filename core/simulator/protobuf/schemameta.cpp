// apimachinery's meta/v1 messages (pkg/apis/meta/v1/generated.proto) that objects embed.
#include "protobufschema.h"

namespace binnacle::sim::pbschema {

namespace {

constexpr FieldSpec objectMeta[] = {
    str(1, "name"),
    str(2, "generateName"),
    str(3, "namespace"),
    str(4, "selfLink"),
    str(5, "uid"),
    str(6, "resourceVersion"),
    i64(7, "generation"),
    time(8, "creationTimestamp"),
    ptr(time(9, "deletionTimestamp")),
    ptr(i64(10, "deletionGracePeriodSeconds")),
    map(str(11, "labels")),
    map(str(12, "annotations")),
    list(msg(13, "ownerReferences", "OwnerReference")),
    list(str(14, "finalizers")),
    list(msg(17, "managedFields", "ManagedFieldsEntry")),
};

constexpr FieldSpec ownerReference[] = {
    always(str(1, "kind")),       always(str(3, "name")),        always(str(4, "uid")),
    always(str(5, "apiVersion")), ptr(boolean(6, "controller")), ptr(boolean(7, "blockOwnerDeletion")),
};

constexpr FieldSpec managedFieldsEntry[] = {
    str(1, "manager"),    str(2, "operation"),         str(3, "apiVersion"),  ptr(time(4, "time")),
    str(6, "fieldsType"), ptr(rawJson(7, "fieldsV1")), str(8, "subresource"),
};

constexpr FieldSpec labelSelector[] = {
    map(str(1, "matchLabels")),
    list(msg(2, "matchExpressions", "LabelSelectorRequirement")),
};

constexpr FieldSpec labelSelectorRequirement[] = {
    always(str(1, "key")),
    always(str(2, "operator")),
    list(str(3, "values")),
};

// metav1.Condition: none of its JSON tags has omitempty except observedGeneration.
constexpr FieldSpec condition[] = {
    always(str(1, "type")),       always(str(2, "status")),
    i64(3, "observedGeneration"), always(time(4, "lastTransitionTime")),
    always(str(5, "reason")),     always(str(6, "message")),
};

constexpr FieldSpec deleteOptions[] = {
    ptr(i64(1, "gracePeriodSeconds")),
    ptr(msg(2, "preconditions", "Preconditions")),
    ptr(boolean(3, "orphanDependents")),
    ptr(str(4, "propagationPolicy")),
    list(str(5, "dryRun")),
    ptr(boolean(6, "ignoreStoreReadErrorWithClusterBreakingPotential")),
};

constexpr FieldSpec preconditions[] = {ptr(str(1, "uid")), ptr(str(2, "resourceVersion"))};

constexpr MessageSpec messages[] = {
    {"ObjectMeta", objectMeta},
    {"OwnerReference", ownerReference},
    {"ManagedFieldsEntry", managedFieldsEntry},
    {"LabelSelector", labelSelector},
    {"LabelSelectorRequirement", labelSelectorRequirement},
    {"Condition", condition},
    {"DeleteOptions", deleteOptions},
    {"Preconditions", preconditions},
};

} // namespace

std::span<const MessageSpec> metaMessages() {
    return messages;
}

} // namespace binnacle::sim::pbschema
