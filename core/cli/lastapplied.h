#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace binnacle::cli {

// Client-side apply's bookkeeping, as kubectl keeps it.
namespace lastapplied {

inline constexpr auto annotation = "kubectl.kubernetes.io/last-applied-configuration";

// The manifest with the annotation holding its own JSON: Go's json.Marshal form (keys sorted, compact,
// <, > and & escaped) of the manifest with `metadata.annotations` present (and without this annotation),
// plus a newline.
QJsonObject withAnnotation(const QJsonObject& manifest);

// The merge patch (RFC 7386) that takes `current` to `modified`, deleting what `original` (the last
// applied configuration) had and `modified` dropped. Fields the server filled in (defaults, status) are
// left alone: an object or a list counts as unchanged when everything the manifest says is already
// there. Lists are replaced whole (a merge patch has no list merge keys), only when they changed.
// Empty: nothing to do.
QJsonObject threeWayMergePatch(const QJsonObject& original, const QJsonObject& modified,
                               const QJsonObject& current);

// Go's json.Marshal of the object.
QByteArray goJson(const QJsonObject& object);

} // namespace lastapplied

} // namespace binnacle::cli
