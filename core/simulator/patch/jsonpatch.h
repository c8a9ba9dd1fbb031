#pragma once

#include "patchfailure.h"

#include <QByteArray>
#include <QJsonValue>

namespace binnacle::sim {

// RFC 6902 JSON Patch (Content-Type application/json-patch+json): add, remove, replace, move, copy and
// test, with RFC 6901 pointers ("~1" is "/", "~0" is "~", "-" appends to an array).
// A body that is not a JSON array of operations fails with 400 BadRequest; an operation that cannot be
// applied (missing path, failed test, bad index) fails with 422 Invalid, as kube-apiserver answers.
// The operations are applied in order and atomically: any failure leaves nothing applied.
PatchResult applyJsonPatch(const QJsonValue& document, const QByteArray& patchBytes);

} // namespace binnacle::sim
