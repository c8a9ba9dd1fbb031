pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls

// A unified diff ([{header, lines: [{kind, text, oldLine, newLine}]}]) with removed lines red and added
// lines green (tints of the palette, see Theme), in a monospace font.
ListView {
    id: root

    property var hunks: []

    objectName: "diffView"
    clip: true
    model: {
        const rows = []
        for (const hunk of root.hunks) {
            rows.push({ kind: "@", text: hunk.header })
            for (const line of hunk.lines)
                rows.push(line)
        }
        return rows
    }
    delegate: Rectangle {
        id: diffLine
        required property var modelData
        width: ListView.view.width
        height: lineText.implicitHeight + 2
        color: diffLine.modelData.kind === "+" ? Theme.diffAdded
             : diffLine.modelData.kind === "-" ? Theme.diffRemoved
             : diffLine.modelData.kind === "@" ? Theme.diffHunk : "transparent"
        Text {
            id: lineText
            objectName: "diffLineText"
            x: 6
            width: parent.width - 12
            font.family: "monospace"
            font.pixelSize: 12
            textFormat: Text.PlainText
            wrapMode: Text.WrapAnywhere
            color: diffLine.modelData.kind === "@" ? Theme.info : Theme.diffText
            text: (diffLine.modelData.kind === "@" ? "" : diffLine.modelData.kind + " ") + diffLine.modelData.text
        }
    }
    ScrollBar.vertical: ScrollBar {}
}
