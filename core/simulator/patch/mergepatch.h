#pragma once

#include "patchfailure.h"

#include <QByteArray>
#include <QJsonValue>

namespace binnacle::sim {

// RFC 7386 JSON Merge Patch (Content-Type application/merge-patch+json): objects merge recursively,
// null deletes a member, anything else (arrays included) replaces the target whole.
// A body that is not JSON fails with 400 BadRequest.
PatchResult applyMergePatch(const QJsonValue& document, const QByteArray& patchBytes);

// The RFC 7386 MergePatch(target, patch) function itself, for callers that hold a parsed patch.
QJsonValue mergePatchValue(const QJsonValue& target, const QJsonValue& patch);

} // namespace binnacle::sim
