#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <string>
#include <yaml-cpp/yaml.h>

// Internal helpers of binnacle_config for reading and writing yaml-cpp nodes. Not a public header.
namespace binnacle::config::yaml {

// Thrown by the readers below when a document has the wrong shape; carries the offending node's mark.
struct ShapeError {
    YAML::Mark mark;
    QString message;
};

// A scalar field's text; empty for an absent or null field. Throws ShapeError for maps and lists.
QString scalarText(const YAML::Node& node, const char* field);
// A boolean field (absent: false). Throws ShapeError for anything but true/false.
bool scalarBool(const YAML::Node& node, const char* field);
// A list of scalars (absent: empty). Throws ShapeError for other shapes.
QStringList stringList(const YAML::Node& node, const char* field);
// Throws ShapeError unless the node is absent, null or a map.
void requireMapOrNull(const YAML::Node& node, const char* field);

// The node as JSON, resolving plain scalars the way a YAML-to-JSON conversion does (bool, null, number).
QJsonValue toJson(const YAML::Node& node);

// A string node that reads back as a string: quoted when its plain form would read as a bool,
// a number or null.
YAML::Node stringNode(const QString& value);

// The document as YAML text. Unlike yaml-cpp's own emitter, scalars that were quoted stay quoted,
// so that a string such as "0123" or "true" does not come back as a number or a bool. Comments and
// anchors are not kept (aliases are written out in full).
std::string toYamlText(const YAML::Node& document);

} // namespace binnacle::config::yaml
