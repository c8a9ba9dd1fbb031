#pragma once

#include <QPalette>

namespace binnacle::app {

// A dark palette for `binnacle --dark`, whatever the desktop's: the window and the controls (Fusion) take
// their colours from the application palette, and the QML Theme derives its accents from it.
QPalette darkPalette();

} // namespace binnacle::app
