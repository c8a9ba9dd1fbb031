#include "execcredentialprovider.h"

#include "authlogging.h"
#include "clientcertificate.h"
#include "execcredential.h"

#include <QDir>
#include <QTimer>

namespace binnacle::auth {

namespace {

constexpr qsizetype kMaxOutputBytes = 1024 * 1024; // an ExecCredential is a few KB
constexpr qsizetype kMaxStderrChars = 4000;        // the end of stderr is where the reason is

QString lastCharacters(const QString& text, qsizetype count) {
    return text.size() <= count ? text : QStringLiteral("…") + text.right(count);
}

} // namespace

ExecCredentialProvider::ExecCredentialProvider(config::ExecConfig exec, config::ClusterInfo cluster,
                                               ExecOptions options, QObject* parent)
    : CredentialProvider(parent)
    , m_exec(std::move(exec))
    , m_cluster(std::move(cluster))
    , m_options(std::move(options))
    , m_locator(new CommandLocator(m_options.commandSearch, this)) {}

ExecCredentialProvider::~ExecCredentialProvider() {
    stopPlugin();
}

QDateTime ExecCredentialProvider::now() const {
    return m_options.clock ? m_options.clock() : QDateTime::currentDateTimeUtc();
}

bool ExecCredentialProvider::cacheIsFresh() const {
    return m_cached && (!m_expiration.isValid() || now() < m_expiration);
}

void ExecCredentialProvider::requestCredentials(Callback done) {
    if (m_exec.interactiveMode == QLatin1String("Always")) {
        done(transport::Credentials(),
             transport::CredentialError{
                 QStringLiteral("exec plugin %1 needs a terminal (interactiveMode: Always), which a "
                                "desktop app cannot give it")
                     .arg(m_exec.command),
                 QStringLiteral("Log in once from a terminal with the plugin, or configure it with "
                                "interactiveMode: Never or IfAvailable.\n\n%1")
                     .arg(m_exec.installHint)
                     .trimmed()});
        return;
    }
    if (cacheIsFresh()) {
        done(*m_cached, std::nullopt);
        return;
    }
    m_waiting.append(std::move(done));
    if (!m_running) {
        run();
    }
}

bool ExecCredentialProvider::invalidate() {
    // A run in progress already brings fresh credentials; concurrent 401s share it.
    m_cached.reset();
    m_expiration = {};
    return true;
}

void ExecCredentialProvider::run() {
    m_running = true;
    m_cached.reset();
    m_locator->locate(m_exec.command, [this](const std::optional<LocatedCommand>& command) {
        if (!command) {
            transport::CredentialError error{QStringLiteral("exec plugin %1 not found").arg(m_exec.command),
                                             m_exec.installHint};
            finish(transport::Credentials(), error);
            return;
        }
        startPlugin(*command);
    });
}

void ExecCredentialProvider::startPlugin(const LocatedCommand& command) {
    QString error;
    const std::optional<QByteArray> execInfo = buildExecInfo(m_exec, m_cluster, &error);
    if (!execInfo) {
        finish(
            transport::Credentials(),
            transport::CredentialError{
                QStringLiteral("exec plugin %1 cannot be given the cluster: %2").arg(m_exec.command, error),
                {}});
        return;
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!command.searchPath.isEmpty()) {
        // The plugin may itself start commands that live where it was found (gcloud, python…).
        environment.insert(QStringLiteral("PATH"), command.searchPath);
    }
    for (const auto& [name, value] : m_exec.env) {
        environment.insert(name, value);
    }
    environment.insert(QStringLiteral("KUBERNETES_EXEC_INFO"), QString::fromUtf8(*execInfo));

    m_stdout.clear();
    m_stderr.clear();
    m_process = new QProcess(this);
    m_process->setProgram(command.program);
    m_process->setArguments(m_exec.args);
    m_process->setProcessEnvironment(environment);
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::readyReadStandardOutput, this,
            [this] { appendCapped(&m_stdout, m_process->readAllStandardOutput()); });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderr.append(m_process->readAllStandardError());
        if (m_stderr.size() > kMaxOutputBytes) {
            m_stderr = m_stderr.right(kMaxOutputBytes);
        }
    });
    connect(m_process, &QProcess::finished, this, &ExecCredentialProvider::onPluginFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError processError) {
        if (processError == QProcess::FailedToStart) {
            const QString reason = m_process->errorString();
            stopPlugin();
            finish(
                transport::Credentials(),
                pluginError(
                    QStringLiteral("exec plugin %1 could not be started: %2").arg(m_exec.command, reason)));
        }
    });
    m_timeout = new QTimer(m_process);
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, &ExecCredentialProvider::onPluginTimedOut);

    ++m_runCount;
    qCDebug(lcAuth) << "running exec plugin" << command.program;
    m_timeout->start(m_options.timeoutMs);
    m_process->start();
}

void ExecCredentialProvider::appendCapped(QByteArray* buffer, const QByteArray& data) {
    buffer->append(data.left(kMaxOutputBytes + 1 - buffer->size()));
}

void ExecCredentialProvider::onPluginTimedOut() {
    stopPlugin();
    finish(transport::Credentials(), pluginError(QStringLiteral("exec plugin %1 did not answer within %2 s")
                                                     .arg(m_exec.command)
                                                     .arg(m_options.timeoutMs / 1000.0)));
}

void ExecCredentialProvider::onPluginFinished(int exitCode, QProcess::ExitStatus exitStatus) {
    appendCapped(&m_stdout, m_process->readAllStandardOutput());
    m_stderr.append(m_process->readAllStandardError());
    stopPlugin();
    if (exitStatus != QProcess::NormalExit) {
        finish(transport::Credentials(),
               pluginError(QStringLiteral("exec plugin %1 crashed").arg(m_exec.command)));
        return;
    }
    if (exitCode != 0) {
        finish(
            transport::Credentials(),
            pluginError(
                QStringLiteral("exec plugin %1 failed with exit code %2").arg(m_exec.command).arg(exitCode)));
        return;
    }
    if (m_stdout.size() > kMaxOutputBytes) {
        finish(transport::Credentials(),
               pluginError(QStringLiteral("exec plugin %1 printed more than 1 MiB").arg(m_exec.command)));
        return;
    }
    QString error;
    const std::optional<ExecCredentialStatus> status =
        parseExecCredential(m_stdout, m_exec.apiVersion, &error);
    m_stdout.clear(); // it holds the secret
    if (!status) {
        finish(transport::Credentials(),
               pluginError(QStringLiteral("exec plugin %1 returned no usable credential: %2")
                               .arg(m_exec.command, error)));
        return;
    }
    transport::Credentials credentials;
    if (!status->token.isEmpty()) {
        credentials.headers.append({"Authorization", "Bearer " + status->token.toUtf8()});
    }
    if (!status->clientCertificatePem.isEmpty()) {
        const std::optional<ClientCertificate> certificate =
            parseClientCertificate(status->clientCertificatePem, status->clientKeyPem,
                                   QStringLiteral("exec plugin %1").arg(m_exec.command), &error);
        if (!certificate) {
            finish(transport::Credentials(), pluginError(error));
            return;
        }
        credentials.clientCertificate = certificate->certificate;
        credentials.clientKey = certificate->key;
    }
    m_cached = credentials;
    m_expiration = status->expiration;
    qCDebug(lcAuth) << "exec plugin" << m_exec.command << "gave credentials, expiring"
                    << (m_expiration.isValid() ? m_expiration.toString(Qt::ISODate)
                                               : QStringLiteral("never"));
    finish(credentials, std::nullopt);
}

void ExecCredentialProvider::stopPlugin() {
    if (!m_process) {
        return;
    }
    m_process->disconnect(this);
    m_timeout->stop();
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        // Reap it without blocking: the process object goes once the child has exited.
        connect(m_process, &QProcess::finished, m_process, &QObject::deleteLater);
        m_process->setParent(nullptr);
    } else {
        m_process->deleteLater();
    }
    m_process = nullptr;
    m_timeout = nullptr;
}

transport::CredentialError ExecCredentialProvider::pluginError(const QString& message) const {
    QStringList detail;
    const QString stderrText = QString::fromLocal8Bit(m_stderr).trimmed();
    if (!stderrText.isEmpty()) {
        detail.append(
            QStringLiteral("The plugin wrote:\n%1").arg(lastCharacters(stderrText, kMaxStderrChars)));
    }
    if (!m_exec.installHint.isEmpty()) {
        detail.append(m_exec.installHint);
    }
    return {message, detail.join(QStringLiteral("\n\n"))};
}

void ExecCredentialProvider::finish(const transport::Credentials& credentials,
                                    const std::optional<transport::CredentialError>& error) {
    if (error) {
        qCWarning(lcAuth) << error->message;
    }
    m_running = false;
    m_stderr.clear();
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback& done : waiting) {
        done(credentials, error);
    }
}

} // namespace binnacle::auth
