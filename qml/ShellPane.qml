pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

// A shell in one of the pod's containers (bash, else sh), or its main process attached, in a terminal: colours, cursor, scrollback,
// selection with Ctrl+Shift+C / Ctrl+Shift+V, and the size sent to the shell as the pane resizes.
Pane {
    id: root

    required property ObjectModel object
    property bool shown: false
    readonly property var containers: {
        const spec = root.object.object.spec ?? {}
        return (spec.containers ?? []).map(container => container.name)
    }

    objectName: "shellPane"
    padding: 0

    PodShell {
        id: shell
        objectName: "podShell"
        connection: Connection
        active: root.shown && root.object.kind === "Pod" && root.object.exists
        namespaceName: root.object.namespaceName
        podName: root.object.name
        container: containerBox.currentText
        attach: modeBox.currentIndex === 1
        onOutput: bytes => terminal.feed(bytes)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 2
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 4
            ComboBox {
                id: modeBox
                objectName: "shellMode"
                model: [qsTr("Shell"), qsTr("Attach")]
            }
            ComboBox {
                id: containerBox
                model: root.containers
                implicitContentWidthPolicy: ComboBox.WidestText
            }
            Label {
                objectName: "shellStatus"
                Layout.fillWidth: true
                text: root.object.kind !== "Pod" ? qsTr("Shells run in pods") : shell.status
                opacity: 0.7
                elide: Text.ElideRight
            }
            Button {
                text: qsTr("Reconnect")
                visible: !shell.running && shell.active
                onClicked: shell.restart()
            }
        }
        TerminalView {
            id: terminal
            objectName: "terminal"
            Layout.fillWidth: true
            Layout.fillHeight: true
            focus: root.shown
            onOutput: bytes => shell.send(bytes)
            onResized: (rows, columns) => shell.resize(rows, columns)
        }
    }
}
