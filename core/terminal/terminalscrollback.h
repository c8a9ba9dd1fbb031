#pragma once

#include "terminalcell.h"

#include <deque>

namespace binnacle::terminal {

// The lines that scrolled off the top of the screen, newest last, at most limit() of them: pushing past the
// limit drops the oldest. droppedLines() counts every line ever dropped, so that a line's number since the
// start (droppedLines() + index) stays the same while lines come and go.
class TerminalScrollback {
public:
    explicit TerminalScrollback(int limit)
        : m_limit(qMax(0, limit)) {}

    int size() const { return int(m_lines.size()); }
    int limit() const { return m_limit; }
    qint64 droppedLines() const { return m_dropped; }
    // 0 is the oldest line kept.
    const TerminalLine& line(int index) const { return m_lines[size_t(index)]; }

    void setLimit(int limit);
    void push(TerminalLine line);
    // Takes the newest line back (the screen grew taller); false when there is none.
    bool popNewest(TerminalLine* line);
    void clear();

private:
    void dropOverLimit();

    std::deque<TerminalLine> m_lines;
    int m_limit = 0;
    qint64 m_dropped = 0;
};

} // namespace binnacle::terminal
