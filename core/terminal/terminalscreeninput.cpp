// TerminalScreen's keyboard, paste and selection: what goes back to the remote program, and what is copied.
#include "terminalkeys.h"
#include "terminalscreen.h"

#include <utility>
#include <vterm.h>

namespace binnacle::terminal {

bool TerminalScreen::keyPress(int key, Qt::KeyboardModifiers modifiers, const QString& text) {
    const VTermModifier vtermModifier = vtermModifiers(modifiers);
    const bool control = modifiers & Qt::ControlModifier;
    if (const std::optional<VTermKey> special = vtermKey(key, modifiers)) {
        vterm_keyboard_key(m_vterm, *special, vtermModifier);
    } else if (control && key == Qt::Key_BracketLeft) {
        // Ctrl+[ is ESC on every terminal; libvterm would send it as CSI u.
        m_pendingOutput += '\x1b';
    } else if (const char32_t base = control ? controlCharacterBase(key) : 0) {
        vterm_keyboard_unichar(m_vterm, base, vtermModifier);
    } else if (!text.isEmpty()) {
        // Shift is already in the text, Ctrl on a key that has no control character is dropped; Alt is an
        // ESC prefix.
        const VTermModifier textModifier = VTermModifier(vtermModifier & VTERM_MOD_ALT);
        for (const char32_t c : text.toUcs4())
            vterm_keyboard_unichar(m_vterm, c, textModifier);
    } else {
        return false;
    }
    const bool produced = !m_pendingOutput.isEmpty();
    flushOutput();
    return produced;
}

void TerminalScreen::sendText(const QString& text) {
    for (const char32_t c : text.toUcs4())
        vterm_keyboard_unichar(m_vterm, c, VTERM_MOD_NONE);
    flushOutput();
}

void TerminalScreen::paste(const QString& text) {
    QString body = text;
    body.replace(QStringLiteral("\r\n"), QStringLiteral("\r"));
    body.replace(QLatin1Char('\n'), QLatin1Char('\r'));
    // A paste that contains the end marker could make the shell run the rest as typed commands.
    body.remove(QStringLiteral("\x1b[201~"));
    vterm_keyboard_start_paste(m_vterm);
    m_pendingOutput += body.toUtf8();
    vterm_keyboard_end_paste(m_vterm);
    flushOutput();
}

void TerminalScreen::setFocused(bool focused) {
    if (focused)
        vterm_state_focus_in(m_vtermState);
    else
        vterm_state_focus_out(m_vtermState);
    flushOutput();
}

void TerminalScreen::setSelection(TerminalPosition anchor, TerminalPosition active) {
    m_hasSelection = true;
    m_selectionAnchorLine = toStableLine(anchor.line);
    m_selectionAnchorColumn = anchor.column;
    m_selectionActiveLine = toStableLine(active.line);
    m_selectionActiveColumn = active.column;
    emit selectionChanged();
}

void TerminalScreen::clearSelection() {
    if (!std::exchange(m_hasSelection, false))
        return;
    emit selectionChanged();
}

TerminalPosition TerminalScreen::selectionStart() const {
    const TerminalPosition anchor{fromStableLine(m_selectionAnchorLine), m_selectionAnchorColumn};
    const TerminalPosition active{fromStableLine(m_selectionActiveLine), m_selectionActiveColumn};
    TerminalPosition start = qMin(anchor, active);
    if (start.line < 0) // its first lines left the scrollback
        start = TerminalPosition{0, 0};
    return start;
}

TerminalPosition TerminalScreen::selectionEnd() const {
    const TerminalPosition anchor{fromStableLine(m_selectionAnchorLine), m_selectionAnchorColumn};
    const TerminalPosition active{fromStableLine(m_selectionActiveLine), m_selectionActiveColumn};
    return qMax(anchor, active);
}

bool TerminalScreen::isSelected(int line, int column) const {
    if (!m_hasSelection)
        return false;
    const TerminalPosition position{line, column};
    return selectionStart() <= position && position <= selectionEnd();
}

QString TerminalScreen::selectedText() const {
    if (!m_hasSelection)
        return {};
    const TerminalPosition start = selectionStart();
    const TerminalPosition end = selectionEnd();
    QString text;
    for (int line = start.line; line <= end.line && line < historyLines(); ++line) {
        const int first = line == start.line ? start.column : 0;
        const bool lastLine = line == end.line;
        const int width =
            line < scrollbackLines() ? qMax(m_columns, int(m_scrollback.line(line).cells.size())) : m_columns;
        const int last = lastLine ? qMin(end.column, width - 1) : width - 1;
        QString part;
        for (int column = first; column <= last; ++column)
            part += historyCell(line, column).text();
        const bool wrapped = isLineWrapped(line);
        if (!wrapped || lastLine) {
            while (part.endsWith(QLatin1Char(' ')))
                part.chop(1);
        }
        text += part;
        if (!lastLine && !wrapped)
            text += QLatin1Char('\n');
    }
    return text;
}

} // namespace binnacle::terminal
