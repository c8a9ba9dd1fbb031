#include "execprogram.h"

#include <utility>

namespace binnacle::sim {

namespace {
constexpr char ctrlC = 0x03;
constexpr char ctrlD = 0x04;
constexpr char backspace = 0x08;
constexpr char escape = 0x1b;
constexpr char del = 0x7f;
constexpr char shellPrompt[] = "/ # ";

QByteArray toTerminal(QByteArray data) {
    return data.replace('\n', "\r\n");
}

// Drops the last UTF-8 character of `line`.
void eraseLastCharacter(QByteArray* line) {
    while (!line->isEmpty()) {
        const char last = line->back();
        line->chop(1);
        if ((uchar(last) & 0xC0) != 0x80) {
            break;
        }
    }
}
} // namespace

ExecProgram::ExecProgram(FakeContainer container, Options options)
    : m_shell(std::move(container))
    , m_options(std::move(options)) {
    if (m_options.tty) {
        m_shell.setTerminalSize(m_columns, m_rows);
    }
}

void ExecProgram::emitOut(const QByteArray& data) {
    if (!data.isEmpty() && onStdout) {
        onStdout(m_options.tty ? toTerminal(data) : data);
    }
}

void ExecProgram::emitErr(const QByteArray& data) {
    if (data.isEmpty()) {
        return;
    }
    if (m_options.tty) {
        emitOut(data); // a terminal has one output stream
    } else if (onStderr) {
        onStderr(data);
    }
}

void ExecProgram::prompt() {
    if (m_options.tty) {
        emitOut(shellPrompt);
    }
}

void ExecProgram::finish(int exitCode) {
    if (m_mode == Mode::Finished) {
        return;
    }
    m_mode = Mode::Finished;
    if (onExit) {
        onExit(exitCode);
    }
}

void ExecProgram::start() {
    if (m_mode != Mode::NotStarted) {
        return;
    }
    if (m_shell.isInteractiveShell(m_options.command)) {
        m_mode = Mode::Shell;
        if (!m_options.stdinOpen) {
            finish(0);
            return;
        }
        prompt();
        return;
    }
    const ShellInterpreter::Result result = m_shell.runArgv(m_options.command);
    emitOut(result.out);
    emitErr(result.err);
    if (result.wantsStdin && m_options.stdinOpen) {
        m_mode = Mode::Cat;
        return;
    }
    finish(result.exitCode);
}

void ExecProgram::resize(int columns, int rows) {
    m_columns = columns;
    m_rows = rows;
    if (m_options.tty) {
        m_shell.setTerminalSize(columns, rows);
    }
}

void ExecProgram::writeStdin(const QByteArray& data) {
    if (m_mode == Mode::Finished || m_mode == Mode::NotStarted) {
        return;
    }
    if (!m_options.tty) {
        feedRaw(data);
        return;
    }
    for (const char byte : data) {
        if (m_mode == Mode::Finished) {
            return;
        }
        if (m_escapeState == 1) {
            m_escapeState = byte == '[' || byte == 'O' ? 2 : 0;
            continue;
        }
        if (m_escapeState == 2) {
            if (byte >= 0x40 && byte <= 0x7e) {
                m_escapeState = 0;
            }
            continue;
        }
        if (byte == escape) {
            m_escapeState = 1;
            continue;
        }
        if (m_mode == Mode::Shell) {
            feedShellTty(byte);
        } else {
            feedCatTty(byte);
        }
    }
}

void ExecProgram::feedRaw(const QByteArray& data) {
    if (m_mode == Mode::Cat) {
        emitOut(data);
        return;
    }
    m_line += data;
    qsizetype newline;
    while (m_mode == Mode::Shell && (newline = m_line.indexOf('\n')) >= 0) {
        const QByteArray line = m_line.left(newline);
        m_line.remove(0, newline + 1);
        runShellLine(QString::fromUtf8(line));
    }
}

void ExecProgram::runShellLine(const QString& line) {
    const ShellInterpreter::Result result = m_shell.runLine(line);
    emitOut(result.out);
    emitErr(result.err);
    if (result.exitShell) {
        finish(result.exitCode);
        return;
    }
    if (result.wantsStdin && m_options.tty) {
        m_mode = Mode::Cat;
        m_catReturnsToShell = true;
        return;
    }
    prompt();
}

void ExecProgram::feedShellTty(char byte) {
    switch (byte) {
    case '\r':
    case '\n': {
        emitOut("\n");
        const QByteArray line = std::exchange(m_line, QByteArray());
        runShellLine(QString::fromUtf8(line));
        return;
    }
    case del:
    case backspace:
        if (!m_line.isEmpty()) {
            eraseLastCharacter(&m_line);
            emitOut("\b \b");
        }
        return;
    case ctrlC:
        m_line.clear();
        emitOut("^C\n");
        prompt();
        return;
    case ctrlD:
        if (m_line.isEmpty()) {
            emitOut("\n");
            finish(m_shell.lastExitCode());
        }
        return;
    default:
        if (uchar(byte) >= 0x20 || byte == '\t') {
            m_line.append(byte);
            emitOut(QByteArray(1, byte));
        }
    }
}

void ExecProgram::feedCatTty(char byte) {
    auto endCat = [this](int exitCode) {
        m_line.clear();
        if (m_catReturnsToShell) {
            m_mode = Mode::Shell;
            m_catReturnsToShell = false;
            prompt();
        } else {
            finish(exitCode);
        }
    };
    switch (byte) {
    case '\r':
    case '\n':
        emitOut("\n" + m_line + "\n");
        m_line.clear();
        return;
    case ctrlD:
        if (!m_line.isEmpty()) {
            emitOut(std::exchange(m_line, QByteArray()));
            return;
        }
        endCat(0);
        return;
    case ctrlC:
        emitOut("^C\n");
        endCat(130);
        return;
    case del:
    case backspace:
        if (!m_line.isEmpty()) {
            eraseLastCharacter(&m_line);
            emitOut("\b \b");
        }
        return;
    default:
        m_line.append(byte);
        emitOut(QByteArray(1, byte));
    }
}

void ExecProgram::closeStdin() {
    if (m_mode == Mode::Cat) {
        if (!m_line.isEmpty() && !m_options.tty) {
            emitOut(std::exchange(m_line, QByteArray()));
        }
        finish(0);
    } else if (m_mode == Mode::Shell) {
        if (!m_options.tty && !m_line.isEmpty()) {
            runShellLine(QString::fromUtf8(std::exchange(m_line, QByteArray())));
        }
        finish(m_shell.lastExitCode());
    }
}

} // namespace binnacle::sim
