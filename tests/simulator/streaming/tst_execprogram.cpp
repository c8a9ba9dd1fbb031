// One exec in the simulated container, without a socket: one-shot commands, `cat` copying stdin until
// EOF, the line-reading shell without a TTY, and with a TTY the terminal's echo, prompt, CR/LF, Backspace,
// Ctrl-C, Ctrl-D and escape sequences.
#include "execprogram.h"

#include <QTest>

using namespace binnacle::sim;

namespace {
struct Run {
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
    int exits = 0;
};

std::unique_ptr<ExecProgram> program(const QStringList& command, bool tty, bool stdinOpen, Run* run) {
    FakeContainer fake;
    fake.podName = QStringLiteral("shell");
    fake.namespaceName = QStringLiteral("default");
    fake.image = QStringLiteral("busybox:1.36");
    fake.env = FakeContainer::defaultEnvironment(fake.podName, {}, tty);
    auto exec = std::make_unique<ExecProgram>(fake, ExecProgram::Options{command, tty, stdinOpen});
    exec->onStdout = [run](const QByteArray& data) { run->out += data; };
    exec->onStderr = [run](const QByteArray& data) { run->err += data; };
    exec->onExit = [run](int code) {
        run->exitCode = code;
        ++run->exits;
    };
    return exec;
}
} // namespace

class TestExecProgram : public QObject {
    Q_OBJECT

private slots:
    void oneShotCommandExitsAtOnce() {
        Run run;
        auto exec = program({QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo out; nope")},
                            false, true, &run);
        exec->start();
        QCOMPARE(run.out, QByteArray("out\n"));
        QCOMPARE(run.err, QByteArray("sh: nope: not found\n"));
        QCOMPARE(run.exitCode, 127);
        exec->writeStdin("ignored\n");
        exec->closeStdin();
        QCOMPARE(run.exits, 1);
    }

    void catCopiesStdinUntilEof() {
        Run run;
        auto exec = program({QStringLiteral("cat")}, false, true, &run);
        exec->start();
        QCOMPARE(run.exits, 0);
        exec->writeStdin("abc");
        exec->writeStdin("\ndef");
        QCOMPARE(run.out, QByteArray("abc\ndef"));
        exec->closeStdin();
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.exits, 1);
    }

    void catWithoutStdinSeesEof() {
        Run run;
        auto exec = program({QStringLiteral("cat")}, false, false, &run);
        exec->start();
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty());
    }

    void shellReadsLinesWithoutPrompt() {
        Run run;
        auto exec = program({QStringLiteral("sh")}, false, true, &run);
        exec->start();
        exec->writeStdin("echo one\ncd /e");
        QCOMPARE(run.out, QByteArray("one\n"));
        exec->writeStdin("tc\npwd\nfalse");
        QCOMPARE(run.out, QByteArray("one\n/etc\n"));
        QCOMPARE(run.exits, 0);
        exec->closeStdin(); // the unterminated last line still runs
        QCOMPARE(run.exitCode, 1);
    }

    void shellExitStopsReading() {
        Run run;
        auto exec = program({QStringLiteral("sh")}, false, true, &run);
        exec->start();
        exec->writeStdin("exit 4\necho never\n");
        QCOMPARE(run.exitCode, 4);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.exits, 1);
    }

    void ttyShellEchoesAndPrompts() {
        Run run;
        auto exec = program({QStringLiteral("/bin/sh")}, true, true, &run);
        exec->start();
        QCOMPARE(run.out, QByteArray("/ # "));
        exec->writeStdin("echo hi\r");
        QCOMPARE(run.out, QByteArray("/ # echo hi\r\nhi\r\n/ # "));
        QVERIFY(run.err.isEmpty());
        run.out.clear();
        exec->writeStdin("ecko\x7f\x7fho x\r");
        QCOMPARE(run.out, QByteArray("ecko\b \b\b \bho x\r\nx\r\n/ # "));
        run.out.clear();
        exec->writeStdin("nope\r"); // errors share the terminal
        QCOMPARE(run.out, QByteArray("nope\r\nsh: nope: not found\r\n/ # "));
    }

    void ttyControlKeys() {
        Run run;
        auto exec = program({QStringLiteral("sh")}, true, true, &run);
        exec->start();
        run.out.clear();
        exec->writeStdin("abc\x03");
        QCOMPARE(run.out, QByteArray("abc^C\r\n/ # "));
        run.out.clear();
        exec->writeStdin("\x1b[A\x1b[D"); // arrow keys are swallowed
        QVERIFY(run.out.isEmpty());
        exec->writeStdin("x\x04"); // Ctrl-D on a non-empty line does nothing
        QCOMPARE(run.exits, 0);
        exec->writeStdin("\x7f\x04");
        QCOMPARE(run.exits, 1);
        QCOMPARE(run.exitCode, 0);
    }

    void ttyCatInsideTheShell() {
        Run run;
        auto exec = program({QStringLiteral("sh")}, true, true, &run);
        exec->start();
        exec->writeStdin("cat\r");
        run.out.clear();
        exec->writeStdin("hey\r");
        QCOMPARE(run.out, QByteArray("hey\r\nhey\r\n")); // the terminal's echo, then cat's copy
        run.out.clear();
        exec->writeStdin("\x04");
        QCOMPARE(run.out, QByteArray("/ # "));
        QCOMPARE(run.exits, 0);
        exec->writeStdin("exit 2\r");
        QCOMPARE(run.exitCode, 2);
    }

    void resizeIsRemembered() {
        Run run;
        auto exec = program({QStringLiteral("sh")}, true, true, &run);
        exec->start();
        exec->resize(132, 43);
        QCOMPARE(exec->columns(), 132);
        QCOMPARE(exec->rows(), 43);
        run.out.clear();
        exec->writeStdin("stty size; tput cols\r");
        QCOMPARE(run.out, QByteArray("stty size; tput cols\r\n43 132\r\n132\r\n/ # "));
    }

    void noTerminalWithoutTty() {
        Run run;
        auto exec = program({QStringLiteral("stty"), QStringLiteral("size")}, false, false, &run);
        exec->start();
        QCOMPARE(run.err, QByteArray("stty: standard input: Not a tty\n"));
        QCOMPARE(run.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestExecProgram)
#include "tst_execprogram.moc"
