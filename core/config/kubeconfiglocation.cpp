#include "kubeconfiglocation.h"

#include <QDir>
#include <QFileInfo>

namespace binnacle::config {

namespace {

QString absoluteClean(const QString& path) {
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

KubeconfigLocation KubeconfigLocation::fromEnvironment(const QString& explicitFile) {
    return resolve(explicitFile, qEnvironmentVariable("KUBECONFIG"), QDir::homePath());
}

KubeconfigLocation KubeconfigLocation::resolve(const QString& explicitFile, const QString& kubeconfigEnv,
                                               const QString& homeDir) {
    KubeconfigLocation location;
    if (!explicitFile.isEmpty()) {
        location.m_explicit = true;
        location.m_files = {absoluteClean(explicitFile)};
        return location;
    }
    QStringList files;
    for (const QString& entry : kubeconfigEnv.split(QDir::listSeparator(), Qt::SkipEmptyParts)) {
        const QString path = absoluteClean(entry);
        // A file listed twice is read once: the second copy could not win anything anyway.
        if (!files.contains(path))
            files.append(path);
    }
    if (files.isEmpty())
        files.append(absoluteClean(homeDir + QStringLiteral("/.kube/config")));
    location.m_files = files;
    return location;
}

KubeconfigLocation KubeconfigLocation::fromFiles(const QStringList& files) {
    KubeconfigLocation location;
    for (const QString& file : files) {
        const QString path = absoluteClean(file);
        if (!file.isEmpty() && !location.m_files.contains(path))
            location.m_files.append(path);
    }
    return location;
}

QString KubeconfigLocation::defaultWriteFile() const {
    if (m_files.isEmpty())
        return {};
    if (m_explicit)
        return m_files.first();
    for (const QString& file : m_files) {
        if (QFileInfo::exists(file))
            return file;
    }
    return m_files.first();
}

} // namespace binnacle::config
