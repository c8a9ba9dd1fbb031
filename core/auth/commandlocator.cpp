#include "commandlocator.h"

#include "authlogging.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

namespace binnacle::auth {

namespace {

// The login shell's PATH per shell program, shared by every locator in the process: starting a
// login shell costs a few hundred milliseconds and its answer does not change while the app runs.
struct LoginShellCache {
    QMutex mutex;
    QHash<QString, std::optional<QString>> paths;
};

LoginShellCache& loginShellCache() {
    static LoginShellCache cache;
    return cache;
}

// Login shells may print a banner; the marker finds the PATH after it.
constexpr QLatin1StringView kPathMarker{"__BINNACLE_LOGIN_PATH__"};

// Stops a shell that is no longer listened to and lets it go once it has exited, without waiting.
void retire(QProcess* shell) {
    shell->disconnect();
    for (QTimer* timer : shell->findChildren<QTimer*>()) {
        timer->stop();
    }
    if (shell->state() == QProcess::NotRunning) {
        shell->deleteLater();
        return;
    }
    shell->setParent(nullptr);
    QObject::connect(shell, &QProcess::finished, shell, &QObject::deleteLater);
    shell->kill();
}

QString located(const QString& command) {
    const QFileInfo info(command);
    return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
}

} // namespace

CommandSearch CommandSearch::fromEnvironment() {
    CommandSearch search;
    search.processPath = qEnvironmentVariable("PATH");
    search.loginShell = qEnvironmentVariable("SHELL", QStringLiteral("/bin/sh"));
    return search;
}

CommandLocator::CommandLocator(CommandSearch search, QObject* parent)
    : QObject(parent)
    , m_search(std::move(search)) {}

CommandLocator::~CommandLocator() {
    if (m_shell) {
        retire(m_shell);
    }
}

QString CommandLocator::findIn(const QString& command, const QString& path) {
    const QStringList directories = path.split(QDir::listSeparator(), Qt::SkipEmptyParts);
    return directories.isEmpty() ? QString() : QStandardPaths::findExecutable(command, directories);
}

void CommandLocator::locate(const QString& command, Callback done) {
    if (command.contains(QLatin1Char('/'))) {
        const QString program = located(command);
        done(program.isEmpty() ? std::nullopt : std::optional(LocatedCommand{program, {}}));
        return;
    }
    if (const QString program = findIn(command, m_search.processPath); !program.isEmpty()) {
        done(LocatedCommand{program, {}});
        return;
    }
    if (m_search.loginShell.isEmpty()) {
        done(std::nullopt);
        return;
    }
    std::optional<std::optional<QString>> cached;
    {
        LoginShellCache& cache = loginShellCache();
        const QMutexLocker lock(&cache.mutex);
        if (const auto entry = cache.paths.constFind(m_search.loginShell); entry != cache.paths.cend()) {
            cached = *entry;
        }
    }
    if (cached) {
        const QString program = *cached ? findIn(command, **cached) : QString();
        done(program.isEmpty() ? std::nullopt : std::optional(LocatedCommand{program, **cached}));
        return;
    }
    m_waiting.append({command, std::move(done)});
    askLoginShell();
}

void CommandLocator::askLoginShell() {
    if (m_shell) {
        return; // already asked; the answer serves everyone waiting
    }
    qCDebug(lcAuth) << "asking the login shell" << m_search.loginShell << "for its PATH";
    m_shell = new QProcess(this);
    m_shell->setProgram(m_search.loginShell);
    m_shell->setArguments({QStringLiteral("-l"), QStringLiteral("-c"),
                           QStringLiteral("printf '%1%s' \"$PATH\"").arg(kPathMarker)});
    m_shell->setStandardInputFile(QProcess::nullDevice());
    m_shell->setProcessChannelMode(QProcess::SeparateChannels);

    auto* timeout = new QTimer(m_shell);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, this, [this] {
        qCWarning(lcAuth) << "the login shell" << m_search.loginShell << "did not answer in time";
        onLoginShellPath(std::nullopt);
    });
    connect(m_shell, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            qCWarning(lcAuth) << "the login shell" << m_search.loginShell << "could not be started";
            onLoginShellPath(std::nullopt);
        }
    });
    connect(m_shell, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        const QString output = QString::fromLocal8Bit(m_shell->readAllStandardOutput());
        const qsizetype marker = output.lastIndexOf(kPathMarker);
        if (status != QProcess::NormalExit || exitCode != 0 || marker < 0) {
            qCWarning(lcAuth) << "the login shell" << m_search.loginShell << "gave no PATH";
            onLoginShellPath(std::nullopt);
            return;
        }
        onLoginShellPath(output.mid(marker + kPathMarker.size()).trimmed());
    });
    timeout->start(m_search.loginShellTimeoutMs);
    m_shell->start();
}

void CommandLocator::onLoginShellPath(const std::optional<QString>& path) {
    {
        LoginShellCache& cache = loginShellCache();
        const QMutexLocker lock(&cache.mutex);
        cache.paths.insert(m_search.loginShell, path);
    }
    retire(std::exchange(m_shell, nullptr));
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto& [command, done] : waiting) {
        const QString program = path ? findIn(command, *path) : QString();
        done(program.isEmpty() ? std::nullopt : std::optional(LocatedCommand{program, *path}));
    }
}

} // namespace binnacle::auth
