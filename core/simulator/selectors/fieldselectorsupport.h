#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// Which field selectors each built-in kind accepts, and the value the apiserver compares against.
// Mirrors kube-apiserver v1.32: the field-label conversion functions registered per kind (which
// decide support and the error text) and each registry's GetAttrs (which decides the values).
// `group` is the API group ("" for core), `kind` the kind name; the object is in that group's
// JSON shape. Kinds not listed support only metadata.name and metadata.namespace.
namespace binnacle::sim {

bool isFieldSelectorSupported(const QString& group, const QString& kind, const QString& field);

// The message of the 400 BadRequest for an unsupported field, as that kind's conversion function
// words it ("field label not supported: spec.foo", or for kinds without one:
// "\"spec.foo\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"").
QString unsupportedFieldSelectorMessage(const QString& group, const QString& kind, const QString& field);

// Every field a kind accepts (aliases such as Pod "spec.host" included).
QStringList supportedFieldSelectors(const QString& group, const QString& kind);

// The string the apiserver compares a selector value with: "" when absent, bools as
// "true"/"false", integers in decimal, with the defaults the server applies (a Pod without
// spec.hostNetwork is "false", a ReplicaSet without status.replicas is "0").
QString fieldSelectorValue(const QString& group, const QString& kind, const QJsonObject& object,
                           const QString& field);

} // namespace binnacle::sim
