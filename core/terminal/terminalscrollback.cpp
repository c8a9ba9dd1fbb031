#include "terminalscrollback.h"

namespace binnacle::terminal {

void TerminalScrollback::setLimit(int limit) {
    m_limit = qMax(0, limit);
    dropOverLimit();
}

void TerminalScrollback::push(TerminalLine line) {
    m_lines.push_back(std::move(line));
    dropOverLimit();
}

bool TerminalScrollback::popNewest(TerminalLine* line) {
    if (m_lines.empty())
        return false;
    *line = std::move(m_lines.back());
    m_lines.pop_back();
    return true;
}

void TerminalScrollback::clear() {
    m_dropped += qint64(m_lines.size());
    m_lines.clear();
}

void TerminalScrollback::dropOverLimit() {
    while (int(m_lines.size()) > m_limit) {
        m_lines.pop_front();
        ++m_dropped;
    }
}

} // namespace binnacle::terminal
