#pragma once

#include "apiresource.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace binnacle::client {
class RestMapper;
}

namespace binnacle::related {

// How a selector of a kind picks pods: a Service's plain map (spec.selector), or a workload's
// LabelSelector (spec.selector with matchLabels and matchExpressions).
enum class SelectorKind { None, ServiceMap, LabelSelector };

// What the details panel knows about a built-in kind: where its resource lives, which kinds its
// controller creates (ownerReferences pointing back at it), how it selects pods, and whether it carries a
// pod template whose volumes and env name ConfigMaps, Secrets and PVCs.
struct KindTraits {
    QString group;
    QString version;
    QString resource;
    QString kind;
    bool namespaced = true;
    QStringList childKinds; // kinds in the same group table ("ReplicaSet", "Pod")
    SelectorKind selector = SelectorKind::None;
    enum class PodSpec { None, Own, Template, JobTemplate } podSpec = PodSpec::None;

    client::ApiResource apiResource() const;
};

// The built-in kind, or null (custom resources and kinds the panel does not relate).
const KindTraits* builtinKind(const QString& kind);
// The built-in kind named as kubectl would: kind, plural or plural.group, case-insensitive; or null.
const KindTraits* builtinKindFor(const QString& input);

// The resource of group/kind: from discovery when a mapper is given and knows it, else the built-in table.
std::optional<client::ApiResource> resourceForKind(const QString& group, const QString& kind,
                                                   const client::RestMapper* mapper);

// "apps/v1" -> "apps"; "v1" -> "".
QString groupOfApiVersion(const QString& apiVersion);

// One object another one names: a ConfigMap, Secret or PVC a pod uses, with where it is named
// ("volume data", "envFrom", "env DB_PASSWORD", "imagePullSecrets").
struct NamedReference {
    QString kind;
    QString name;
    QString detail;
};

// The pod spec inside an object of this kind (a pod's own spec, a workload's template), or empty.
QJsonObject podSpecOf(const KindTraits& traits, const QJsonObject& object);

// Every ConfigMap, Secret and PersistentVolumeClaim a pod spec uses, each (kind, name) once, in spec order.
QList<NamedReference> podSpecReferences(const QJsonObject& podSpec);

// Whether labels match a Service's selector map (an empty map selects nothing, as for Endpoints).
bool serviceSelectorMatches(const QJsonObject& selector, const QList<QPair<QString, QString>>& labels);
// Whether labels match a LabelSelector (matchLabels and matchExpressions: In, NotIn, Exists,
// DoesNotExist). An empty or null selector selects nothing here: a workload without one owns no pods.
bool labelSelectorMatches(const QJsonObject& selector, const QList<QPair<QString, QString>>& labels);

} // namespace binnacle::related
