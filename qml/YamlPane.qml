pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core
import Binnacle.Ui

// An object's YAML: highlighted and read-only until Edit; then Preview asks the server for a dry run and
// shows the diff between the live object and the result, and Apply writes it. A conflict (someone else
// changed the object, or another field manager owns a field) is shown with what changed, and offers a
// rebase or, for server-side apply, force; errors point at their lines.
Pane {
    id: root

    required property ObjectModel object
    readonly property bool editing: ["editing", "previewing", "previewed", "applying", "conflict", "error"].includes(editor.state)
                                    && root.editRequested
    property bool editRequested: false
    readonly property alias editor: editor

    function load() {
        if (!root.object.exists)
            return
        editor.load(root.object.kind, root.object.apiVersion, root.object.namespaceName, root.object.name)
    }
    // For screenshots and demos: edit `key: value` (the first line with that key) and preview it.
    function editAndPreview(key: string, value: string) {
        root.editRequested = true
        const pattern = new RegExp("^(\\s*" + key + ": ).*$", "m")
        editor.text = editor.text.replace(pattern, "$1" + value)
        editor.preview()
    }
    function lineOffset(line: int): int {
        const lines = yamlText.text.split("\n")
        let offset = 0
        for (let i = 0; i < line - 1 && i < lines.length; ++i)
            offset += lines[i].length + 1
        return offset
    }

    objectName: "yamlPane"
    padding: 0

    ObjectEditor {
        id: editor
        objectName: "objectEditor"
        connection: Connection
    }
    SystemPalette {
        id: colors
    }

    // Follow the live object while not editing.
    Connections {
        target: root.object
        function onObjectChanged() {
            if (!root.editRequested)
                root.load()
        }
        // Another object: an edit in progress of the previous one is dropped (it was never applied).
        function onSourceChanged() {
            root.editRequested = false
        }
    }
    Component.onCompleted: load()

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 6
            Button {
                objectName: "editButton"
                text: qsTr("Edit")
                visible: !root.editRequested
                enabled: root.object.exists && !editor.busy
                onClicked: root.editRequested = true
            }
            Button {
                objectName: "previewButton"
                text: qsTr("Preview (dry run)")
                visible: root.editRequested
                enabled: !editor.busy
                onClicked: editor.preview()
            }
            Button {
                objectName: "applyButton"
                text: editor.conflict.managers && editor.conflict.managers.length > 0 ? qsTr("Apply (force)") : qsTr("Apply")
                visible: root.editRequested
                highlighted: true
                enabled: editor.state === "previewed" && !editor.busy
                onClicked: editor.apply()
            }
            Button {
                text: qsTr("Cancel")
                visible: root.editRequested
                enabled: !editor.busy
                onClicked: {
                    root.editRequested = false
                    root.load()
                }
            }
            CheckBox {
                text: qsTr("Server-side apply")
                visible: root.editRequested
                checked: editor.serverSideApply
                onToggled: editor.serverSideApply = checked
            }
            Item {
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: editor.busy
                visible: editor.busy
                Layout.preferredHeight: 24
                Layout.preferredWidth: 24
            }
            Label {
                objectName: "editorState"
                text: editor.state === "applied" ? qsTr("Applied") : editor.state
                opacity: 0.7
            }
        }

        // The conflict: what happened and the way out.
        Rectangle {
            objectName: "conflictBox"
            visible: editor.state === "conflict"
            Layout.fillWidth: true
            Layout.leftMargin: 6
            Layout.rightMargin: 6
            implicitHeight: conflictColumn.implicitHeight + 12
            color: Theme.bannerBackground
            border.color: Theme.bannerBorder
            ColumnLayout {
                id: conflictColumn
                anchors.fill: parent
                anchors.margins: 6
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: Theme.bannerText
                    text: editor.conflict.stale
                          ? qsTr("Someone changed this object after you started editing. Nothing was written. "
                                 + "Rebase your edit onto the current object, then preview again.")
                          : qsTr("Other field managers own fields you changed. Nothing was written.")
                }
                Repeater {
                    model: editor.conflict.fields ?? []
                    delegate: Label {
                        required property var modelData
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        color: Theme.bannerText
                        text: qsTr("%1: yours %2, theirs %3 (was %4)").arg(modelData.path).arg(modelData.mine)
                                  .arg(modelData.theirs).arg(modelData.base)
                    }
                }
                Repeater {
                    model: editor.conflict.managers ?? []
                    delegate: Label {
                        required property var modelData
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        color: Theme.bannerText
                        text: qsTr("%1 is owned by “%2” (line %3)").arg(modelData.field).arg(modelData.manager).arg(modelData.line)
                    }
                }
                RowLayout {
                    Button {
                        objectName: "rebaseButton"
                        visible: editor.conflict.stale === true
                        text: (editor.conflict.fields ?? []).length > 0 ? qsTr("Rebase, keeping mine") : qsTr("Rebase my edit")
                        onClicked: (editor.conflict.fields ?? []).length > 0 ? editor.rebaseKeepingMine() : editor.rebase()
                    }
                    Button {
                        visible: editor.conflict.stale === true && (editor.conflict.fields ?? []).length > 0
                        text: qsTr("Rebase, keeping theirs")
                        onClicked: editor.rebaseKeepingTheirs()
                    }
                    Button {
                        objectName: "forceButton"
                        visible: (editor.conflict.managers ?? []).length > 0
                        text: qsTr("Take ownership (force)")
                        onClicked: editor.forceApply()
                    }
                }
            }
        }

        // Errors with their lines; a click puts the cursor there.
        Repeater {
            model: editor.errors
            delegate: Label {
                id: errorLabel
                required property var modelData
                Layout.fillWidth: true
                Layout.leftMargin: 6
                wrapMode: Text.Wrap
                color: Theme.bad
                text: (errorLabel.modelData.line > 0 ? qsTr("Line %1: ").arg(errorLabel.modelData.line) : "")
                      + errorLabel.modelData.message
                TapHandler {
                    onTapped: {
                        if (errorLabel.modelData.line > 0) {
                            yamlText.cursorPosition = root.lineOffset(errorLabel.modelData.line)
                            yamlText.forceActiveFocus()
                        }
                    }
                }
            }
        }

        SplitView {
            orientation: Qt.Vertical
            Layout.fillWidth: true
            Layout.fillHeight: true

            ScrollView {
                id: textScroll
                SplitView.fillHeight: true
                clip: true
                TextArea {
                    id: yamlText
                    objectName: "yamlText"
                    font.family: "monospace"
                    font.pixelSize: 12
                    readOnly: !root.editRequested || editor.busy
                    selectByMouse: true
                    wrapMode: TextEdit.NoWrap
                    textFormat: TextEdit.PlainText
                    text: root.editRequested ? editor.text : editor.liveText
                    onTextChanged: {
                        if (root.editRequested && text !== editor.text)
                            editor.text = text
                    }
                    leftPadding: gutter.width + 6
                    Column {
                        id: gutter
                        width: 44
                        y: yamlText.topPadding
                        Repeater {
                            model: yamlText.lineCount
                            delegate: Text {
                                required property int index
                                width: gutter.width - 4
                                horizontalAlignment: Text.AlignRight
                                font: yamlText.font
                                height: yamlText.contentHeight / Math.max(1, yamlText.lineCount)
                                color: editor.errorLines.includes(index + 1) ? Theme.bad : Theme.disabledPalette.text
                                text: (editor.errorLines.includes(index + 1) ? "● " : "") + (index + 1)
                            }
                        }
                    }
                }
            }
            YamlHighlighter {
                document: yamlText.textDocument
                dark: colors.base.hslLightness < 0.5
            }

            ColumnLayout {
                visible: editor.diff.length > 0 || (editor.conflict.serverChanges ?? []).length > 0
                SplitView.preferredHeight: root.height * 0.4
                Label {
                    Layout.leftMargin: 6
                    font.bold: true
                    text: editor.state === "conflict" && editor.conflict.stale
                          ? qsTr("What changed on the server") : qsTr("Live → dry-run result")
                }
                DiffView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    hunks: editor.state === "conflict" && editor.conflict.stale ? editor.conflict.serverChanges : editor.diff
                }
            }
        }
    }
}
