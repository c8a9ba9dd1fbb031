// The simulated main process that pods/attach connects to: log lines to stdout (warnings and errors to
// stderr without a TTY), stdin lines echoed back, `size` and `exit`, and a TTY's line discipline.
#include "attachprogram.h"

#include <QTest>

using binnacle::sim::AttachProgram;

namespace {
struct Recorder {
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
    int exits = 0;
    int stdinCloses = 0;

    void bind(AttachProgram& program) {
        program.onStdout = [this](const QByteArray& data) { out += data; };
        program.onStderr = [this](const QByteArray& data) { err += data; };
        program.onExit = [this](int code) {
            exitCode = code;
            ++exits;
        };
        program.onStdinClosed = [this] { ++stdinCloses; };
    }
};
} // namespace

class TestAttachProgram : public QObject {
    Q_OBJECT

private slots:
    void logLinesGoToTheirStream() {
        AttachProgram program({false, false});
        Recorder recorder;
        recorder.bind(program);
        program.printLogLine("level=info msg=\"request handled\"");
        program.printLogLine("level=error msg=\"upstream timeout\"");
        QCOMPARE(recorder.out, QByteArray("level=info msg=\"request handled\"\n"));
        QCOMPARE(recorder.err, QByteArray("level=error msg=\"upstream timeout\"\n"));
    }

    void stdinLinesAreEchoedWhole() {
        AttachProgram program({false, true});
        Recorder recorder;
        recorder.bind(program);
        program.writeStdin("hel");
        QVERIFY(recorder.out.isEmpty());
        program.writeStdin("lo\nworld\npart");
        QCOMPARE(recorder.out, QByteArray("hello\nworld\n"));
    }

    void stdinIgnoredWhenNotAttached() {
        AttachProgram program({false, false});
        Recorder recorder;
        recorder.bind(program);
        program.writeStdin("hello\n");
        QVERIFY(recorder.out.isEmpty());
    }

    void exitEndsTheProcess_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("code");
        QTest::newRow("bare") << QByteArray("exit\n") << 0;
        QTest::newRow("code") << QByteArray("exit 7\n") << 7;
        QTest::newRow("wraps like a shell") << QByteArray("exit 258\n") << 2;
        QTest::newRow("not a number") << QByteArray("exit x\n") << 2;
    }

    void exitEndsTheProcess() {
        QFETCH(QByteArray, line);
        QFETCH(int, code);
        AttachProgram program({false, true});
        Recorder recorder;
        recorder.bind(program);
        program.writeStdin(line + "after\n");
        QCOMPARE(recorder.exits, 1);
        QCOMPARE(recorder.exitCode, code);
        QVERIFY(program.isFinished());
        QVERIFY(recorder.out.isEmpty()); // nothing after exit
        program.printLogLine("level=info late");
        QVERIFY(recorder.out.isEmpty());
    }

    void sizeReportsTheLastResize() {
        AttachProgram program({true, true});
        Recorder recorder;
        recorder.bind(program);
        program.resize(132, 43);
        program.writeStdin("size\r");
        QCOMPARE(recorder.out, QByteArray("size\r\n43 132\r\n"));
        QCOMPARE(program.columns(), 132);
        QCOMPARE(program.rows(), 43);
    }

    void ttyLineDiscipline() {
        AttachProgram program({true, true});
        Recorder recorder;
        recorder.bind(program);
        program.writeStdin("ab\x7f"
                           "c\x1b[A\r");
        // Typed keys are echoed, Backspace rubs out, the arrow key is skipped, Enter runs the line.
        QCOMPARE(recorder.out, QByteArray("ab\b \bc\r\nac\r\n"));
        recorder.out.clear();
        program.writeStdin("xy\x03");
        QCOMPARE(recorder.out, QByteArray("xy^C\r\n"));
        program.printLogLine("level=error oops"); // one stream on a terminal
        QVERIFY(recorder.out.endsWith("level=error oops\r\n"));
        QVERIFY(recorder.err.isEmpty());
    }

    void ctrlDOnAnEmptyLineClosesStdin() {
        AttachProgram program({true, true});
        Recorder recorder;
        recorder.bind(program);
        program.writeStdin("x\x04");
        QCOMPARE(recorder.stdinCloses, 0); // not on a non-empty line
        program.writeStdin("\r\x04");
        QCOMPARE(recorder.stdinCloses, 1);
        QVERIFY(program.isStdinClosed());
        program.writeStdin("more\r");
        QVERIFY(!recorder.out.contains("more"));
        program.closeStdin();
        QCOMPARE(recorder.stdinCloses, 1);
    }
};

QTEST_GUILESS_MAIN(TestAttachProgram)
#include "tst_attachprogram.moc"
