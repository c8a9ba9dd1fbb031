// TerminalView's painting: the rows inside the painter's clip (the rows that changed), then the cursor.
#include "terminalview.h"

#include <QPainter>
#include <cmath>

namespace binnacle::terminal {

namespace {
struct CellColors {
    QRgb foreground;
    QRgb background;
};

// What a cell is painted with: reverse video (DECSCNM) swaps the default colours, and a reversed cell or a
// selected one swaps its own (a selected reversed cell shows normally, as xterm does).
CellColors colorsOf(const TerminalCell& cell, bool selected, const TerminalScreen& screen) {
    CellColors colors{cell.foreground.rgb, cell.background.rgb};
    if (screen.isReverseVideo()) {
        if (cell.foreground.kind == TerminalColor::Kind::Default)
            colors.foreground = screen.defaultBackground();
        if (cell.background.kind == TerminalColor::Kind::Default)
            colors.background = screen.defaultForeground();
    }
    if (cell.reverse != selected)
        std::swap(colors.foreground, colors.background);
    return colors;
}

bool isPlainAscii(const TerminalCell& cell) {
    return cell.width == 1 && cell.chars[1] == 0 && (cell.isEmpty() || cell.chars[0] < 0x80);
}
} // namespace

void TerminalView::paint(QPainter* painter) {
    QRectF clip = painter->hasClipping() ? painter->clipBoundingRect() : QRectF();
    if (clip.isEmpty())
        clip = boundingRect();
    const QRgb background =
        m_screen->isReverseVideo() ? m_screen->defaultForeground() : m_screen->defaultBackground();
    painter->fillRect(clip, QColor::fromRgb(background));

    const int firstRow = qMax(0, int(std::floor(clip.top() / m_cellHeight)));
    const int endRow = qMin(m_screen->rows(), int(std::ceil(clip.bottom() / m_cellHeight)));
    for (int row = firstRow; row < endRow; ++row)
        paintRow(painter, row);
    const int cursorRow = m_screen->cursorRow() + m_scrollOffset;
    if (cursorRow >= firstRow && cursorRow < endRow)
        paintCursor(painter);
}

void TerminalView::paintRow(QPainter* painter, int row) {
    const int line = firstVisibleLine() + row;
    const int columns = m_screen->columns();
    const QRgb defaultBackground =
        m_screen->isReverseVideo() ? m_screen->defaultForeground() : m_screen->defaultBackground();
    std::vector<TerminalCell> cells;
    std::vector<bool> selected;
    cells.reserve(size_t(columns));
    for (int column = 0; column < columns; ++column) {
        cells.push_back(m_screen->historyCell(line, column));
        selected.push_back(m_screen->isSelected(line, column));
    }

    for (int column = 0; column < columns; ++column) {
        const CellColors colors = colorsOf(cells[size_t(column)], selected[size_t(column)], *m_screen);
        if (colors.background != defaultBackground)
            painter->fillRect(cellRect(row, column), QColor::fromRgb(colors.background));
    }

    // Text in runs of plain ASCII cells of one style; anything else (wide, combining, non-ASCII) one cell at
    // a time at its own column, so that a fallback font's advances cannot shift the rest of the row.
    const qreal baseline = row * m_cellHeight + m_ascent;
    int column = 0;
    while (column < columns) {
        const TerminalCell& first = cells[size_t(column)];
        if (first.width == 0) {
            ++column;
            continue;
        }
        int end = column + 1;
        QString text = first.text();
        if (isPlainAscii(first)) {
            while (end < columns && isPlainAscii(cells[size_t(end)]) && cells[size_t(end)].sameStyle(first) &&
                   selected[size_t(end)] == selected[size_t(column)])
                text += cells[size_t(end++)].text();
        }
        const bool blank = text.trimmed().isEmpty();
        if (!blank || first.underline || first.strike) {
            QFont font = first.bold ? m_boldFont : m_font;
            font.setItalic(first.italic);
            font.setUnderline(first.underline);
            font.setStrikeOut(first.strike);
            painter->setFont(font);
            painter->setPen(QColor::fromRgb(colorsOf(first, selected[size_t(column)], *m_screen).foreground));
            painter->drawText(QPointF(column * m_cellWidth, baseline), text);
        }
        column = end;
    }
}

void TerminalView::paintCursor(QPainter* painter) {
    if (!m_screen->isCursorVisible() || (!m_blinkOn && m_blinkTimer.isActive()))
        return;
    const int row = m_screen->cursorRow() + m_scrollOffset;
    const int column = m_screen->cursorColumn();
    const TerminalCell cell = m_screen->cell(m_screen->cursorRow(), column);
    const CellColors colors =
        colorsOf(cell, m_screen->isSelected(firstVisibleLine() + row, column), *m_screen);
    const QRectF rect = cellRect(row, column, qMax(1, int(cell.width)));
    const QColor cursorColor = QColor::fromRgb(colors.foreground);
    if (!hasActiveFocus()) {
        painter->setPen(cursorColor);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5));
        return;
    }
    switch (m_screen->cursorShape()) {
    case TerminalScreen::CursorShape::Underline:
        painter->fillRect(QRectF(rect.left(), rect.bottom() - 2, rect.width(), 2), cursorColor);
        return;
    case TerminalScreen::CursorShape::Bar:
        painter->fillRect(QRectF(rect.left(), rect.top(), 2, rect.height()), cursorColor);
        return;
    case TerminalScreen::CursorShape::Block:
        painter->fillRect(rect, cursorColor);
        if (!cell.isEmpty()) {
            painter->setFont(cell.bold ? m_boldFont : m_font);
            painter->setPen(QColor::fromRgb(colors.background));
            painter->drawText(QPointF(rect.left(), row * m_cellHeight + m_ascent), cell.text());
        }
        return;
    }
}

} // namespace binnacle::terminal
