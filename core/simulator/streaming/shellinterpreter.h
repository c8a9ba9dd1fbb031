#pragma once

#include "fakecontainer.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace binnacle::sim {

// A tiny busybox-like shell over a FakeContainer: words with quotes and $VARIABLES, `;`, `&&` and `||`,
// and a handful of built-in commands (echo, ls, cat, env, printenv, hostname, pwd, cd, id, whoami,
// uname, date, true, false, exit, sleep, stty size, tput, sh -c). Never starts a host process.
class ShellInterpreter {
public:
    struct Result {
        QByteArray out;
        QByteArray err;
        int exitCode = 0;
        bool exitShell = false;  // `exit` ran: an interactive shell ends with exitCode
        bool wantsStdin = false; // the command reads standard input until EOF (a bare `cat`)
    };

    explicit ShellInterpreter(FakeContainer container);

    // One command line, as a shell would read it.
    Result runLine(const QString& line);
    // One command given as an argument vector (the exec form: no word splitting or expansion).
    Result runArgv(const QStringList& argv);

    int lastExitCode() const { return m_lastExitCode; }
    // The terminal, when there is one: `stty size` and `tput cols|lines` report it.
    void setTerminalSize(int columns, int rows);
    const FakeContainer& container() const { return m_container; }
    // Whether `argv` starts an interactive shell (sh/bash/ash without -c) that reads commands from stdin.
    bool isInteractiveShell(const QStringList& argv) const;

private:
    struct Token {
        QString text;
        bool isOperator = false;
        qsizetype position = 0; // operators: where they start in the line
    };
    // Splits a line into words and operators, expanding variables; false on an unterminated quote.
    bool tokenize(const QString& line, QList<Token>* tokens) const;
    QString variable(const QString& name) const;
    QString absolutePath(const QString& path) const;
    bool hasCommand(const QString& name) const;

    Result echo(const QStringList& args) const;
    Result list(const QStringList& args) const;
    Result concatenate(const QStringList& args) const;
    Result environment(const QStringList& args) const;
    Result changeDirectory(const QStringList& args);
    Result uname(const QStringList& args) const;
    Result shell(const QStringList& args);
    Result terminalQuery(const QString& name, const QStringList& args) const;

    FakeContainer m_container;
    QString m_workingDirectory = QStringLiteral("/");
    int m_lastExitCode = 0;
    int m_columns = 0; // 0: no terminal
    int m_rows = 0;
};

} // namespace binnacle::sim
