#pragma once

#include <QRgb>
#include <QString>
#include <array>
#include <vector>

namespace binnacle::terminal {

// A cell's colour as the program asked for it (default, one of the 256 palette entries, or 24-bit), with
// the RGB value it resolves to in the terminal's palette.
struct TerminalColor {
    enum class Kind : quint8 { Default, Indexed, Rgb };

    Kind kind = Kind::Default;
    quint8 index = 0; // the palette entry when kind is Indexed
    QRgb rgb = 0;     // what to paint

    bool operator==(const TerminalColor&) const = default;
};

// One character cell of the screen or of the scrollback.
struct TerminalCell {
    // The base character and up to two combining marks; chars[0] == 0 is an empty cell.
    std::array<char32_t, 3> chars{};
    quint8 width = 1; // 2 for the first half of a wide character, 0 for its second half
    bool bold = false;
    bool italic = false;
    bool underline = false;
    bool reverse = false;
    bool strike = false;
    TerminalColor foreground;
    TerminalColor background;

    bool isEmpty() const { return chars[0] == 0; }
    // The cell's text (a space for an empty cell, nothing for the second half of a wide character).
    QString text() const;
    bool sameStyle(const TerminalCell& other) const {
        return bold == other.bold && italic == other.italic && underline == other.underline &&
               reverse == other.reverse && strike == other.strike && foreground == other.foreground &&
               background == other.background;
    }
};

// A line of scrollback: its cells with trailing blank cells of the default background dropped, and whether it
// ran on into the next line.
struct TerminalLine {
    std::vector<TerminalCell> cells;
    bool wrapped = false;
};

// A place in the history: `line` counts from the oldest scrollback line kept (the screen's first row is
// TerminalScreen::scrollbackLines()), `column` from 0.
struct TerminalPosition {
    int line = 0;
    int column = 0;

    auto operator<=>(const TerminalPosition&) const = default;
};

} // namespace binnacle::terminal
