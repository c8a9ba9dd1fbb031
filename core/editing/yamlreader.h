#pragma once

#include "docvalue.h"

#include <QList>
#include <QString>
#include <optional>

namespace binnacle::editing {

// Where a YAML text is wrong: 1-based line and column in the whole text.
struct YamlError {
    int line = 0;
    int column = 0;
    QString message;

    // "line 3, column 7: ..."
    QString describe() const;
};

// One document of a YAML stream: its value, or why it could not be read.
struct YamlDocument {
    DocValue value;
    int firstLine = 1; // where the document starts in the whole text
    std::optional<YamlError> error;

    bool ok() const { return !error.has_value(); }
};

// Reads Kubernetes YAML as the API server's YAML decoder (sigs.k8s.io/yaml over go-yaml v2) reads it into
// JSON: plain scalars resolve to null, bools (yes/no/on/off too), integers (0x, 0o, underscores) and
// floats; quoted and block scalars are strings; duplicate keys are errors; key order is kept. Every value
// remembers its line.
class YamlReader {
public:
    // One document; more than one is an error.
    static YamlDocument read(const QString& text);
    // Every non-empty document of a stream split at `---` lines, each read on its own so that one bad
    // document does not hide the others.
    static QList<YamlDocument> readAll(const QString& text);
};

} // namespace binnacle::editing
