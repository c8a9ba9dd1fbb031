#pragma once

#include "fieldset.h"
#include "mergeschema.h"

#include <QJsonObject>
#include <QJsonValue>
#include <functional>

namespace binnacle::sim {

// Server-side apply's merge of an applied configuration into the live object (structured-merge-diff's
// TypedValue.Merge): objects merge field by field, keyed lists item by item (the applied order first,
// live-only items kept where they were), sets are unioned, atomic lists and objects are replaced.
// A null in the configuration removes the field.
QJsonValue mergeApplied(const QJsonValue& live, const QJsonValue& config, const QString& schemaPath,
                        const MergeSchema& schema);

// Removes the node at `path` from `object`. Objects and lists that this leaves empty are removed as
// well, unless `keepContainer` says that somebody owns them.
void removeFieldPath(QJsonObject& object, const FieldPath& path, const MergeSchema& schema,
                     const std::function<bool(const FieldPath&)>& keepContainer);

} // namespace binnacle::sim
