#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

class QProcess;

namespace binnacle::auth {

// Where to look for a plugin's command. A desktop launcher starts the app without the user's shell
// set-up, so the PATH it inherits often lacks ~/bin, /usr/local/... or a cloud SDK's directory;
// the login shell's PATH is the fallback.
struct CommandSearch {
    QString processPath;             // the PATH searched first
    QString loginShell;              // asked for its PATH when the first search fails; empty: no fallback
    int loginShellTimeoutMs = 10000; // a shell set-up that hangs must not hang the plugin

    // This process's PATH and the user's $SHELL (/bin/sh when unset).
    static CommandSearch fromEnvironment();
};

struct LocatedCommand {
    QString program;    // absolute path
    QString searchPath; // the login shell's PATH when it was found there (to hand on), else empty
};

// Resolves a plugin command to an executable without blocking: a bare name against the process
// PATH first, then against the PATH of `$SHELL -l -c 'printf %s "$PATH"'`, which is run at most
// once per shell for the whole process and remembered (also when it fails).
class CommandLocator : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const std::optional<LocatedCommand>&)>;

    explicit CommandLocator(CommandSearch search, QObject* parent = nullptr);
    ~CommandLocator() override;

    // Calls `done` with nullopt when the command is nowhere to be found. A command with a '/' is
    // taken as a path, relative to the working directory.
    void locate(const QString& command, Callback done);

    // An executable `command` in one of the directories of `path`, or empty.
    static QString findIn(const QString& command, const QString& path);

private:
    void askLoginShell();
    void onLoginShellPath(const std::optional<QString>& path);

    CommandSearch m_search;
    QProcess* m_shell = nullptr;
    QList<std::pair<QString, Callback>> m_waiting;
};

} // namespace binnacle::auth
