#pragma once

#include <QString>

// go-yaml v2's decisions about one string scalar, for kubeyaml.cpp. Not a public header.
namespace binnacle::cli::yamlscalar {

// Whether go-yaml's resolver reads the plain text as something other than a string (bool, null, number,
// timestamp, base-60 float): such strings must be quoted.
bool resolvesToNonString(const QString& text);
// go-yaml's is_printable: no C0/C1 controls, nothing outside the Basic Multilingual Plane.
bool isPrintable(QChar c);

struct ScalarAnalysis {
    bool multiline = false;
    bool plainAllowed = true;
    bool singleQuotedAllowed = true;
    bool blockAllowed = true;
};

// yaml_emitter_analyze_scalar, for the block context.
ScalarAnalysis analyze(const QString& value);

} // namespace binnacle::cli::yamlscalar
