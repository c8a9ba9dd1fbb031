// TerminalScreen against real escape sequences: what libvterm makes of them (cells, colours, cursor,
// alternate screen, wrap), the scrollback, resizing, and the bytes that keys and pastes turn into.
#include "terminalscreen.h"

#include <QSignalSpy>
#include <QTest>

using namespace binnacle::terminal;

Q_DECLARE_METATYPE(TerminalColor::Kind)

class TestTerminalScreen : public QObject {
    Q_OBJECT
private slots:
    void writesTextAndWrapsLines();
    void sgrColours_data();
    void sgrColours();
    void sgrAttributes();
    void cursorMovementAndClearScreen();
    void wideCharacters();
    void alternateScreenLikeVim();
    void titleAndBell();
    void answersCursorPositionReport();
    void scrollbackKeepsLinesThatScrolledOff();
    void scrollbackIsBounded();
    void resizeKeepsContentAndReportsTheSize();
    void tracksDirtyRows();
};

void TestTerminalScreen::writesTextAndWrapsLines() {
    TerminalScreen screen(4, 10);
    screen.feed("abcdefghijKLM");
    QCOMPARE(screen.rowText(0), QStringLiteral("abcdefghij"));
    QCOMPARE(screen.rowText(1), QStringLiteral("KLM"));
    QVERIFY(screen.isLineWrapped(screen.scrollbackLines() + 0));
    QVERIFY(!screen.isLineWrapped(screen.scrollbackLines() + 1));
    QCOMPARE(screen.cursorRow(), 1);
    QCOMPARE(screen.cursorColumn(), 3);
    QCOMPARE(screen.cell(1, 0).text(), QStringLiteral("K"));
    QVERIFY(screen.cell(1, 5).isEmpty());
}

void TestTerminalScreen::sgrColours_data() {
    QTest::addColumn<QByteArray>("sequence");
    QTest::addColumn<bool>("background");
    QTest::addColumn<TerminalColor::Kind>("kind");
    QTest::addColumn<int>("index");
    QTest::addColumn<QRgb>("rgb"); // 0: not checked (the palette's choice)

    using Kind = TerminalColor::Kind;
    QTest::newRow("default") << QByteArray("X") << false << Kind::Default << 0 << qRgb(0xd0, 0xd0, 0xd0);
    QTest::newRow("reset") << QByteArray("\x1b[31m\x1b[0mX") << false << Kind::Default << 0 << QRgb(0);
    QTest::newRow("red 31") << QByteArray("\x1b[31mX") << false << Kind::Indexed << 1 << QRgb(0);
    QTest::newRow("bright 92") << QByteArray("\x1b[92mX") << false << Kind::Indexed << 10 << QRgb(0);
    QTest::newRow("256 colours 196") << QByteArray("\x1b[38;5;196mX") << false << Kind::Indexed << 196
                                     << qRgb(255, 0, 0);
    // libvterm's grey ramp (xterm's is 8 + 10n, libvterm's slightly brighter).
    QTest::newRow("256 grey 244") << QByteArray("\x1b[38;5;244mX") << false << Kind::Indexed << 244
                                  << qRgb(0x85, 0x85, 0x85);
    QTest::newRow("rgb") << QByteArray("\x1b[38;2;10;20;30mX") << false << Kind::Rgb << 0 << qRgb(10, 20, 30);
    QTest::newRow("bg 41") << QByteArray("\x1b[41mX") << true << Kind::Indexed << 1 << QRgb(0);
    QTest::newRow("bg 256 colours 21")
        << QByteArray("\x1b[48;5;21mX") << true << Kind::Indexed << 21 << qRgb(0, 0, 255);
    QTest::newRow("bg rgb") << QByteArray("\x1b[48;2;1;2;3mX") << true << Kind::Rgb << 0 << qRgb(1, 2, 3);
}

void TestTerminalScreen::sgrColours() {
    QFETCH(QByteArray, sequence);
    QFETCH(bool, background);
    QFETCH(TerminalColor::Kind, kind);
    QFETCH(int, index);
    QFETCH(QRgb, rgb);

    TerminalScreen screen(4, 20);
    screen.feed(sequence);
    const TerminalCell cell = screen.cell(0, 0);
    QCOMPARE(cell.text(), QStringLiteral("X"));
    const TerminalColor color = background ? cell.background : cell.foreground;
    QCOMPARE(color.kind, kind);
    if (kind == TerminalColor::Kind::Indexed)
        QCOMPARE(int(color.index), index);
    if (rgb != 0)
        QCOMPARE(color.rgb, rgb);
    // The other colour is untouched.
    QCOMPARE((background ? cell.foreground : cell.background).kind, TerminalColor::Kind::Default);
}

void TestTerminalScreen::sgrAttributes() {
    TerminalScreen screen(4, 20);
    screen.feed("\x1b[1;3;4;7;9mA\x1b[22;23;24;27;29mB");
    const TerminalCell styled = screen.cell(0, 0);
    QVERIFY(styled.bold);
    QVERIFY(styled.italic);
    QVERIFY(styled.underline);
    QVERIFY(styled.reverse);
    QVERIFY(styled.strike);
    const TerminalCell plain = screen.cell(0, 1);
    QVERIFY(!plain.bold && !plain.italic && !plain.underline && !plain.reverse && !plain.strike);
    QVERIFY(!styled.sameStyle(plain));
}

void TestTerminalScreen::cursorMovementAndClearScreen() {
    TerminalScreen screen(10, 40);
    screen.feed("\x1b[5;10HX\x1b[2A\x1b[3DY");
    QCOMPARE(screen.cell(4, 9).text(), QStringLiteral("X"));
    QCOMPARE(screen.cell(2, 7).text(), QStringLiteral("Y"));
    QCOMPARE(screen.cursorRow(), 2);
    QCOMPARE(screen.cursorColumn(), 8);

    screen.feed("\x1b[?25l");
    QVERIFY(!screen.isCursorVisible());
    screen.feed("\x1b[?25h\x1b[2J\x1b[H");
    QVERIFY(screen.isCursorVisible());
    for (int row = 0; row < screen.rows(); ++row)
        QCOMPARE(screen.rowText(row), QString());
    QCOMPARE(screen.cursorRow(), 0);
    QCOMPARE(screen.cursorColumn(), 0);

    screen.feed("abc\x1b[1;2H\x1b[K"); // erase to the end of the line
    QCOMPARE(screen.rowText(0), QStringLiteral("a"));
}

void TestTerminalScreen::wideCharacters() {
    TerminalScreen screen(2, 10);
    screen.feed(QStringLiteral(u"中a é").toUtf8());
    QCOMPARE(screen.cell(0, 0).text(), QStringLiteral(u"中"));
    QCOMPARE(int(screen.cell(0, 0).width), 2);
    QCOMPARE(int(screen.cell(0, 1).width), 0);
    QCOMPARE(screen.cell(0, 2).text(), QStringLiteral("a"));
    QCOMPARE(screen.rowText(0), QStringLiteral(u"中a é"));
}

void TestTerminalScreen::alternateScreenLikeVim() {
    TerminalScreen screen(5, 20);
    QSignalSpy alternate(&screen, &TerminalScreen::alternateScreenChanged);
    screen.feed("$ vim notes\r\n");
    // What vim writes when it starts: save the cursor and switch (1049), clear, draw, then restore on exit.
    screen.feed("\x1b[?1049h\x1b[22;0;0t\x1b[H\x1b[2J~\r\n~\r\n\x1b[5;1H\"notes\" 0L");
    QVERIFY(screen.isAlternateScreen());
    QCOMPARE(screen.rowText(0), QStringLiteral("~"));
    QCOMPARE(screen.rowText(4), QStringLiteral("\"notes\" 0L"));
    screen.feed("\x1b[?1049l");
    QVERIFY(!screen.isAlternateScreen());
    QCOMPARE(alternate.count(), 2);
    QCOMPARE(screen.rowText(0), QStringLiteral("$ vim notes"));
    QCOMPARE(screen.rowText(4), QString());
    QCOMPARE(screen.cursorRow(), 1);
    QCOMPARE(screen.cursorColumn(), 0);
    QCOMPARE(screen.scrollbackLines(), 0);
}

void TestTerminalScreen::titleAndBell() {
    TerminalScreen screen(4, 20);
    QSignalSpy title(&screen, &TerminalScreen::titleChanged);
    QSignalSpy bell(&screen, &TerminalScreen::bell);
    screen.feed("\x1b]0;root@web-1: /app\x07");
    QCOMPARE(screen.title(), QStringLiteral("root@web-1: /app"));
    QCOMPARE(title.count(), 1);
    QCOMPARE(bell.count(), 0);
    screen.feed("\x07");
    QCOMPARE(bell.count(), 1);
}

void TestTerminalScreen::answersCursorPositionReport() {
    TerminalScreen screen(10, 40);
    QSignalSpy output(&screen, &TerminalScreen::output);
    screen.feed("\x1b[3;4H\x1b[6n");
    QCOMPARE(output.count(), 1);
    QCOMPARE(output.at(0).at(0).toByteArray(), QByteArray("\x1b[3;4R"));
}

void TestTerminalScreen::scrollbackKeepsLinesThatScrolledOff() {
    TerminalScreen screen(5, 20);
    for (int i = 1; i <= 12; ++i)
        screen.feed(QStringLiteral("line %1\r\n").arg(i).toUtf8());
    // 12 lines and the cursor's empty row on a 5-row screen: lines 1..8 scrolled off.
    QCOMPARE(screen.scrollbackLines(), 8);
    QCOMPARE(screen.historyLines(), 13);
    QCOMPARE(screen.lineText(0), QStringLiteral("line 1"));
    QCOMPARE(screen.lineText(7), QStringLiteral("line 8"));
    QCOMPARE(screen.rowText(0), QStringLiteral("line 9"));
    QCOMPARE(screen.historyCell(0, 5).text(), QStringLiteral("1"));
    QVERIFY(screen.historyCell(0, 15).isEmpty());
    QCOMPARE(screen.linesScrolledOff(), 8);
}

void TestTerminalScreen::scrollbackIsBounded() {
    TerminalScreen screen(2, 10);
    QCOMPARE(screen.scrollbackLimit(), TerminalScreen::defaultScrollbackLimit);
    screen.setScrollbackLimit(3);
    for (int i = 1; i <= 10; ++i)
        screen.feed(QStringLiteral("%1\r\n").arg(i).toUtf8());
    QCOMPARE(screen.scrollbackLines(), 3);
    QCOMPARE(screen.lineText(0), QStringLiteral("7"));
    QCOMPARE(screen.lineText(2), QStringLiteral("9"));
    QCOMPARE(screen.rowText(0), QStringLiteral("10"));
    QCOMPARE(screen.linesScrolledOff(), 9);
}

void TestTerminalScreen::resizeKeepsContentAndReportsTheSize() {
    TerminalScreen screen(5, 20);
    QSignalSpy resized(&screen, &TerminalScreen::resized);
    screen.feed("hello\r\nworld");
    screen.resize(10, 40);
    QCOMPARE(resized.count(), 1);
    QCOMPARE(resized.at(0).at(0).toInt(), 10);
    QCOMPARE(resized.at(0).at(1).toInt(), 40);
    QCOMPARE(screen.rows(), 10);
    QCOMPARE(screen.columns(), 40);
    QCOMPARE(screen.rowText(0), QStringLiteral("hello"));
    QCOMPARE(screen.rowText(1), QStringLiteral("world"));

    // Shrinking below the cursor pushes the top line into the scrollback; growing brings it back.
    screen.resize(1, 40);
    QCOMPARE(screen.rowText(0), QStringLiteral("world"));
    QCOMPARE(screen.scrollbackLines(), 1);
    QCOMPARE(screen.lineText(0), QStringLiteral("hello"));
    screen.resize(5, 40);
    QCOMPARE(screen.scrollbackLines(), 0);
    QCOMPARE(screen.rowText(0), QStringLiteral("hello"));
    QCOMPARE(screen.rowText(1), QStringLiteral("world"));

    screen.resize(5, 40); // the same size: nothing to tell
    QCOMPARE(resized.count(), 3);
}

void TestTerminalScreen::tracksDirtyRows() {
    TerminalScreen screen(6, 20);
    screen.feed("\x1b[3;1H");
    screen.takeDirtyRows();
    QSignalSpy changed(&screen, &TerminalScreen::contentChanged);
    screen.feed("x");
    QCOMPARE(changed.count(), 1);
    const std::vector<bool> dirty = screen.takeDirtyRows();
    QCOMPARE(dirty, (std::vector<bool>{false, false, true, false, false, false}));
    QCOMPARE(screen.takeDirtyRows(), std::vector<bool>(6, false));
}

QTEST_GUILESS_MAIN(TestTerminalScreen)
#include "tst_terminalscreen.moc"
