#pragma once

#include "shellinterpreter.h"

#include <functional>

namespace binnacle::sim {

// One `exec` in a simulated container: a one-shot command, a `cat` copying stdin, or an interactive
// shell reading lines from stdin. With a TTY it behaves like a terminal's line discipline: input is
// echoed, Enter runs the line, Backspace, Ctrl-C and Ctrl-D work, "\n" goes out as "\r\n", and the
// shell prints a `/ # ` prompt. No socket here: output goes to the callbacks, so it is testable alone.
class ExecProgram {
public:
    struct Options {
        QStringList command;
        bool tty = false;
        bool stdinOpen = false; // the client attached stdin; without it, reading stdin sees EOF at once
    };

    ExecProgram(FakeContainer container, Options options);

    std::function<void(const QByteArray&)> onStdout;
    std::function<void(const QByteArray&)> onStderr;
    std::function<void(int exitCode)> onExit; // called once

    void start();
    void writeStdin(const QByteArray& data);
    void closeStdin();
    void resize(int columns, int rows);

    bool isFinished() const { return m_mode == Mode::Finished; }
    int columns() const { return m_columns; }
    int rows() const { return m_rows; }

private:
    enum class Mode { NotStarted, Shell, Cat, Finished };

    void emitOut(const QByteArray& data);
    void emitErr(const QByteArray& data);
    void prompt();
    void finish(int exitCode);
    void runShellLine(const QString& line);
    void feedShellTty(char byte);
    void feedCatTty(char byte);
    void feedRaw(const QByteArray& data);

    ShellInterpreter m_shell;
    Options m_options;
    Mode m_mode = Mode::NotStarted;
    bool m_catReturnsToShell = false;
    QByteArray m_line;     // the line being typed (TTY) or read (no TTY)
    int m_escapeState = 0; // skipping a terminal escape sequence (arrow keys and the like)
    int m_columns = 80;
    int m_rows = 24;
};

} // namespace binnacle::sim
