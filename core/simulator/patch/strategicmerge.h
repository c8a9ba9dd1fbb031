#pragma once

#include "mergeschema.h"
#include "patchfailure.h"

#include <QByteArray>
#include <QJsonObject>

namespace binnacle::sim {

// Kubernetes strategic merge patch (Content-Type application/strategic-merge-patch+json), as
// apimachinery's strategicpatch applies it on the server:
// - maps merge recursively, null deletes a key;
// - lists with a patchMergeKey merge item by item on that key, primitive lists with strategy merge
//   (metadata.finalizers) are unioned, every other list is replaced;
// - directives: "$patch": replace | delete | merge in maps and list items, "$retainKeys",
//   "$deleteFromPrimitiveList/<field>", "$setElementOrder/<field>".
// A body that is not a JSON object, or malformed directives, fail with 400 BadRequest.
// Strategic merge is for built-in kinds only: the HTTP layer answers 415 for custom resources.
PatchResult applyStrategicMergePatch(const QJsonObject& document, const QByteArray& patchBytes,
                                     const MergeSchema& schema);

// The same on an already parsed patch object.
PatchResult strategicMerge(const QJsonObject& document, const QJsonObject& patch, const MergeSchema& schema);

} // namespace binnacle::sim
