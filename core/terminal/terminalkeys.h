#pragma once

#include <Qt>
#include <optional>
#include <vterm_keycodes.h>

namespace binnacle::terminal {

// Qt's modifiers as libvterm's (Shift, Alt, Ctrl; Meta is not sent).
VTermModifier vtermModifiers(Qt::KeyboardModifiers modifiers);

// libvterm's key for the Qt keys that are not text: Enter, Tab, arrows, editing keys, F1-F35, keypad Enter.
std::optional<VTermKey> vtermKey(int qtKey, Qt::KeyboardModifiers modifiers);

// The character Ctrl+key stands for (Ctrl+C is 'c', which libvterm turns into 0x03), or 0 when Ctrl+key is
// not a control character.
char32_t controlCharacterBase(int qtKey);

} // namespace binnacle::terminal
