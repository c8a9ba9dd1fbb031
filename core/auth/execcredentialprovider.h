#pragma once

#include "commandlocator.h"
#include "credentialprovider.h"
#include "kubeconfigtypes.h"

#include <QDateTime>
#include <QProcess>
#include <functional>
#include <optional>

class QTimer;

namespace binnacle::auth {

struct ExecOptions {
    int timeoutMs = 60000;
    std::function<QDateTime()> clock; // UTC now; empty: the system clock
    CommandSearch commandSearch = CommandSearch::fromEnvironment();
};

// Credentials from an exec plugin (client.authentication.k8s.io v1 / v1beta1), as kubectl gets
// them: the plugin runs asynchronously with KUBERNETES_EXEC_INFO in its environment, its
// ExecCredential is cached until expirationTimestamp (or until invalidate() after a 401), and
// every request that arrives while it runs waits for that one run. A GUI has no terminal, so the
// plugin never gets stdin and `interactiveMode: Always` plugins are refused.
class ExecCredentialProvider : public transport::CredentialProvider {
    Q_OBJECT
public:
    ExecCredentialProvider(config::ExecConfig exec, config::ClusterInfo cluster, ExecOptions options = {},
                           QObject* parent = nullptr);
    ~ExecCredentialProvider() override;

    void requestCredentials(Callback done) override;
    bool invalidate() override;

    // How many times the plugin was started (diagnostics and tests).
    int runCount() const { return m_runCount; }

private:
    QDateTime now() const;
    bool cacheIsFresh() const;
    void run();
    void startPlugin(const LocatedCommand& command);
    void onPluginFinished(int exitCode, QProcess::ExitStatus status);
    void onPluginTimedOut();
    void stopPlugin();
    void finish(const transport::Credentials& credentials,
                const std::optional<transport::CredentialError>& error);
    transport::CredentialError pluginError(const QString& message) const;
    void appendCapped(QByteArray* buffer, const QByteArray& data);

    config::ExecConfig m_exec;
    config::ClusterInfo m_cluster;
    ExecOptions m_options;
    CommandLocator* m_locator;
    QProcess* m_process = nullptr;
    QTimer* m_timeout = nullptr;
    bool m_running = false;
    int m_runCount = 0;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QList<Callback> m_waiting;
    std::optional<transport::Credentials> m_cached;
    QDateTime m_expiration;
};

} // namespace binnacle::auth
