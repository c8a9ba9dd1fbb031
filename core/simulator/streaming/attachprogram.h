#pragma once

#include <QByteArray>
#include <functional>

namespace binnacle::sim {

// The main process of a simulated container, as `kubectl attach` meets it: it prints its log lines as they
// happen and reads standard input, answering each line it reads by echoing it back, so that a client can
// see its input arrive. Two lines are understood as commands: `size` prints the terminal's "ROWS COLUMNS"
// (as `stty size` does) and `exit [N]` ends the process. With a TTY the input goes through a terminal's line
// discipline first: typed characters are echoed, Enter ends the line, Backspace and Ctrl-C work, Ctrl-D on
// an empty line is end of input, and "\n" goes out as "\r\n". No socket here: output goes to callbacks.
class AttachProgram {
public:
    struct Options {
        bool tty = false;
        bool stdinOpen = false; // the client attached stdin
    };

    explicit AttachProgram(Options options);

    std::function<void(const QByteArray&)> onStdout;
    std::function<void(const QByteArray&)> onStderr;
    std::function<void(int exitCode)> onExit; // once, when the process ends
    std::function<void()> onStdinClosed;      // once, at end of input (Ctrl-D, or the client's close)

    // A log line the process writes (without its newline); warnings and errors go to stderr without a TTY.
    void printLogLine(const QByteArray& line);
    void writeStdin(const QByteArray& data);
    void closeStdin();
    void resize(int columns, int rows);

    bool isFinished() const { return m_finished; }
    bool isStdinClosed() const { return m_stdinClosed; }
    int columns() const { return m_columns; }
    int rows() const { return m_rows; }

private:
    void emitOut(const QByteArray& data);
    void emitErr(const QByteArray& data);
    void runLine(const QByteArray& line);
    void feedTty(char byte);
    void finish(int exitCode);

    Options m_options;
    QByteArray m_line;
    int m_escapeState = 0; // skipping a terminal escape sequence (arrow keys and the like)
    bool m_finished = false;
    bool m_stdinClosed = false;
    int m_columns = 80;
    int m_rows = 24;
};

} // namespace binnacle::sim
