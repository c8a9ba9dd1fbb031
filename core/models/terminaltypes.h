#pragma once

#include "terminalscreen.h"
#include "terminalview.h"

#include <QQmlEngine>

namespace binnacle {

// The terminal (binnacle_terminal) as QML types of Binnacle.Core: `TerminalView { }`, and its `screen`.
struct TerminalViewForeign {
    Q_GADGET
    QML_FOREIGN(binnacle::terminal::TerminalView)
    QML_NAMED_ELEMENT(TerminalView)
};

struct TerminalScreenForeign {
    Q_GADGET
    QML_FOREIGN(binnacle::terminal::TerminalScreen)
    QML_NAMED_ELEMENT(TerminalScreen)
    QML_UNCREATABLE("A TerminalView owns its TerminalScreen")
};

} // namespace binnacle
