#include "kubeconfigstore.h"

#include "configlogging.h"
#include "kubeconfigeditor.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace binnacle::config {

namespace {

void setError(QString* error, const QString& message) {
    if (error)
        *error = message;
}

} // namespace

KubeconfigStore::KubeconfigStore(KubeconfigLocation location, QObject* parent)
    : QObject(parent)
    , m_location(std::move(location)) {
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(std::chrono::milliseconds(150));
    connect(&m_reloadTimer, &QTimer::timeout, this, &KubeconfigStore::reload);
    const auto scheduleReload = [this] { m_reloadTimer.start(); };
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, scheduleReload);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, scheduleReload);

    m_sources = KubeconfigLoader::read(m_location);
    m_config = KubeconfigLoader::merge(m_location, m_sources);
    watchFiles();
}

void KubeconfigStore::setReloadDelay(std::chrono::milliseconds delay) {
    m_reloadTimer.setInterval(delay);
}

bool KubeconfigStore::reload() {
    m_reloadTimer.stop();
    // A file replaced by rename drops out of the watcher: watch whatever exists now.
    watchFiles();
    QList<KubeconfigSource> sources = KubeconfigLoader::read(m_location);
    if (sources == m_sources)
        return false;
    m_sources = std::move(sources);
    m_config = KubeconfigLoader::merge(m_location, m_sources);
    qCDebug(lcConfig) << "kubeconfig reloaded:" << m_config.loadedFiles << "current context"
                      << m_config.currentContext;
    emit changed();
    return true;
}

void KubeconfigStore::watchFiles() {
    QSet<QString> wanted;
    for (const QString& file : m_location.files()) {
        const QFileInfo info(file);
        if (info.exists())
            wanted.insert(file);
        // The directory tells us when a missing file appears or a file is replaced by rename.
        if (info.absoluteDir().exists())
            wanted.insert(info.absolutePath());
    }
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    QStringList toAdd;
    for (const QString& path : wanted) {
        if (!watched.contains(path))
            toAdd.append(path);
    }
    if (!toAdd.isEmpty())
        m_watcher.addPaths(toAdd);
}

bool KubeconfigStore::useContext(const QString& contextName, QString* error) {
    if (!contextName.isEmpty() && !m_config.context(contextName)) {
        setError(error, QStringLiteral("no context exists with the name \"%1\"").arg(contextName));
        return false;
    }
    if (contextName == m_config.currentContext)
        return true;
    QString file = m_location.defaultWriteFile();
    // Clearing happens where the value came from; the explicit file is the only file anyway.
    if (contextName.isEmpty() && !m_location.isExplicit())
        file = m_config.currentContextOrigin;
    if (!KubeconfigEditor::writeCurrentContext(file, contextName, error))
        return false;
    reload();
    return true;
}

bool KubeconfigStore::setContextNamespace(const QString& contextName, const QString& namespaceName,
                                          QString* error) {
    const ContextInfo* context = m_config.context(contextName);
    if (!context) {
        setError(error, QStringLiteral("no context exists with the name \"%1\"").arg(contextName));
        return false;
    }
    if (context->namespaceName == namespaceName)
        return true;
    if (!KubeconfigEditor::writeContextNamespace(context->originFile, contextName, namespaceName, error))
        return false;
    reload();
    return true;
}

} // namespace binnacle::config
