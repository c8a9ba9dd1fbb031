#pragma once

#include "kubeconfig.h"
#include "kubeconfigloader.h"
#include "kubeconfiglocation.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>
#include <chrono>

namespace binnacle::config {

// The live kubeconfig of the application: loaded at construction, reloaded when one of its files
// changes on disk (watched together with their directories, because editors and kubectl replace files
// by renaming), and written back like kubectl writes it.
class KubeconfigStore : public QObject {
    Q_OBJECT
public:
    explicit KubeconfigStore(KubeconfigLocation location, QObject* parent = nullptr);

    const KubeconfigLocation& location() const { return m_location; }
    const Kubeconfig& config() const { return m_config; }

    // kubectl config use-context: current-context goes to location().defaultWriteFile(). The context
    // must exist; an empty name clears current-context in the file that set it. No write if unchanged.
    bool useContext(const QString& contextName, QString* error = nullptr);
    // kubectl config set-context NAME --namespace=NS: written into the file that defined the context.
    bool setContextNamespace(const QString& contextName, const QString& namespaceName,
                             QString* error = nullptr);

    // How long file events are collected before one reload (editors write in several steps).
    void setReloadDelay(std::chrono::milliseconds delay);

public slots:
    // Re-reads the files now. Emits changed() and returns true when their contents differ from the
    // last load.
    bool reload();

signals:
    // The files changed on disk (by us or by someone else) and config() was rebuilt.
    void changed();

private:
    void watchFiles();

    KubeconfigLocation m_location;
    QList<KubeconfigSource> m_sources;
    Kubeconfig m_config;
    QFileSystemWatcher m_watcher;
    QTimer m_reloadTimer;
};

} // namespace binnacle::config
