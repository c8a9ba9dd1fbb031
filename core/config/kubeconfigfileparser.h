#pragma once

#include "kubeconfig.h"
#include "kubeconfigtypes.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace binnacle::config {

// The entries of one kubeconfig file, relative paths already resolved against its directory.
struct KubeconfigFile {
    QString path;
    QString currentContext;
    QList<ClusterInfo> clusters;
    QList<AuthInfo> users;
    QList<ContextInfo> contexts;
};

// Parses one kubeconfig document (YAML or JSON). Unknown keys are ignored, as kubectl ignores them.
// A syntax error or a wrong shape (a list where a map belongs, bad base64, an entry without a name,
// a name listed twice) yields no file and an error with the file's line and column.
// An empty file is an empty kubeconfig, not an error.
std::optional<KubeconfigFile> parseKubeconfigFile(const QString& path, const QByteArray& contents,
                                                  KubeconfigError* error);

} // namespace binnacle::config
