// TerminalScreen's input side (terminalscreeninput.cpp): the bytes keys and pastes turn into, as libvterm
// encodes them, and the text a selection copies.
#include "terminalscreen.h"

#include <QSignalSpy>
#include <QTest>

using namespace binnacle::terminal;

class TestTerminalInput : public QObject {
    Q_OBJECT
private slots:
    void keys_data();
    void keys();
    void unknownKeyProducesNothing();
    void bracketedPaste_data();
    void bracketedPaste();
    void selectionAcrossAWrappedLine();
    void selectionFollowsItsTextAsLinesScrollOff();
};

void TestTerminalInput::keys_data() {
    QTest::addColumn<QByteArray>("mode"); // fed before the key, e.g. application cursor keys
    QTest::addColumn<int>("key");
    QTest::addColumn<Qt::KeyboardModifiers>("modifiers");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    const Qt::KeyboardModifiers none = Qt::NoModifier;
    QTest::newRow("letter") << QByteArray() << int(Qt::Key_A) << none << "a" << QByteArray("a");
    QTest::newRow("shifted letter") << QByteArray() << int(Qt::Key_A)
                                    << Qt::KeyboardModifiers(Qt::ShiftModifier) << "A" << QByteArray("A");
    QTest::newRow("utf-8") << QByteArray() << int(Qt::Key_Eacute) << none << QStringLiteral(u"é")
                           << QByteArray("\xc3\xa9");
    QTest::newRow("enter") << QByteArray() << int(Qt::Key_Return) << none << "\r" << QByteArray("\r");
    QTest::newRow("tab") << QByteArray() << int(Qt::Key_Tab) << none << "\t" << QByteArray("\t");
    QTest::newRow("shift tab") << QByteArray() << int(Qt::Key_Backtab)
                               << Qt::KeyboardModifiers(Qt::ShiftModifier) << "" << QByteArray("\x1b[Z");
    QTest::newRow("backspace") << QByteArray() << int(Qt::Key_Backspace) << none << "\b"
                               << QByteArray("\x7f");
    QTest::newRow("escape") << QByteArray() << int(Qt::Key_Escape) << none << "\x1b" << QByteArray("\x1b");
    QTest::newRow("up") << QByteArray() << int(Qt::Key_Up) << none << "" << QByteArray("\x1b[A");
    QTest::newRow("left") << QByteArray() << int(Qt::Key_Left) << none << "" << QByteArray("\x1b[D");
    QTest::newRow("up, application cursor keys")
        << QByteArray("\x1b[?1h") << int(Qt::Key_Up) << none << "" << QByteArray("\x1bOA");
    QTest::newRow("shift up") << QByteArray() << int(Qt::Key_Up) << Qt::KeyboardModifiers(Qt::ShiftModifier)
                              << "" << QByteArray("\x1b[1;2A");
    QTest::newRow("ctrl right") << QByteArray() << int(Qt::Key_Right)
                                << Qt::KeyboardModifiers(Qt::ControlModifier) << ""
                                << QByteArray("\x1b[1;5C");
    QTest::newRow("home") << QByteArray() << int(Qt::Key_Home) << none << "" << QByteArray("\x1b[H");
    QTest::newRow("delete") << QByteArray() << int(Qt::Key_Delete) << none << "" << QByteArray("\x1b[3~");
    QTest::newRow("page down") << QByteArray() << int(Qt::Key_PageDown) << none << ""
                               << QByteArray("\x1b[6~");
    QTest::newRow("f1") << QByteArray() << int(Qt::Key_F1) << none << "" << QByteArray("\x1bOP");
    QTest::newRow("f5") << QByteArray() << int(Qt::Key_F5) << none << "" << QByteArray("\x1b[15~");
    QTest::newRow("ctrl c") << QByteArray() << int(Qt::Key_C) << Qt::KeyboardModifiers(Qt::ControlModifier)
                            << "\x03" << QByteArray("\x03");
    QTest::newRow("ctrl d") << QByteArray() << int(Qt::Key_D) << Qt::KeyboardModifiers(Qt::ControlModifier)
                            << "\x04" << QByteArray("\x04");
    QTest::newRow("ctrl [") << QByteArray() << int(Qt::Key_BracketLeft)
                            << Qt::KeyboardModifiers(Qt::ControlModifier) << "\x1b" << QByteArray("\x1b");
    QTest::newRow("ctrl space") << QByteArray() << int(Qt::Key_Space)
                                << Qt::KeyboardModifiers(Qt::ControlModifier) << "" << QByteArray("\0", 1);
    QTest::newRow("alt x") << QByteArray() << int(Qt::Key_X) << Qt::KeyboardModifiers(Qt::AltModifier) << "x"
                           << QByteArray("\x1bx");
}

void TestTerminalInput::keys() {
    QFETCH(QByteArray, mode);
    QFETCH(int, key);
    QFETCH(Qt::KeyboardModifiers, modifiers);
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);

    TerminalScreen screen(4, 20);
    screen.feed(mode);
    QSignalSpy output(&screen, &TerminalScreen::output);
    QVERIFY(screen.keyPress(key, modifiers, text));
    QCOMPARE(output.count(), 1);
    QCOMPARE(output.at(0).at(0).toByteArray(), bytes);
}

void TestTerminalInput::unknownKeyProducesNothing() {
    TerminalScreen screen(4, 20);
    QSignalSpy output(&screen, &TerminalScreen::output);
    QVERIFY(!screen.keyPress(Qt::Key_Shift, Qt::ShiftModifier, {}));
    QVERIFY(!screen.keyPress(Qt::Key_VolumeUp, Qt::NoModifier, {}));
    QCOMPARE(output.count(), 0);
}

void TestTerminalInput::bracketedPaste_data() {
    QTest::addColumn<QByteArray>("mode");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("plain") << QByteArray() << "echo a\necho b" << QByteArray("echo a\recho b");
    QTest::newRow("crlf") << QByteArray() << "a\r\nb" << QByteArray("a\rb");
    QTest::newRow("bracketed") << QByteArray("\x1b[?2004h") << "ls -l\n"
                               << QByteArray("\x1b[200~ls -l\r\x1b[201~");
    QTest::newRow("bracketed, then off") << QByteArray("\x1b[?2004h\x1b[?2004l") << "x" << QByteArray("x");
    QTest::newRow("end marker in the text") << QByteArray("\x1b[?2004h") << "a\x1b[201~rm -rf /\n"
                                            << QByteArray("\x1b[200~arm -rf /\r\x1b[201~");
}

void TestTerminalInput::bracketedPaste() {
    QFETCH(QByteArray, mode);
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);

    TerminalScreen screen(4, 20);
    screen.feed(mode);
    QSignalSpy output(&screen, &TerminalScreen::output);
    screen.paste(text);
    QCOMPARE(output.count(), 1);
    QCOMPARE(output.at(0).at(0).toByteArray(), bytes);
}

void TestTerminalInput::selectionAcrossAWrappedLine() {
    TerminalScreen screen(4, 10);
    QSignalSpy selection(&screen, &TerminalScreen::selectionChanged);
    screen.feed("0123456789abc   \r\nnext line\r\nlast");
    const int top = screen.scrollbackLines();
    // From the middle of the wrapped line to the middle of the third row, selected backwards.
    screen.setSelection({top + 2, 1}, {top, 5});
    QVERIFY(screen.hasSelection());
    QCOMPARE(selection.count(), 1);
    QCOMPARE(screen.selectionStart(), (TerminalPosition{top, 5}));
    QCOMPARE(screen.selectedText(), QStringLiteral("56789abc\nne"));
    QVERIFY(screen.isSelected(top + 1, 0));
    QVERIFY(!screen.isSelected(top, 4));
    QVERIFY(!screen.isSelected(top + 2, 2));

    // Whole rows: the blanks after "abc" and "last" are not copied.
    screen.setSelection({top, 0}, {top + 3, 9});
    QCOMPARE(screen.selectedText(), QStringLiteral("0123456789abc\nnext line\nlast"));

    screen.clearSelection();
    QVERIFY(!screen.hasSelection());
    QCOMPARE(screen.selectedText(), QString());
}

void TestTerminalInput::selectionFollowsItsTextAsLinesScrollOff() {
    TerminalScreen screen(3, 10);
    screen.setScrollbackLimit(2);
    screen.feed("one\r\ntwo\r\nthree");
    screen.setSelection({0, 0}, {0, 2});
    QCOMPARE(screen.selectedText(), QStringLiteral("one"));
    screen.feed("\r\nfour\r\nfive");
    QCOMPARE(screen.scrollbackLines(), 2);
    QCOMPARE(screen.selectedText(), QStringLiteral("one"));
    QCOMPARE(screen.selectionStart(), (TerminalPosition{0, 0}));
    screen.feed("\r\nsix"); // "one" leaves the bounded scrollback
    QCOMPARE(screen.lineText(0), QStringLiteral("two"));
    QCOMPARE(screen.selectedText(), QString());
}

QTEST_GUILESS_MAIN(TestTerminalInput)
#include "tst_terminalinput.moc"
