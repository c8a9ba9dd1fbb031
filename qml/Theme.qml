pragma Singleton

import QtQuick
import Binnacle.Core

// The colours that carry meaning (status, diff, warnings), derived from the system palette so that they read
// well on light and dark backgrounds alike: accents are deeper on a light window and brighter on a dark
// one, and tinted backgrounds are the palette's own base colour with a little of the accent mixed in.
QtObject {
    id: root

    readonly property SystemPalette palette: SystemPalette {
        colorGroup: SystemPalette.Active
    }
    readonly property SystemPalette disabledPalette: SystemPalette {
        colorGroup: SystemPalette.Disabled
    }
    // A dark window (the user's theme, or binnacle --dark).
    readonly property bool dark: root.palette.window.hslLightness < 0.5

    readonly property color good: root.dark ? "#69db7c" : "#2f9e44"
    readonly property color warning: root.dark ? "#ffc078" : "#d98a00"
    readonly property color bad: root.dark ? "#ff8787" : "#e03131"
    readonly property color info: root.dark ? "#74c0fc" : "#1864ab"

    // A warning banner: the window colour tinted amber, the palette's text on it.
    readonly property color bannerBackground: Qt.tint(root.palette.window, root.withAlpha(root.warning, 0.25))
    readonly property color bannerBorder: root.warning
    readonly property color bannerText: root.palette.windowText

    // Diff lines: the base colour tinted green, red or blue, the palette's text on them.
    readonly property color diffAdded: Qt.tint(root.palette.base, root.withAlpha(root.good, 0.22))
    readonly property color diffRemoved: Qt.tint(root.palette.base, root.withAlpha(root.bad, 0.22))
    readonly property color diffHunk: Qt.tint(root.palette.base, root.withAlpha(root.info, 0.18))
    readonly property color diffText: root.palette.text

    function withAlpha(base: color, alpha: real): color {
        return Qt.rgba(base.r, base.g, base.b, alpha)
    }

    // The text colour of a Status cell of this severity (ResourceView.Severity).
    function severityColor(severity: int): color {
        switch (severity) {
        case ResourceView.Good: return root.good
        case ResourceView.Warning: return root.warning
        case ResourceView.Bad: return root.bad
        default: return root.palette.text
        }
    }
}
