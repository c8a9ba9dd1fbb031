#include "terminalview.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>
#include <utility>

namespace binnacle::terminal {

namespace {
constexpr int blinkIntervalMs = 530;
constexpr int wheelLinesPerNotch = 3;

bool isCopyOrPaste(const QKeyEvent* event) {
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    return modifiers == (Qt::ControlModifier | Qt::ShiftModifier) &&
           (event->key() == Qt::Key_C || event->key() == Qt::Key_V);
}
} // namespace

TerminalView::TerminalView(QQuickItem* parent)
    : QQuickPaintedItem(parent)
    , m_screen(new TerminalScreen(24, 80, this))
    , m_font(QFontDatabase::systemFont(QFontDatabase::FixedFont)) {
    setFlag(ItemAcceptsInputMethod, true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setActiveFocusOnTab(true);
    setOpaquePainting(true);
    setFillColor(QColor::fromRgb(m_screen->defaultBackground()));
    updateCellMetrics();

    connect(m_screen, &TerminalScreen::output, this, &TerminalView::output);
    connect(m_screen, &TerminalScreen::resized, this, &TerminalView::resized);
    connect(m_screen, &TerminalScreen::bell, this, &TerminalView::bell);
    connect(m_screen, &TerminalScreen::titleChanged, this, &TerminalView::titleChanged);
    connect(m_screen, &TerminalScreen::contentChanged, this, &TerminalView::onContentChanged);
    connect(m_screen, &TerminalScreen::selectionChanged, this, [this] { update(); });
    connect(m_screen, &TerminalScreen::cursorChanged, this, &TerminalView::restartBlink);

    m_blinkTimer.setInterval(blinkIntervalMs);
    connect(&m_blinkTimer, &QTimer::timeout, this, [this] {
        m_blinkOn = !m_blinkOn;
        update(cellRect(m_screen->cursorRow() + m_scrollOffset, 0, m_screen->columns()).toAlignedRect());
    });
}

void TerminalView::setFont(const QFont& font) {
    if (font == m_font)
        return;
    m_font = font;
    updateCellMetrics();
    updateSizeInCells();
    update();
    emit fontChanged();
}

void TerminalView::updateCellMetrics() {
    m_font.setStyleHint(QFont::Monospace);
    m_font.setKerning(false);
    m_boldFont = m_font;
    m_boldFont.setBold(true);
    const QFontMetricsF metrics(m_font);
    m_cellWidth = qMax(1.0, metrics.horizontalAdvance(QLatin1Char('M')));
    m_cellHeight = qMax(1.0, std::ceil(metrics.height()));
    m_ascent = metrics.ascent();
}

void TerminalView::updateSizeInCells() {
    if (width() <= 0 || height() <= 0)
        return;
    const int columns = qMax(1, int(width() / m_cellWidth));
    const int rows = qMax(1, int(height() / m_cellHeight));
    m_screen->resize(rows, columns);
    setScrollOffset(m_scrollOffset); // clamps
}

void TerminalView::geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) {
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        updateSizeInCells();
}

void TerminalView::setScrollOffset(int lines) {
    lines = qBound(0, lines, m_screen->scrollbackLines());
    m_linesScrolledOff = m_screen->linesScrolledOff();
    if (lines == m_scrollOffset)
        return;
    m_scrollOffset = lines;
    update();
    emit scrollOffsetChanged();
}

void TerminalView::setCursorBlink(bool blink) {
    if (blink == m_cursorBlink)
        return;
    m_cursorBlink = blink;
    restartBlink();
    emit cursorBlinkChanged();
}

void TerminalView::restartBlink() {
    if (!std::exchange(m_blinkOn, true))
        update(cellRect(m_screen->cursorRow() + m_scrollOffset, 0, m_screen->columns()).toAlignedRect());
    if (m_cursorBlink && m_screen->isCursorBlinking() && hasActiveFocus())
        m_blinkTimer.start();
    else
        m_blinkTimer.stop();
}

void TerminalView::onContentChanged() {
    const std::vector<bool> dirtyRows = m_screen->takeDirtyRows();
    if (m_scrollOffset > 0) {
        // Scrolled back: stay on the same lines while new ones arrive below.
        const qint64 newLines = m_screen->linesScrolledOff() - m_linesScrolledOff;
        const int offset =
            int(qBound(qint64(0), m_scrollOffset + newLines, qint64(m_screen->scrollbackLines())));
        m_linesScrolledOff = m_screen->linesScrolledOff();
        if (offset != m_scrollOffset) {
            m_scrollOffset = offset;
            emit scrollOffsetChanged();
        }
        update();
        return;
    }
    m_linesScrolledOff = m_screen->linesScrolledOff();
    for (size_t row = 0; row < dirtyRows.size(); ++row) {
        if (dirtyRows[row])
            update(cellRect(int(row), 0, m_screen->columns()).toAlignedRect());
    }
}

QRectF TerminalView::cellRect(int row, int column, int width) const {
    return QRectF(column * m_cellWidth, row * m_cellHeight, width * m_cellWidth, m_cellHeight);
}

TerminalPosition TerminalView::positionAt(QPointF point) const {
    const int row = qBound(0, int(point.y() / m_cellHeight), m_screen->rows() - 1);
    const int column = qBound(0, int(point.x() / m_cellWidth), m_screen->columns() - 1);
    return TerminalPosition{firstVisibleLine() + row, column};
}

void TerminalView::copy() {
    if (m_screen->hasSelection())
        QGuiApplication::clipboard()->setText(m_screen->selectedText());
}

void TerminalView::pasteFromClipboard() {
    const QString text = QGuiApplication::clipboard()->text();
    if (text.isEmpty())
        return;
    setScrollOffset(0);
    m_screen->paste(text);
}

bool TerminalView::event(QEvent* event) {
    // While the terminal has focus its keys go to the remote program (Ctrl+K, Ctrl+W, ...), not to the
    // window's shortcuts; Ctrl+Shift+letter stays free for those.
    if (event->type() == QEvent::ShortcutOverride) {
        auto* keyEvent = static_cast<QKeyEvent*>(event);
        const bool controlShift = (keyEvent->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier)) ==
                                  (Qt::ControlModifier | Qt::ShiftModifier);
        if (!controlShift || isCopyOrPaste(keyEvent)) {
            event->accept();
            return true;
        }
    }
    return QQuickPaintedItem::event(event);
}

void TerminalView::keyPressEvent(QKeyEvent* event) {
    if (isCopyOrPaste(event)) {
        if (event->key() == Qt::Key_C)
            copy();
        else
            pasteFromClipboard();
        event->accept();
        return;
    }
    if (event->modifiers() == Qt::ShiftModifier &&
        (event->key() == Qt::Key_PageUp || event->key() == Qt::Key_PageDown)) {
        const int page = qMax(1, m_screen->rows() - 1);
        setScrollOffset(m_scrollOffset + (event->key() == Qt::Key_PageUp ? page : -page));
        event->accept();
        return;
    }
    if (m_screen->keyPress(event->key(), event->modifiers(), event->text())) {
        setScrollOffset(0);
        restartBlink();
        event->accept();
        return;
    }
    event->ignore();
}

void TerminalView::inputMethodEvent(QInputMethodEvent* event) {
    if (!event->commitString().isEmpty()) {
        setScrollOffset(0);
        m_screen->sendText(event->commitString());
    }
    event->accept();
}

QVariant TerminalView::inputMethodQuery(Qt::InputMethodQuery query) const {
    switch (query) {
    case Qt::ImCursorRectangle:
        return cellRect(m_screen->cursorRow() + m_scrollOffset, m_screen->cursorColumn());
    case Qt::ImFont:
        return m_font;
    case Qt::ImEnabled:
        return true;
    default:
        return QQuickPaintedItem::inputMethodQuery(query);
    }
}

void TerminalView::mousePressEvent(QMouseEvent* event) {
    forceActiveFocus(Qt::MouseFocusReason);
    m_selecting = true;
    m_selectionAnchor = positionAt(event->position());
    m_screen->clearSelection();
    event->accept();
}

void TerminalView::mouseMoveEvent(QMouseEvent* event) {
    if (!m_selecting)
        return;
    const TerminalPosition active = positionAt(event->position());
    if (active != m_selectionAnchor || m_screen->hasSelection())
        m_screen->setSelection(m_selectionAnchor, active);
    event->accept();
}

void TerminalView::mouseReleaseEvent(QMouseEvent* event) {
    m_selecting = false;
    QClipboard* clipboard = QGuiApplication::clipboard();
    if (m_screen->hasSelection() && clipboard->supportsSelection())
        clipboard->setText(m_screen->selectedText(), QClipboard::Selection);
    event->accept();
}

void TerminalView::mouseDoubleClickEvent(QMouseEvent* event) {
    m_selecting = false;
    selectWordAt(positionAt(event->position()));
    event->accept();
}

void TerminalView::selectWordAt(TerminalPosition position) {
    const auto isWordCell = [this, &position](int column) {
        const TerminalCell cell = m_screen->historyCell(position.line, column);
        return !cell.isEmpty() && cell.chars[0] != U' ';
    };
    if (!isWordCell(position.column))
        return;
    int first = position.column;
    int last = position.column;
    while (first > 0 && isWordCell(first - 1))
        --first;
    while (last + 1 < m_screen->columns() && isWordCell(last + 1))
        ++last;
    m_screen->setSelection({position.line, first}, {position.line, last});
}

void TerminalView::wheelEvent(QWheelEvent* event) {
    const int notches = event->angleDelta().y() / 120;
    if (notches == 0) {
        event->ignore();
        return;
    }
    if (m_screen->isAlternateScreen()) {
        // Full-screen programs (less, vim) have no scrollback here; they scroll with the arrow keys.
        const int key = notches > 0 ? Qt::Key_Up : Qt::Key_Down;
        for (int i = 0; i < qAbs(notches) * wheelLinesPerNotch; ++i)
            m_screen->keyPress(key, Qt::NoModifier, {});
    } else {
        setScrollOffset(m_scrollOffset + notches * wheelLinesPerNotch);
    }
    event->accept();
}

void TerminalView::focusInEvent(QFocusEvent* event) {
    QQuickPaintedItem::focusInEvent(event);
    m_screen->setFocused(true);
    restartBlink();
    update();
}

void TerminalView::focusOutEvent(QFocusEvent* event) {
    QQuickPaintedItem::focusOutEvent(event);
    m_screen->setFocused(false);
    restartBlink();
    update();
}

} // namespace binnacle::terminal
