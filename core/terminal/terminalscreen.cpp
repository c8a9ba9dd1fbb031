#include "terminalscreen.h"

#include <algorithm>
#include <utility>
#include <vterm.h>

namespace binnacle::terminal {

// libvterm's screen callbacks, forwarded to the TerminalScreen in `user`. Signals are not emitted from here
// (a slot could feed the terminal again while libvterm is mid-parse): flush() emits them afterwards.
struct TerminalScreen::Callbacks {
    static TerminalScreen* self(void* user) { return static_cast<TerminalScreen*>(user); }

    static int damage(VTermRect rect, void* user) {
        self(user)->markDirty(rect.start_row, rect.end_row);
        return 1;
    }

    static int moveCursor(VTermPos pos, VTermPos oldPos, int visible, void* user) {
        TerminalScreen* screen = self(user);
        screen->markDirty(oldPos.row, oldPos.row + 1);
        screen->markDirty(pos.row, pos.row + 1);
        screen->m_cursorRow = pos.row;
        screen->m_cursorColumn = pos.col;
        screen->m_cursorVisible = visible;
        screen->m_cursorChanged = true;
        return 1;
    }

    static int setTermProp(VTermProp prop, VTermValue* value, void* user) {
        TerminalScreen* screen = self(user);
        switch (prop) {
        case VTERM_PROP_CURSORVISIBLE:
            screen->m_cursorVisible = value->boolean;
            screen->markDirty(screen->m_cursorRow, screen->m_cursorRow + 1);
            screen->m_cursorChanged = true;
            return 1;
        case VTERM_PROP_CURSORBLINK:
            screen->m_cursorBlinking = value->boolean;
            screen->m_cursorChanged = true;
            return 1;
        case VTERM_PROP_CURSORSHAPE:
            screen->m_cursorShape = value->number == VTERM_PROP_CURSORSHAPE_UNDERLINE ? CursorShape::Underline
                                    : value->number == VTERM_PROP_CURSORSHAPE_BAR_LEFT ? CursorShape::Bar
                                                                                       : CursorShape::Block;
            screen->markDirty(screen->m_cursorRow, screen->m_cursorRow + 1);
            screen->m_cursorChanged = true;
            return 1;
        case VTERM_PROP_ALTSCREEN:
            if (screen->m_alternateScreen != bool(value->boolean)) {
                screen->m_alternateScreen = value->boolean;
                screen->m_alternateScreenChanged = true;
                screen->markDirty(0, screen->m_rows);
            }
            return 1;
        case VTERM_PROP_TITLE: {
            const QString title = QString::fromUtf8(value->string);
            if (title != screen->m_title) {
                screen->m_title = title;
                screen->m_titleChanged = true;
            }
            return 1;
        }
        case VTERM_PROP_REVERSE:
            screen->m_reverseVideo = value->boolean;
            screen->markDirty(0, screen->m_rows);
            return 1;
        default:
            return 0;
        }
    }

    static int bell(void* user) {
        self(user)->m_bellPending = true;
        return 1;
    }

    static int resize(int rows, int columns, void* user) {
        TerminalScreen* screen = self(user);
        screen->m_rows = rows;
        screen->m_columns = columns;
        screen->m_dirtyRows.assign(size_t(rows), true);
        return 1;
    }

    static int pushLine(int columns, const VTermScreenCell* cells, void* user) {
        TerminalScreen* screen = self(user);
        TerminalLine line;
        line.cells.reserve(size_t(columns));
        for (int column = 0; column < columns; ++column)
            line.cells.push_back(screen->convertCell(&cells[column]));
        line.wrapped = columns > 0 && !line.cells.back().isEmpty();
        // Trailing blanks on the default background are what a missing cell paints anyway.
        while (!line.cells.empty() && line.cells.back().isEmpty() &&
               line.cells.back().background.kind == TerminalColor::Kind::Default)
            line.cells.pop_back();
        line.cells.shrink_to_fit();
        screen->m_scrollback.push(std::move(line));
        screen->m_scrollbackChanged = true;
        return 1;
    }

    static int popLine(int columns, VTermScreenCell* cells, void* user) {
        TerminalScreen* screen = self(user);
        TerminalLine line;
        if (!screen->m_scrollback.popNewest(&line))
            return 0;
        VTermColor defaultForeground;
        VTermColor defaultBackground;
        vterm_state_get_default_colors(screen->m_vtermState, &defaultForeground, &defaultBackground);
        for (int column = 0; column < columns; ++column) {
            VTermScreenCell& out = cells[column];
            out = VTermScreenCell{};
            out.width = 1;
            out.fg = defaultForeground;
            out.bg = defaultBackground;
            if (size_t(column) >= line.cells.size())
                continue;
            const TerminalCell& in = line.cells[size_t(column)];
            for (size_t i = 0; i < in.chars.size(); ++i)
                out.chars[i] = in.chars[i];
            if (in.width == 0)
                out.chars[0] = uint32_t(-1); // libvterm's mark for a wide character's second half
            out.width = char(in.width);
            out.attrs.bold = in.bold;
            out.attrs.italic = in.italic;
            out.attrs.underline = in.underline ? VTERM_UNDERLINE_SINGLE : VTERM_UNDERLINE_OFF;
            out.attrs.reverse = in.reverse;
            out.attrs.strike = in.strike;
            if (in.foreground.kind == TerminalColor::Kind::Indexed)
                vterm_color_indexed(&out.fg, in.foreground.index);
            else if (in.foreground.kind == TerminalColor::Kind::Rgb)
                vterm_color_rgb(&out.fg, quint8(qRed(in.foreground.rgb)), quint8(qGreen(in.foreground.rgb)),
                                quint8(qBlue(in.foreground.rgb)));
            if (in.background.kind == TerminalColor::Kind::Indexed)
                vterm_color_indexed(&out.bg, in.background.index);
            else if (in.background.kind == TerminalColor::Kind::Rgb)
                vterm_color_rgb(&out.bg, quint8(qRed(in.background.rgb)), quint8(qGreen(in.background.rgb)),
                                quint8(qBlue(in.background.rgb)));
        }
        screen->m_scrollbackChanged = true;
        return 1;
    }

    static void output(const char* bytes, size_t length, void* user) {
        self(user)->m_pendingOutput.append(bytes, qsizetype(length));
    }

    static constexpr VTermScreenCallbacks screenCallbacks{damage, nullptr, moveCursor, setTermProp,
                                                          bell,   resize,  pushLine,   popLine};
};

TerminalScreen::TerminalScreen(int rows, int columns, QObject* parent)
    : QObject(parent)
    , m_rows(qMax(1, rows))
    , m_columns(qMax(1, columns)) {
    m_vterm = vterm_new(m_rows, m_columns);
    vterm_set_utf8(m_vterm, 1);
    vterm_output_set_callback(m_vterm, &Callbacks::output, this);
    m_vtermState = vterm_obtain_state(m_vterm);
    m_vtermScreen = vterm_obtain_screen(m_vterm);
    vterm_screen_set_callbacks(m_vtermScreen, &Callbacks::screenCallbacks, this);
    vterm_screen_set_damage_merge(m_vtermScreen, VTERM_DAMAGE_ROW);
    vterm_screen_enable_altscreen(m_vtermScreen, 1);
    vterm_screen_reset(m_vtermScreen, 1);
    setDefaultColors(m_defaultForeground, m_defaultBackground);
    m_dirtyRows.assign(size_t(m_rows), true);
}

TerminalScreen::~TerminalScreen() {
    vterm_free(m_vterm);
}

void TerminalScreen::setDefaultColors(QRgb foreground, QRgb background) {
    m_defaultForeground = foreground;
    m_defaultBackground = background;
    VTermColor fg;
    VTermColor bg;
    vterm_color_rgb(&fg, quint8(qRed(foreground)), quint8(qGreen(foreground)), quint8(qBlue(foreground)));
    vterm_color_rgb(&bg, quint8(qRed(background)), quint8(qGreen(background)), quint8(qBlue(background)));
    vterm_state_set_default_colors(m_vtermState, &fg, &bg);
    markDirty(0, m_rows);
    m_scrollbackChanged = true;
    flush();
}

TerminalColor TerminalScreen::convertColor(const void* vtermColor) const {
    VTermColor color = *static_cast<const VTermColor*>(vtermColor);
    TerminalColor result;
    if (color.type & VTERM_COLOR_DEFAULT_FG) {
        result.rgb = m_defaultForeground;
        return result;
    }
    if (color.type & VTERM_COLOR_DEFAULT_BG) {
        result.rgb = m_defaultBackground;
        return result;
    }
    if (VTERM_COLOR_IS_INDEXED(&color)) {
        result.kind = TerminalColor::Kind::Indexed;
        result.index = color.indexed.idx;
    } else {
        result.kind = TerminalColor::Kind::Rgb;
    }
    vterm_screen_convert_color_to_rgb(m_vtermScreen, &color);
    result.rgb = qRgb(color.rgb.red, color.rgb.green, color.rgb.blue);
    return result;
}

TerminalCell TerminalScreen::convertCell(const void* vtermCell) const {
    const auto& in = *static_cast<const VTermScreenCell*>(vtermCell);
    TerminalCell cell;
    for (size_t i = 0; i < cell.chars.size() && in.chars[i] != 0; ++i)
        cell.chars[i] = in.chars[i];
    // libvterm marks a wide character's second half with chars[0] == (uint32_t)-1.
    if (in.chars[0] == uint32_t(-1)) {
        cell.chars = {};
        cell.width = 0;
    } else {
        cell.width = quint8(qMax(1, int(in.width)));
    }
    cell.bold = in.attrs.bold;
    cell.italic = in.attrs.italic;
    cell.underline = in.attrs.underline != VTERM_UNDERLINE_OFF;
    cell.reverse = in.attrs.reverse;
    cell.strike = in.attrs.strike;
    cell.foreground = convertColor(&in.fg);
    cell.background = convertColor(&in.bg);
    return cell;
}

TerminalCell TerminalScreen::cell(int row, int column) const {
    VTermScreenCell in;
    if (row < 0 || row >= m_rows || column < 0 || column >= m_columns ||
        !vterm_screen_get_cell(m_vtermScreen, VTermPos{row, column}, &in)) {
        TerminalCell blank;
        blank.foreground.rgb = m_defaultForeground;
        blank.background.rgb = m_defaultBackground;
        return blank;
    }
    return convertCell(&in);
}

TerminalCell TerminalScreen::historyCell(int line, int column) const {
    if (line >= scrollbackLines() || line < 0)
        return cell(line - scrollbackLines(), column);
    const TerminalLine& stored = m_scrollback.line(line);
    if (column >= 0 && size_t(column) < stored.cells.size())
        return stored.cells[size_t(column)];
    return cell(-1, -1); // a blank
}

QString TerminalScreen::lineText(int line) const {
    const int width = line < scrollbackLines() && line >= 0
                          ? qMax(m_columns, int(m_scrollback.line(line).cells.size()))
                          : m_columns;
    QString text;
    for (int column = 0; column < width; ++column)
        text += historyCell(line, column).text();
    while (text.endsWith(QLatin1Char(' ')))
        text.chop(1);
    return text;
}

bool TerminalScreen::isLineWrapped(int line) const {
    if (line >= 0 && line < scrollbackLines())
        return m_scrollback.line(line).wrapped;
    return !cell(line - scrollbackLines(), m_columns - 1).isEmpty();
}

void TerminalScreen::setScrollbackLimit(int lines) {
    m_scrollback.setLimit(lines);
    m_scrollbackChanged = true;
    flush();
}

std::vector<bool> TerminalScreen::takeDirtyRows() {
    std::vector<bool> dirty(size_t(m_rows), false);
    dirty.swap(m_dirtyRows);
    return dirty;
}

void TerminalScreen::markDirty(int firstRow, int endRow) {
    for (int row = qMax(0, firstRow); row < qMin(endRow, int(m_dirtyRows.size())); ++row)
        m_dirtyRows[size_t(row)] = true;
}

void TerminalScreen::feed(const QByteArray& bytes) {
    vterm_input_write(m_vterm, bytes.constData(), size_t(bytes.size()));
    vterm_screen_flush_damage(m_vtermScreen);
    flush();
}

void TerminalScreen::resize(int rows, int columns) {
    rows = qMax(1, rows);
    columns = qMax(1, columns);
    if (rows == m_rows && columns == m_columns)
        return;
    vterm_set_size(m_vterm, rows, columns);
    vterm_screen_flush_damage(m_vtermScreen);
    m_rows = rows;
    m_columns = columns;
    m_dirtyRows.assign(size_t(rows), true);
    VTermPos cursor;
    vterm_state_get_cursorpos(m_vtermState, &cursor);
    m_cursorRow = cursor.row;
    m_cursorColumn = cursor.col;
    m_cursorChanged = true;
    emit resized(rows, columns);
    flush();
}

void TerminalScreen::flush() {
    flushOutput();
    const bool contentDirty =
        m_scrollbackChanged || std::find(m_dirtyRows.begin(), m_dirtyRows.end(), true) != m_dirtyRows.end();
    m_scrollbackChanged = false;
    if (std::exchange(m_alternateScreenChanged, false)) {
        clearSelection();
        emit alternateScreenChanged();
    }
    if (std::exchange(m_titleChanged, false))
        emit titleChanged();
    if (std::exchange(m_bellPending, false))
        emit bell();
    if (std::exchange(m_cursorChanged, false))
        emit cursorChanged();
    if (contentDirty)
        emit contentChanged();
}

void TerminalScreen::flushOutput() {
    if (m_pendingOutput.isEmpty())
        return;
    emit output(std::exchange(m_pendingOutput, {}));
}

} // namespace binnacle::terminal
