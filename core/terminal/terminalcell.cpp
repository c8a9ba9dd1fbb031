#include "terminalcell.h"

namespace binnacle::terminal {

QString TerminalCell::text() const {
    if (width == 0)
        return {};
    if (isEmpty())
        return QStringLiteral(" ");
    QString result;
    for (const char32_t c : chars) {
        if (c == 0)
            break;
        result += QString::fromUcs4(&c, 1);
    }
    return result;
}

} // namespace binnacle::terminal
