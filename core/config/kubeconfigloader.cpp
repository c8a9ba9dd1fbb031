#include "kubeconfigloader.h"

#include "configlogging.h"
#include "kubeconfigfileparser.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <algorithm>

namespace binnacle::config {

namespace {

// Adds the entries whose names are not taken yet: the first file that defines a name wins entirely.
template <typename Entry>
void mergeFirstWins(QList<Entry>& merged, QSet<QString>& taken, const QList<Entry>& entries) {
    for (const Entry& entry : entries) {
        if (taken.contains(entry.name))
            continue;
        taken.insert(entry.name);
        merged.append(entry);
    }
}

KubeconfigError fileError(const QString& path, const QString& message) {
    KubeconfigError error;
    error.file = path;
    error.message = message;
    return error;
}

} // namespace

Kubeconfig KubeconfigLoader::load(const KubeconfigLocation& location) {
    return merge(location, read(location));
}

QList<KubeconfigSource> KubeconfigLoader::read(const KubeconfigLocation& location) {
    QList<KubeconfigSource> sources;
    for (const QString& path : location.files()) {
        KubeconfigSource source;
        source.path = path;
        source.exists = QFileInfo::exists(path);
        if (source.exists) {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                source.contents = file.readAll();
            else
                source.readError = file.errorString();
        }
        sources.append(source);
    }
    return sources;
}

Kubeconfig KubeconfigLoader::merge(const KubeconfigLocation& location,
                                   const QList<KubeconfigSource>& sources) {
    Kubeconfig config;
    QSet<QString> clusterNames;
    QSet<QString> userNames;
    QSet<QString> contextNames;
    for (const KubeconfigSource& source : sources) {
        if (!source.exists) {
            if (location.isExplicit())
                config.errors.append(
                    fileError(source.path, QStringLiteral("the kubeconfig file does not exist")));
            else
                qCDebug(lcConfig) << "kubeconfig file not found, skipped:" << source.path;
            continue;
        }
        if (!source.readError.isEmpty()) {
            config.errors.append(fileError(source.path, source.readError));
            continue;
        }
        KubeconfigError error;
        const std::optional<KubeconfigFile> file = parseKubeconfigFile(source.path, source.contents, &error);
        if (!file) {
            qCWarning(lcConfig).noquote() << "kubeconfig file not loaded:" << error.toString();
            config.errors.append(error);
            continue;
        }
        config.loadedFiles.append(source.path);
        mergeFirstWins(config.clusters, clusterNames, file->clusters);
        mergeFirstWins(config.users, userNames, file->users);
        mergeFirstWins(config.contexts, contextNames, file->contexts);
        if (config.currentContext.isEmpty() && !file->currentContext.isEmpty()) {
            config.currentContext = file->currentContext;
            config.currentContextOrigin = source.path;
        }
    }
    const bool anyExists =
        std::any_of(sources.cbegin(), sources.cend(), [](const auto& s) { return s.exists; });
    if (!anyExists && !location.isExplicit())
        qCWarning(lcConfig) << "none of the kubeconfig files exists:" << location.files();
    return config;
}

} // namespace binnacle::config
