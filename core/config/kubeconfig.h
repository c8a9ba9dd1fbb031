#pragma once

#include "kubeconfigtypes.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace binnacle::config {

// A problem with one kubeconfig file. That file contributes nothing; the other files still load.
struct KubeconfigError {
    QString file;
    int line = 0;   // 1-based; 0 when the problem has no position (missing file, read error)
    int column = 0; // 1-based; 0 when unknown
    QString message;

    // "file:line:column: message", the form editors and terminals link to.
    QString toString() const;
};

// The merged view of every kubeconfig file in use, as kubectl computes it: for clusters, users and
// contexts the first file defining a name wins entirely, current-context comes from the first file
// setting it. Lists keep file order, then entry order, so the UI shows them as the user wrote them.
struct Kubeconfig {
    QList<ClusterInfo> clusters;
    QList<AuthInfo> users;
    QList<ContextInfo> contexts;
    QString currentContext;
    QString currentContextOrigin; // the file current-context was taken from
    QStringList loadedFiles;      // files read and parsed successfully, in merge order
    QList<KubeconfigError> errors;

    const ClusterInfo* cluster(const QString& name) const;
    const AuthInfo* user(const QString& name) const;
    const ContextInfo* context(const QString& name) const;
    QStringList contextNames() const;
};

} // namespace binnacle::config
