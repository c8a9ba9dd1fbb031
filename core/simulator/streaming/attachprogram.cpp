#include "attachprogram.h"

#include <utility>

namespace binnacle::sim {

namespace {
constexpr char ctrlC = 0x03;
constexpr char ctrlD = 0x04;
constexpr char backspace = 0x08;
constexpr char escape = 0x1b;
constexpr char del = 0x7f;

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

AttachProgram::AttachProgram(Options options)
    : m_options(options) {}

void AttachProgram::emitOut(const QByteArray& data) {
    if (!data.isEmpty() && onStdout && !m_finished) {
        onStdout(m_options.tty ? QByteArray(data).replace('\n', "\r\n") : data);
    }
}

void AttachProgram::emitErr(const QByteArray& data) {
    if (m_options.tty) {
        emitOut(data); // a terminal has one output stream
    } else if (!data.isEmpty() && onStderr && !m_finished) {
        onStderr(data);
    }
}

void AttachProgram::printLogLine(const QByteArray& line) {
    const bool problem = line.startsWith("level=warn") || line.startsWith("level=error");
    if (problem) {
        emitErr(line + '\n');
    } else {
        emitOut(line + '\n');
    }
}

void AttachProgram::resize(int columns, int rows) {
    m_columns = columns;
    m_rows = rows;
}

void AttachProgram::finish(int exitCode) {
    if (m_finished) {
        return;
    }
    m_finished = true;
    if (onExit) {
        onExit(exitCode);
    }
}

void AttachProgram::closeStdin() {
    if (m_stdinClosed || m_finished) {
        return;
    }
    m_stdinClosed = true;
    if (onStdinClosed) {
        onStdinClosed();
    }
}

void AttachProgram::runLine(const QByteArray& line) {
    const QByteArray trimmed = line.trimmed();
    if (trimmed == "size") {
        emitOut(QByteArray::number(m_rows) + ' ' + QByteArray::number(m_columns) + '\n');
        return;
    }
    if (trimmed == "exit" || trimmed.startsWith("exit ")) {
        bool ok = true;
        const int code = trimmed == "exit" ? 0 : trimmed.mid(5).trimmed().toInt(&ok) & 0xFF;
        finish(ok ? code : 2);
        return;
    }
    emitOut(line + '\n');
}

void AttachProgram::writeStdin(const QByteArray& data) {
    if (m_finished || m_stdinClosed || !m_options.stdinOpen) {
        return;
    }
    if (m_options.tty) {
        for (const char byte : data) {
            if (m_finished || m_stdinClosed) {
                return;
            }
            feedTty(byte);
        }
        return;
    }
    m_line += data;
    qsizetype newline;
    while (!m_finished && (newline = m_line.indexOf('\n')) >= 0) {
        const QByteArray line = m_line.left(newline);
        m_line.remove(0, newline + 1);
        runLine(line);
    }
}

void AttachProgram::feedTty(char byte) {
    if (m_escapeState == 1) {
        m_escapeState = byte == '[' || byte == 'O' ? 2 : 0;
        return;
    }
    if (m_escapeState == 2) {
        if (byte >= 0x40 && byte <= 0x7e) {
            m_escapeState = 0;
        }
        return;
    }
    switch (byte) {
    case escape:
        m_escapeState = 1;
        return;
    case '\r':
    case '\n':
        emitOut("\n");
        runLine(std::exchange(m_line, QByteArray()));
        return;
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
        return;
    case ctrlD:
        if (m_line.isEmpty()) {
            closeStdin();
        }
        return;
    default:
        if (uchar(byte) >= 0x20 || byte == '\t') {
            m_line.append(byte);
            emitOut(QByteArray(1, byte));
        }
    }
}

} // namespace binnacle::sim
