#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace binnacle::cli {

// The objects of a (multi-document) YAML or JSON manifest, as kubectl reads them: empty documents
// skipped, plain scalars resolved like sigs.k8s.io/yaml does (YAML 1.1: true/yes/on, null/~, numbers), a
// `kind: List` unpacked into its items. Returns false with `error` set on a syntax error.
bool readManifest(const QByteArray& text, QList<QJsonObject>* objects, QString* error);

} // namespace binnacle::cli
