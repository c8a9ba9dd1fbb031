// rbac.authorization.k8s.io/v1, authorization.k8s.io/v1 and authentication.k8s.io/v1 messages.
#include "protobufschema.h"

namespace binnacle::sim::pbschema {

namespace {

// Role and ClusterRole (the latter with aggregationRule).
constexpr FieldSpec clusterRole[] = {
    msg(1, "metadata", "ObjectMeta"),
    list(msg(2, "rules", "PolicyRule")),
    ptr(msg(3, "aggregationRule", "AggregationRule")),
};
constexpr FieldSpec role[] = {msg(1, "metadata", "ObjectMeta"), list(msg(2, "rules", "PolicyRule"))};
constexpr FieldSpec policyRule[] = {
    list(str(1, "verbs")),         list(str(2, "apiGroups")),       list(str(3, "resources")),
    list(str(4, "resourceNames")), list(str(5, "nonResourceURLs")),
};
constexpr FieldSpec aggregationRule[] = {list(msg(1, "clusterRoleSelectors", "LabelSelector"))};
// RoleBinding and ClusterRoleBinding.
constexpr FieldSpec roleBinding[] = {
    msg(1, "metadata", "ObjectMeta"),
    list(msg(2, "subjects", "Subject")),
    msg(3, "roleRef", "RoleRef"),
};
constexpr FieldSpec subject[] = {
    always(str(1, "kind")),
    str(2, "apiGroup"),
    always(str(3, "name")),
    str(4, "namespace"),
};
constexpr FieldSpec roleRef[] = {always(str(1, "apiGroup")), always(str(2, "kind")), always(str(3, "name"))};

// SelfSubjectAccessReview; SubjectAccessReview and LocalSubjectAccessReview share the spec and status.
constexpr FieldSpec selfSubjectAccessReview[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "SelfSubjectAccessReviewSpec"),
    msg(3, "status", "SubjectAccessReviewStatus"),
};
constexpr FieldSpec selfSubjectAccessReviewSpec[] = {
    ptr(msg(1, "resourceAttributes", "ResourceAttributes")),
    ptr(msg(2, "nonResourceAttributes", "NonResourceAttributes")),
};
constexpr FieldSpec subjectAccessReview[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "SubjectAccessReviewSpec"),
    msg(3, "status", "SubjectAccessReviewStatus"),
};
constexpr FieldSpec subjectAccessReviewSpec[] = {
    ptr(msg(1, "resourceAttributes", "ResourceAttributes")),
    ptr(msg(2, "nonResourceAttributes", "NonResourceAttributes")),
    str(3, "user"),
    list(str(4, "groups")),
    map(stringList(5, "extra")),
    str(6, "uid"),
};
constexpr FieldSpec resourceAttributes[] = {
    str(1, "namespace"),
    str(2, "verb"),
    str(3, "group"),
    str(4, "version"),
    str(5, "resource"),
    str(6, "subresource"),
    str(7, "name"),
    ptr(msg(8, "fieldSelector", "FieldSelectorAttributes")),
    ptr(msg(9, "labelSelector", "LabelSelectorAttributes")),
};
constexpr FieldSpec fieldSelectorAttributes[] = {
    str(1, "rawSelector"),
    list(msg(2, "requirements", "FieldSelectorRequirement")),
};
constexpr FieldSpec fieldSelectorRequirement[] = {
    always(str(1, "key")),
    always(str(2, "operator")),
    list(str(3, "values")),
};
constexpr FieldSpec labelSelectorAttributes[] = {
    str(1, "rawSelector"),
    list(msg(2, "requirements", "LabelSelectorRequirement")),
};
constexpr FieldSpec nonResourceAttributes[] = {str(1, "path"), str(2, "verb")};
constexpr FieldSpec subjectAccessReviewStatus[] = {
    always(boolean(1, "allowed")),
    boolean(4, "denied"),
    str(2, "reason"),
    str(3, "evaluationError"),
};
constexpr FieldSpec selfSubjectRulesReview[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "SelfSubjectRulesReviewSpec"),
    msg(3, "status", "SubjectRulesReviewStatus"),
};
constexpr FieldSpec selfSubjectRulesReviewSpec[] = {str(1, "namespace")};
constexpr FieldSpec subjectRulesReviewStatus[] = {
    always(list(msg(1, "resourceRules", "ResourceRule"))),
    always(list(msg(2, "nonResourceRules", "NonResourceRule"))),
    always(boolean(3, "incomplete")),
    str(4, "evaluationError"),
};
constexpr FieldSpec resourceRule[] = {
    list(str(1, "verbs")),
    list(str(2, "apiGroups")),
    list(str(3, "resources")),
    list(str(4, "resourceNames")),
};
constexpr FieldSpec nonResourceRule[] = {list(str(1, "verbs")), list(str(2, "nonResourceURLs"))};

constexpr FieldSpec selfSubjectReview[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "status", "SelfSubjectReviewStatus"),
};
constexpr FieldSpec selfSubjectReviewStatus[] = {msg(1, "userInfo", "UserInfo")};
constexpr FieldSpec userInfo[] = {
    str(1, "username"),
    str(2, "uid"),
    list(str(3, "groups")),
    map(stringList(4, "extra")),
};
constexpr FieldSpec tokenRequest[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "TokenRequestSpec"),
    msg(3, "status", "TokenRequestStatus"),
};
constexpr FieldSpec tokenRequestSpec[] = {
    always(list(str(1, "audiences"))),
    ptr(msg(3, "boundObjectRef", "BoundObjectReference")),
    ptr(i64(4, "expirationSeconds")),
};
constexpr FieldSpec boundObjectReference[] = {
    str(1, "kind"),
    str(2, "apiVersion"),
    str(3, "name"),
    str(4, "uid"),
};
constexpr FieldSpec tokenRequestStatus[] = {always(str(1, "token")), time(2, "expirationTimestamp")};
constexpr FieldSpec tokenReview[] = {
    msg(1, "metadata", "ObjectMeta"),
    msg(2, "spec", "TokenReviewSpec"),
    msg(3, "status", "TokenReviewStatus"),
};
constexpr FieldSpec tokenReviewSpec[] = {str(1, "token"), list(str(2, "audiences"))};
constexpr FieldSpec tokenReviewStatus[] = {
    boolean(1, "authenticated"),
    msg(2, "user", "UserInfo"),
    str(3, "error"),
    list(str(4, "audiences")),
};

constexpr MessageSpec messages[] = {
    {"Role", role},
    {"ClusterRole", clusterRole},
    {"PolicyRule", policyRule},
    {"AggregationRule", aggregationRule},
    {"RoleBinding", roleBinding},
    {"ClusterRoleBinding", roleBinding},
    {"Subject", subject},
    {"RoleRef", roleRef},
    {"SelfSubjectAccessReview", selfSubjectAccessReview},
    {"SelfSubjectAccessReviewSpec", selfSubjectAccessReviewSpec},
    {"SubjectAccessReview", subjectAccessReview},
    {"LocalSubjectAccessReview", subjectAccessReview},
    {"SubjectAccessReviewSpec", subjectAccessReviewSpec},
    {"ResourceAttributes", resourceAttributes},
    {"FieldSelectorAttributes", fieldSelectorAttributes},
    {"FieldSelectorRequirement", fieldSelectorRequirement},
    {"LabelSelectorAttributes", labelSelectorAttributes},
    {"NonResourceAttributes", nonResourceAttributes},
    {"SubjectAccessReviewStatus", subjectAccessReviewStatus},
    {"SelfSubjectRulesReview", selfSubjectRulesReview},
    {"SelfSubjectRulesReviewSpec", selfSubjectRulesReviewSpec},
    {"SubjectRulesReviewStatus", subjectRulesReviewStatus},
    {"ResourceRule", resourceRule},
    {"NonResourceRule", nonResourceRule},
    {"SelfSubjectReview", selfSubjectReview},
    {"SelfSubjectReviewStatus", selfSubjectReviewStatus},
    {"UserInfo", userInfo},
    {"TokenRequest", tokenRequest},
    {"TokenRequestSpec", tokenRequestSpec},
    {"BoundObjectReference", boundObjectReference},
    {"TokenRequestStatus", tokenRequestStatus},
    {"TokenReview", tokenReview},
    {"TokenReviewSpec", tokenReviewSpec},
    {"TokenReviewStatus", tokenReviewStatus},
};

} // namespace

std::span<const MessageSpec> rbacAuthMessages() {
    return messages;
}

} // namespace binnacle::sim::pbschema
