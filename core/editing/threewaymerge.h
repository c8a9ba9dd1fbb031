#pragma once

#include "docvalue.h"

#include <QList>
#include <QString>
#include <optional>

namespace binnacle::editing {

// A field both sides changed, differently. Absent values mean "removed".
struct MergeConflict {
    QString path; // "spec.replicas", "spec.template.spec.containers[0].image" (indexes as in `mine`)
    std::optional<DocValue> base;
    std::optional<DocValue> mine;
    std::optional<DocValue> theirs;
    int line = 0; // of the field in the YAML `mine` was read from; 0 when unknown
};

// Carries the changes from `base` to `mine` over to `theirs` (a newer version of base), field by field:
// objects merge by key, lists of objects that all have a unique `name` (containers, env, ports, volumes)
// merge by that name, other lists and scalars are atomic. A field changed on one side only takes that
// side's value; a field changed on both sides to different values is a conflict and keeps the value of
// `resolution` (theirs unless told otherwise, so that nothing of theirs is lost silently).
class ThreeWayMerge {
public:
    enum class Resolution { KeepTheirs, KeepMine };

    struct Result {
        DocValue merged;
        QList<MergeConflict> conflicts;
        bool clean() const { return conflicts.isEmpty(); }
    };

    static Result merge(const DocValue& base, const DocValue& mine, const DocValue& theirs,
                        Resolution resolution = Resolution::KeepTheirs);

    // A value in one short line for conflict messages: scalars as themselves, structures as JSON.
    static QString shortText(const std::optional<DocValue>& value);
};

} // namespace binnacle::editing
