#pragma once

#include <QString>
#include <QStringList>

namespace binnacle::config {

// Which kubeconfig files are in use, decided the way kubectl decides: an explicit --kubeconfig file
// alone; else the KUBECONFIG list; else ~/.kube/config. Paths are absolute.
class KubeconfigLocation {
public:
    KubeconfigLocation() = default;

    // From the process: $KUBECONFIG and the home directory.
    static KubeconfigLocation fromEnvironment(const QString& explicitFile = {});
    // The same decision from given values, for tests and for callers that own the environment.
    // `kubeconfigEnv` is split on ':'; empty entries are skipped. An unset and an empty KUBECONFIG
    // both fall back to `homeDir`/.kube/config.
    static KubeconfigLocation resolve(const QString& explicitFile, const QString& kubeconfigEnv,
                                      const QString& homeDir);
    // Exactly these files, merged in this order (as if listed in KUBECONFIG).
    static KubeconfigLocation fromFiles(const QStringList& files);

    bool isExplicit() const { return m_explicit; }
    // The files to read, in merge order. Some may not exist (only the explicit one must).
    const QStringList& files() const { return m_files; }
    // Where kubectl writes current-context and new entries: the explicit file, else the first
    // existing file, else the first file of the list.
    QString defaultWriteFile() const;

private:
    QStringList m_files;
    bool m_explicit = false;
};

} // namespace binnacle::config
