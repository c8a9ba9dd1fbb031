#pragma once

#include "terminalcell.h"
#include "terminalscrollback.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <vector>

struct VTerm;
struct VTermScreen;
struct VTermState;

namespace binnacle::terminal {

// A terminal's state machine: libvterm parses what the remote program writes (feed()) into a grid of cells
// with colours and attributes, a cursor, an alternate screen and a title; lines scrolled off the top go to a
// bounded scrollback. Keys and pastes become the bytes a terminal would send (output()). Rows that changed
// since the last takeDirtyRows() are tracked so that a view repaints only those.
//
// Lines are numbered over the whole history: 0 is the oldest scrollback line kept, the screen's first row
// is scrollbackLines(). Nothing here blocks or touches the network: bytes in, bytes out.
class TerminalScreen : public QObject {
    Q_OBJECT
    Q_PROPERTY(int rows READ rows NOTIFY resized)
    Q_PROPERTY(int columns READ columns NOTIFY resized)
    Q_PROPERTY(QString title READ title NOTIFY titleChanged)
    Q_PROPERTY(bool alternateScreen READ isAlternateScreen NOTIFY alternateScreenChanged)
    Q_PROPERTY(int scrollbackLines READ scrollbackLines NOTIFY contentChanged)
    Q_PROPERTY(bool hasSelection READ hasSelection NOTIFY selectionChanged)

public:
    enum class CursorShape { Block, Underline, Bar };
    Q_ENUM(CursorShape)

    static constexpr int defaultScrollbackLimit = 5000;

    explicit TerminalScreen(int rows = 24, int columns = 80, QObject* parent = nullptr);
    ~TerminalScreen() override;

    int rows() const { return m_rows; }
    int columns() const { return m_columns; }
    TerminalCell cell(int row, int column) const;
    // The screen row's text, trailing blanks dropped.
    QString rowText(int row) const { return lineText(scrollbackLines() + row); }

    // History: scrollback, then the screen.
    int scrollbackLines() const { return m_scrollback.size(); }
    int historyLines() const { return scrollbackLines() + m_rows; }
    TerminalCell historyCell(int line, int column) const;
    QString lineText(int line) const;
    // Whether the line ran on into the next one (its last column is written; libvterm 0.1.4 does not report
    // soft wraps, so a line that exactly fills the width counts as wrapped too).
    bool isLineWrapped(int line) const;
    // Lines pushed into the scrollback minus lines taken back, since the start: a view scrolled back keeps
    // its place by following this.
    qint64 linesScrolledOff() const { return m_scrollback.droppedLines() + m_scrollback.size(); }
    int scrollbackLimit() const { return m_scrollback.limit(); }
    void setScrollbackLimit(int lines);

    int cursorRow() const { return m_cursorRow; }
    int cursorColumn() const { return m_cursorColumn; }
    bool isCursorVisible() const { return m_cursorVisible; }
    bool isCursorBlinking() const { return m_cursorBlinking; }
    CursorShape cursorShape() const { return m_cursorShape; }
    bool isAlternateScreen() const { return m_alternateScreen; }
    bool isReverseVideo() const { return m_reverseVideo; }
    QString title() const { return m_title; }
    QRgb defaultForeground() const { return m_defaultForeground; }
    QRgb defaultBackground() const { return m_defaultBackground; }
    void setDefaultColors(QRgb foreground, QRgb background);

    // Screen rows changed since the last call (one flag per row), and clears them.
    std::vector<bool> takeDirtyRows();

    // Selection over the history, from anchor to active (either order), both cells included.
    void setSelection(TerminalPosition anchor, TerminalPosition active);
    void clearSelection();
    bool hasSelection() const { return m_hasSelection; }
    TerminalPosition selectionStart() const;
    TerminalPosition selectionEnd() const;
    bool isSelected(int line, int column) const;
    // Rows joined with "\n" except where a line wrapped; trailing blanks of each line dropped.
    QString selectedText() const;

    // A key as Qt reports it; true when it produced bytes (emitted as output()).
    bool keyPress(int key, Qt::KeyboardModifiers modifiers, const QString& text);
    // Typed text (an input method's commit), as if each character was a key.
    void sendText(const QString& text);
    // Pasted text: line breaks become "\r", and it is wrapped in ESC[200~ ... ESC[201~ when the program
    // asked for bracketed paste (the end marker is removed from the text so that a paste cannot end early).
    void paste(const QString& text);
    // Sends focus in/out reports when the program asked for them.
    void setFocused(bool focused);

public slots:
    // Output of the remote program.
    void feed(const QByteArray& bytes);
    void resize(int rows, int columns);

signals:
    // Bytes for the remote program's stdin.
    void output(const QByteArray& bytes);
    // The new size, to send to the remote side.
    void resized(int rows, int columns);
    void bell();
    void titleChanged();
    void alternateScreenChanged();
    void cursorChanged();
    void selectionChanged();
    // Some rows are dirty (takeDirtyRows()) or the scrollback changed.
    void contentChanged();

private:
    struct Callbacks;

    TerminalCell convertCell(const void* vtermCell) const;
    TerminalColor convertColor(const void* vtermColor) const;
    void markDirty(int firstRow, int endRow);
    void flush();
    void flushOutput();
    qint64 toStableLine(int line) const { return m_scrollback.droppedLines() + line; }
    int fromStableLine(qint64 stable) const { return int(stable - m_scrollback.droppedLines()); }

    VTerm* m_vterm = nullptr;
    VTermScreen* m_vtermScreen = nullptr;
    VTermState* m_vtermState = nullptr;
    int m_rows = 0;
    int m_columns = 0;
    TerminalScrollback m_scrollback{defaultScrollbackLimit};
    std::vector<bool> m_dirtyRows;
    bool m_scrollbackChanged = false;
    QByteArray m_pendingOutput;
    // Signals owed once libvterm returns (see flush()).
    bool m_cursorChanged = false;
    bool m_alternateScreenChanged = false;
    bool m_titleChanged = false;
    bool m_bellPending = false;

    int m_cursorRow = 0;
    int m_cursorColumn = 0;
    bool m_cursorVisible = true;
    bool m_cursorBlinking = true;
    CursorShape m_cursorShape = CursorShape::Block;
    bool m_alternateScreen = false;
    bool m_reverseVideo = false;
    QString m_title;
    QRgb m_defaultForeground = qRgb(0xd0, 0xd0, 0xd0);
    QRgb m_defaultBackground = qRgb(0x1e, 0x1e, 0x1e);

    bool m_hasSelection = false;
    qint64 m_selectionAnchorLine = 0; // stable line numbers (see TerminalScrollback)
    int m_selectionAnchorColumn = 0;
    qint64 m_selectionActiveLine = 0;
    int m_selectionActiveColumn = 0;
};

} // namespace binnacle::terminal
