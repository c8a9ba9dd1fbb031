#pragma once

#include "docvalue.h"

#include <QString>

namespace binnacle::editing {

// Writes a value as YAML the way kubectl styles it (block style, sequences not indented under their key,
// strings plain where they read back as the same string, else quoted, multi-line strings as literal
// blocks: core/cli's scalar rules), but with the keys in the order the value has them (the server's), and
// long strings never folded, since the text is for editing.
class YamlWriter {
public:
    static QString write(const DocValue& value);
};

} // namespace binnacle::editing
