#pragma once

#include <QString>

namespace binnacle::config {

// Edits one kubeconfig file in place, the way kubectl config use-context / set-context do.
// The file is re-read from disk and edited as a YAML tree, so keys and entries this program does not
// know survive; comments do not (yaml-cpp drops them), and anchors are written out in full.
// Writes are atomic (a temporary file renamed over the original) and keep the file's permissions;
// a new file (and its directory) is created owner-only (0600). Each returns false with a message
// when the file cannot be parsed or written; a file that is not valid YAML is never overwritten.
namespace KubeconfigEditor {

// Sets current-context, or removes it when `contextName` is empty.
bool writeCurrentContext(const QString& file, const QString& contextName, QString* error);

// Sets the namespace of the context named `contextName`, which must be defined in `file`.
// An empty namespace removes the key (meaning "default").
bool writeContextNamespace(const QString& file, const QString& contextName, const QString& namespaceName,
                           QString* error);

} // namespace KubeconfigEditor

} // namespace binnacle::config
