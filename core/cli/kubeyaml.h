#pragma once

#include <QJsonValue>
#include <QString>

namespace binnacle::cli {

// JSON as kubectl prints it with -o yaml: sigs.k8s.io/yaml over go-yaml v2. Keys in go-yaml's natural
// order (digit runs compared as numbers, non-letters before letters), sequences not indented under their
// key, strings plain where that reads back as the same string, else single- or double-quoted, multi-line
// strings as literal blocks, long plain and quoted strings folded at spaces past column 80.
QString toKubectlYaml(const QJsonValue& value);

// go-yaml v2's key order: whether `a` sorts before `b`.
bool yamlKeyLess(const QString& a, const QString& b);

} // namespace binnacle::cli
