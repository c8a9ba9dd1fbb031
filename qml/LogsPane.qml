pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

// Logs of a pod (one container) or of a whole workload (every pod, merged by time, each line tagged with
// its pod): tail, since, size limit, follow, previous, timestamps, wrap, pause, search with highlights, save.
Pane {
    id: root

    required property ObjectModel object
    property bool shown: false
    readonly property bool isPod: root.object.kind === "Pod"
    readonly property bool hasLogs: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"].includes(root.object.kind)
    readonly property var containers: {
        const spec = root.isPod ? (root.object.object.spec ?? {}) : ((root.object.object.spec ?? {}).template ?? {}).spec ?? {}
        const names = []
        for (const list of [spec.initContainers ?? [], spec.containers ?? [], spec.ephemeralContainers ?? []])
            for (const container of list)
                names.push(container.name)
        return names
    }

    function escaped(text: string): string {
        return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    }
    function highlighted(text: string, matches: var): string {
        if (!matches || matches.length === 0)
            return escaped(text)
        let result = ""
        let at = 0
        for (const match of matches) {
            result += escaped(text.substring(at, match.start))
            result += "<span style='background-color:#ffe066'>" + escaped(text.substr(match.start, match.length)) + "</span>"
            at = match.start + match.length
        }
        return result + escaped(text.substring(at))
    }

    objectName: "logsPane"
    padding: 0

    LogSession {
        id: session
        objectName: "logSession"
        connection: Connection
        active: root.shown && root.hasLogs && root.object.exists
        kind: root.object.kind
        namespaceName: root.object.namespaceName
        name: root.object.name
        container: containerBox.currentIndex > 0 ? containerBox.currentText : ""
        follow: followBox.checked
        previous: previousBox.checked
        tailLines: tailBox.currentValue ?? 1000
        sinceSeconds: sinceBox.currentValue ?? -1
        limitBytes: limitBox.currentValue ?? -1
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 2

        Flow {
            Layout.fillWidth: true
            Layout.margins: 4
            spacing: 4
            ComboBox {
                id: containerBox
                model: [root.isPod ? qsTr("Default container") : qsTr("All containers")].concat(root.containers)
                implicitContentWidthPolicy: ComboBox.WidestText
            }
            // How much of the log to read; changing one reads it again.
            ComboBox {
                id: tailBox
                objectName: "logTailBox"
                textRole: "text"
                valueRole: "value"
                model: [{ text: qsTr("Last 100 lines"), value: 100 }, { text: qsTr("Last 1,000 lines"), value: 1000 },
                    { text: qsTr("Last 10,000 lines"), value: 10000 }, { text: qsTr("All lines"), value: -1 }]
                currentIndex: 1
                implicitContentWidthPolicy: ComboBox.WidestText
            }
            ComboBox {
                id: sinceBox
                objectName: "logSinceBox"
                textRole: "text"
                valueRole: "value"
                model: [{ text: qsTr("Any time"), value: -1 }, { text: qsTr("Last 5 minutes"), value: 300 },
                    { text: qsTr("Last hour"), value: 3600 }, { text: qsTr("Last 24 hours"), value: 86400 }]
                implicitContentWidthPolicy: ComboBox.WidestText
            }
            ComboBox {
                id: limitBox
                objectName: "logLimitBox"
                textRole: "text"
                valueRole: "value"
                model: [{ text: qsTr("No size limit"), value: -1 }, { text: qsTr("Up to 4 KB"), value: 4096 },
                    { text: qsTr("Up to 1 MB"), value: 1048576 }, { text: qsTr("Up to 16 MB"), value: 16777216 }]
                implicitContentWidthPolicy: ComboBox.WidestText
            }
            CheckBox {
                id: followBox
                objectName: "logFollowBox"
                text: qsTr("Follow")
                checked: true
            }
            CheckBox {
                id: previousBox
                text: qsTr("Previous")
                visible: root.isPod
            }
            CheckBox {
                id: timestampsBox
                text: qsTr("Timestamps")
            }
            CheckBox {
                id: wrapBox
                text: qsTr("Wrap")
            }
            Button {
                objectName: "pauseLogsButton"
                text: session.lines.paused ? qsTr("Resume (%1 waiting)").arg(session.lines.heldBackLines) : qsTr("Pause")
                onClicked: session.lines.paused = !session.lines.paused
            }
            TextField {
                objectName: "logSearch"
                placeholderText: qsTr("Search")
                implicitWidth: 180
                onTextChanged: session.lines.searchText = text
            }
            Label {
                visible: session.lines.searchText !== ""
                text: qsTr("%1 matches").arg(session.lines.matchCount)
                anchors.verticalCenter: undefined
            }
            Button {
                text: qsTr("Save")
                onClicked: {
                    const path = session.saveToDownloads(timestampsBox.checked)
                    saveResult.text = path !== "" ? qsTr("Saved to %1").arg(path) : qsTr("Could not save")
                }
            }
        }
        Label {
            id: saveResult
            Layout.leftMargin: 6
            visible: text !== ""
            opacity: 0.7
        }
        Label {
            Layout.leftMargin: 6
            objectName: "logStatus"
            text: root.hasLogs ? session.status + (session.lines.totalLines > 0 ? "  ·  " + qsTr("%1 lines").arg(session.lines.totalLines) : "")
                               : qsTr("%1 objects have no logs").arg(root.object.kind)
            opacity: 0.7
        }
        ListView {
            id: logList
            objectName: "logList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: session.lines
            // Stay at the bottom while following, unless the user scrolled up.
            property bool atEnd: true
            onMovementEnded: atEnd = logList.atYEnd
            onCountChanged: if (atEnd && !session.lines.paused) Qt.callLater(logList.positionViewAtEnd)
            delegate: Text {
                id: logLine
                required property string timestamp
                required property string pod
                required property string container
                // The line's text as the model's: a role named `text` would be this Text's own property.
                required property var model
                required property var matches
                required property bool marker
                width: ListView.view.width
                font.family: "monospace"
                font.pixelSize: 12
                wrapMode: wrapBox.checked ? Text.WrapAnywhere : Text.NoWrap
                elide: wrapBox.checked ? Text.ElideNone : Text.ElideRight
                textFormat: Text.StyledText
                color: palette.text
                // A container restart, between the lines of its two instances.
                font.italic: logLine.marker
                text: logLine.marker ? "<font color='#e8590c'>── " + (root.isPod ? "" : root.escaped(logLine.pod) + ": ")
                                       + root.escaped(logLine.model.text) + " ──</font>"
                    : (timestampsBox.checked ? "<font color='#868e96'>" + logLine.timestamp + "</font> " : "")
                      + (root.isPod ? "" : "<font color='#1c7ed6'>" + root.escaped(logLine.pod) + "</font> ")
                      + root.highlighted(logLine.model.text, logLine.matches)
            }
            ScrollBar.vertical: ScrollBar {}
        }
    }
}
