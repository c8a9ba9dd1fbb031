#pragma once

#include "docvalue.h"

#include <QString>

namespace binnacle::editing {

// Finds the line of a field the API server names in a Status cause, in a value read from YAML. Accepts
// validation paths ("spec.replicas", "spec.containers[0].image", "metadata.labels[app]") and server-side
// apply field paths (".spec.containers[name=\"web\"].image", ".metadata.finalizers[=\"x\"]", keys with
// dots such as ".metadata.annotations.example.com/owner").
class FieldLocator {
public:
    struct Location {
        int line = 0; // 1-based; 0 when not even the first element was found
        int column = 0;
        bool exact = false; // false: the line of the deepest ancestor that exists (the field is missing)
    };

    static Location locate(const DocValue& root, const QString& fieldPath);
};

} // namespace binnacle::editing
