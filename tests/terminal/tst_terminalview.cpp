// TerminalView as QML creates it (Binnacle.Core), in an offscreen window: its size gives the rows and
// columns, it renders the screen's text and colours, keys and Ctrl+Shift+V reach output(), the mouse selects
// and Ctrl+Shift+C copies, and the wheel scrolls back (or sends arrows on the alternate screen).
#include "terminalview.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QPainter>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickWindow>
#include <QSGRendererInterface>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace binnacle::terminal;

namespace {
// Records the area each paint() may draw in.
class RecordingView : public TerminalView {
public:
    void paint(QPainter* painter) override {
        clips.append(painter->hasClipping() ? painter->clipBoundingRect() : boundingRect());
        TerminalView::paint(painter);
    }
    QList<QRectF> clips;
};
} // namespace

class TestTerminalView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void followsItsSize();
    void rendersTextAndColours();
    void repaintsOnlyChangedRows();
    void keysGoToOutput();
    void mouseSelectsAndCopyPasteUseTheClipboard();
    void wheelScrollsBack();
    void wheelSendsArrowsOnTheAlternateScreen();

private:
    QPointF cellCentre(int row, int column) const {
        return QPointF((column + 0.5) * m_view->cellWidth(), (row + 0.5) * m_view->cellHeight());
    }
    void sendWheel(int notches);

    QQmlEngine* m_engine = nullptr;
    std::unique_ptr<QQuickWindow> m_window;
    TerminalView* m_view = nullptr;
};

void TestTerminalView::initTestCase() {
    // Software rendering: grabWindow() works the same on every machine, GPU or not.
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    m_engine = new QQmlEngine(this);
    m_engine->addImportPath(QStringLiteral("qrc:/"));
}

void TestTerminalView::init() {
    QQmlComponent component(m_engine);
    component.setData("import QtQuick\nimport Binnacle.Core\nTerminalView { cursorBlink: false }", QUrl());
    QObject* created = component.create();
    QVERIFY2(created, qPrintable(component.errorString()));
    m_view = qobject_cast<TerminalView*>(created);
    QVERIFY(m_view);
    QVERIFY(m_view->screen());
    m_window = std::make_unique<QQuickWindow>();
    m_window->resize(480, 240);
    m_view->setParentItem(m_window->contentItem());
    m_view->setSize(QSizeF(480, 240));
    m_window->show();
    m_window->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_view->forceActiveFocus();
    QVERIFY(m_view->hasActiveFocus());
}

void TestTerminalView::cleanup() {
    delete m_view;
    m_view = nullptr;
    m_window.reset();
}

void TestTerminalView::followsItsSize() {
    QVERIFY(m_view->cellWidth() > 1);
    QVERIFY(m_view->cellHeight() > 1);
    QCOMPARE(m_view->columns(), int(480 / m_view->cellWidth()));
    QCOMPARE(m_view->rows(), int(240 / m_view->cellHeight()));

    QSignalSpy resized(m_view, &TerminalView::resized);
    m_view->setWidth(240);
    QCOMPARE(resized.count(), 1);
    QCOMPARE(resized.at(0).at(0).toInt(), m_view->rows());
    QCOMPARE(resized.at(0).at(1).toInt(), int(240 / m_view->cellWidth()));
    QCOMPARE(m_view->screen()->columns(), m_view->columns());
}

void TestTerminalView::rendersTextAndColours() {
    m_view->feed("\x1b[?25l\x1b[41m    \x1b[0m\r\n\x1b[97mXXXX");
    const QImage image = m_window->grabWindow();
    QVERIFY(!image.isNull());
    const QRgb background = m_view->screen()->defaultBackground();

    const QRgb red = m_view->screen()->cell(0, 1).background.rgb;
    QCOMPARE(QColor(image.pixel(cellCentre(0, 1).toPoint())).rgb(), QColor(red).rgb());

    // Text: some pixel of the X cells is not background; an untouched row is background only.
    const auto differs = [&](int row, int firstColumn, int endColumn) {
        for (qreal y = row * m_view->cellHeight(); y < (row + 1) * m_view->cellHeight(); ++y)
            for (qreal x = firstColumn * m_view->cellWidth(); x < endColumn * m_view->cellWidth(); ++x)
                if (QColor(image.pixel(int(x), int(y))).rgb() != QColor(background).rgb())
                    return true;
        return false;
    };
    QVERIFY(differs(1, 0, 4));
    QVERIFY(!differs(3, 0, m_view->columns()));
}

void TestTerminalView::repaintsOnlyChangedRows() {
    RecordingView view;
    view.setCursorBlink(false);
    view.setParentItem(m_window->contentItem());
    view.setSize(QSizeF(480, 240));
    view.feed("\x1b[3;1H");
    m_window->grabWindow();
    QVERIFY(!view.clips.isEmpty());
    // The first frame paints every row.
    QVERIFY(view.clips.last().contains(QPointF(1, 1)));
    QVERIFY(view.clips.last().contains(QPointF(1, (view.rows() - 0.5) * view.cellHeight())));

    view.clips.clear();
    view.feed("x");
    m_window->grabWindow();
    QCOMPARE(view.clips.size(), 1);
    const QRectF row(0, 2 * view.cellHeight(), view.columns() * view.cellWidth(), view.cellHeight());
    QCOMPARE(view.clips.first(), QRectF(row.toAlignedRect()));
}

void TestTerminalView::keysGoToOutput() {
    QSignalSpy output(m_view, &TerminalView::output);
    QTest::keyClick(m_window.get(), Qt::Key_L);
    QTest::keyClick(m_window.get(), Qt::Key_Return);
    QTest::keyClick(m_window.get(), Qt::Key_C, Qt::ControlModifier);
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier); // not a window shortcut while focused
    QTest::keyClick(m_window.get(), Qt::Key_Up);
    QTest::keyClick(m_window.get(), Qt::Key_Tab); // completion, not the next item
    QVERIFY(m_view->hasActiveFocus());
    QByteArray sent;
    for (const QList<QVariant>& arguments : output)
        sent += arguments.at(0).toByteArray();
    QCOMPARE(sent, QByteArray("l\r\x03\x0b\x1b[A\t"));
}

void TestTerminalView::mouseSelectsAndCopyPasteUseTheClipboard() {
    m_view->feed("hello world");
    QTest::mousePress(m_window.get(), Qt::LeftButton, {}, cellCentre(0, 0).toPoint());
    QTest::mouseMove(m_window.get(), cellCentre(0, 2).toPoint());
    QTest::mouseMove(m_window.get(), cellCentre(0, 4).toPoint());
    QTest::mouseRelease(m_window.get(), Qt::LeftButton, {}, cellCentre(0, 4).toPoint());
    QCOMPARE(m_view->selectedText(), QStringLiteral("hello"));

    QGuiApplication::clipboard()->clear();
    QTest::keyClick(m_window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("hello"));

    QSignalSpy output(m_view, &TerminalView::output);
    QGuiApplication::clipboard()->setText(QStringLiteral("kubectl get pods\n"));
    QTest::keyClick(m_window.get(), Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(output.count(), 1);
    QCOMPARE(output.at(0).at(0).toByteArray(), QByteArray("kubectl get pods\r"));

    QTest::mouseDClick(m_window.get(), Qt::LeftButton, {}, cellCentre(0, 8).toPoint());
    QCOMPARE(m_view->selectedText(), QStringLiteral("world"));
}

void TestTerminalView::sendWheel(int notches) {
    const QPointF position = cellCentre(1, 1);
    QWheelEvent event(position, m_window->mapToGlobal(position), QPoint(), QPoint(0, 120 * notches),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(m_window.get(), &event);
}

void TestTerminalView::wheelScrollsBack() {
    for (int i = 0; i < 50; ++i)
        m_view->feed(QStringLiteral("line %1\r\n").arg(i).toUtf8());
    QVERIFY(m_view->screen()->scrollbackLines() > 10);
    sendWheel(1);
    QCOMPARE(m_view->scrollOffset(), 3);
    // The first visible row is now three lines back.
    const int firstVisible = m_view->screen()->scrollbackLines() - 3;
    QCOMPARE(m_view->positionAt(QPointF(1, 1)).line, firstVisible);

    // New output does not move what is being read.
    m_view->feed("more\r\nmore\r\n");
    QCOMPARE(m_view->scrollOffset(), 5);
    QCOMPARE(m_view->positionAt(QPointF(1, 1)).line, firstVisible);

    sendWheel(-1);
    QCOMPARE(m_view->scrollOffset(), 2);
    QTest::keyClick(m_window.get(), Qt::Key_PageUp, Qt::ShiftModifier);
    QCOMPARE(m_view->scrollOffset(), 2 + m_view->rows() - 1);
    // Typing snaps back to the live screen.
    QTest::keyClick(m_window.get(), Qt::Key_A);
    QCOMPARE(m_view->scrollOffset(), 0);
}

void TestTerminalView::wheelSendsArrowsOnTheAlternateScreen() {
    m_view->feed("\x1b[?1049h");
    QSignalSpy output(m_view, &TerminalView::output);
    sendWheel(1);
    QCOMPARE(m_view->scrollOffset(), 0);
    QByteArray sent;
    for (const QList<QVariant>& arguments : output)
        sent += arguments.at(0).toByteArray();
    QCOMPARE(sent, QByteArray("\x1b[A\x1b[A\x1b[A"));
}

QTEST_MAIN(TestTerminalView)
#include "tst_terminalview.moc"
