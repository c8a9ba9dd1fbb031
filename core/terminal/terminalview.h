#pragma once

#include "terminalscreen.h"

#include <QFont>
#include <QQuickPaintedItem>
#include <QTimer>

namespace binnacle::terminal {

// Paints a TerminalScreen in a monospace font and is its keyboard and mouse: the item's size decides the
// rows and columns (resized() tells the remote side), keys and pastes come out of output(), the mouse
// selects (copied to the X11 primary selection too), Ctrl+Shift+C / Ctrl+Shift+V copy and paste, the wheel
// and Shift+PageUp/PageDown scroll back (on the alternate screen the wheel sends arrow keys, as terminals
// do). Only the rows that changed are repainted.
//
// Wire it to an exec session: session stdout -> feed(), output() -> session stdin, resized() -> session
// resize.
class TerminalView : public QQuickPaintedItem {
    Q_OBJECT
    Q_PROPERTY(binnacle::terminal::TerminalScreen* screen READ screen CONSTANT)
    Q_PROPERTY(QFont font READ font WRITE setFont NOTIFY fontChanged)
    Q_PROPERTY(int rows READ rows NOTIFY resized)
    Q_PROPERTY(int columns READ columns NOTIFY resized)
    Q_PROPERTY(qreal cellWidth READ cellWidth NOTIFY fontChanged)
    Q_PROPERTY(qreal cellHeight READ cellHeight NOTIFY fontChanged)
    // Lines scrolled back from the live screen (0 = following the output).
    Q_PROPERTY(int scrollOffset READ scrollOffset WRITE setScrollOffset NOTIFY scrollOffsetChanged)
    Q_PROPERTY(QString title READ title NOTIFY titleChanged)
    Q_PROPERTY(bool cursorBlink READ cursorBlink WRITE setCursorBlink NOTIFY cursorBlinkChanged)

public:
    explicit TerminalView(QQuickItem* parent = nullptr);

    TerminalScreen* screen() const { return m_screen; }
    QFont font() const { return m_font; }
    void setFont(const QFont& font);
    int rows() const { return m_screen->rows(); }
    int columns() const { return m_screen->columns(); }
    qreal cellWidth() const { return m_cellWidth; }
    qreal cellHeight() const { return m_cellHeight; }
    int scrollOffset() const { return m_scrollOffset; }
    void setScrollOffset(int lines);
    QString title() const { return m_screen->title(); }
    bool cursorBlink() const { return m_cursorBlink; }
    void setCursorBlink(bool blink);

    Q_INVOKABLE QString selectedText() const { return m_screen->selectedText(); }
    Q_INVOKABLE void copy();
    Q_INVOKABLE void pasteFromClipboard();

    // The history position under a point of the item (clamped to the visible cells).
    TerminalPosition positionAt(QPointF point) const;

    void paint(QPainter* painter) override;
    QVariant inputMethodQuery(Qt::InputMethodQuery query) const override;

public slots:
    // Output of the remote program.
    void feed(const QByteArray& bytes) { m_screen->feed(bytes); }

signals:
    void output(const QByteArray& bytes);
    void resized(int rows, int columns);
    void bell();
    void titleChanged();
    void fontChanged();
    void scrollOffsetChanged();
    void cursorBlinkChanged();

protected:
    bool event(QEvent* event) override;
    void geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) override;
    void keyPressEvent(QKeyEvent* event) override;
    void inputMethodEvent(QInputMethodEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    void updateCellMetrics();
    void updateSizeInCells();
    void onContentChanged();
    void restartBlink();
    void selectWordAt(TerminalPosition position);
    int firstVisibleLine() const { return m_screen->scrollbackLines() - m_scrollOffset; }
    QRectF cellRect(int row, int column, int width = 1) const;
    void paintRow(QPainter* painter, int row);
    void paintCursor(QPainter* painter);

    TerminalScreen* m_screen = nullptr;
    QFont m_font;
    QFont m_boldFont;
    qreal m_cellWidth = 8;
    qreal m_cellHeight = 16;
    qreal m_ascent = 12;
    int m_scrollOffset = 0;
    qint64 m_linesScrolledOff = 0;
    bool m_cursorBlink = true;
    bool m_blinkOn = true;
    QTimer m_blinkTimer;
    bool m_selecting = false;
    TerminalPosition m_selectionAnchor;
};

} // namespace binnacle::terminal
