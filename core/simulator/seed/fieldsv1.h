#pragma once

#include <QJsonObject>

namespace binnacle::sim::fieldsv1 {

// The managedFields "fieldsV1" set of every field in `object`, written the way the apiserver writes it:
// "f:<name>" per member, "k:{...}" per item of a keyed list (containers by name, volumeMounts by
// mountPath, conditions by type, ...), "." where the manager owns a map or list item itself, and {} for
// scalars, atomic lists and atomic structs. `object` is the set's root (a whole object or one part of it).
QJsonObject fieldSet(const QJsonObject& object);

} // namespace binnacle::sim::fieldsv1
