#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace binnacle::sim::conformance {

// binnacle-sim running as a child process for one test class: started on a free port with a kubeconfig in a
// temporary directory, stopped when this object goes away. Its stdout and stderr go to files, not pipes, so a
// chatty simulator can never block on a full pipe while the test waits on kubectl.
class SimulatorProcess {
public:
    explicit SimulatorProcess(QStringList extraArguments = {});
    ~SimulatorProcess();
    SimulatorProcess(const SimulatorProcess&) = delete;
    SimulatorProcess& operator=(const SimulatorProcess&) = delete;

    // Starts the simulator and waits until it prints "ready"; on failure fills *error with what it printed.
    bool start(QString* error, int timeoutMs = 20000);
    void stop();
    bool isRunning() const;

    QString kubeconfigPath() const;
    QString serverUrl() const { return m_serverUrl; }
    // The bearer token of the sim-admin user, as written into the kubeconfig.
    QString adminToken() const { return m_adminToken; }
    // A scratch directory that lives as long as the simulator (kubectl's cache, edited kubeconfigs...).
    QString workDirectory() const { return m_directory.path(); }
    // The last lines the simulator wrote to stderr, for failure messages.
    QString logTail(int maxLines = 40) const;

    static QString executablePath();

private:
    QString readOutputFile() const;

    QStringList m_extraArguments;
    QTemporaryDir m_directory;
    QProcess m_process;
    QString m_serverUrl;
    QString m_adminToken;
};

// Reads the token of `user` from a kubeconfig written by binnacle-sim (a plain, known layout).
QString kubeconfigUserToken(const QByteArray& kubeconfig, const QString& user);

} // namespace binnacle::sim::conformance
