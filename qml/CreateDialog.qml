pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core
import Binnacle.Ui

// Create from YAML: one or several documents; the server checks them all with a dry run first, and nothing
// is created unless every document passes. Each document's outcome and errors (with lines) are listed.
Dialog {
    id: root

    property string defaultNamespace: ""

    objectName: "createDialog"
    title: qsTr("Create from YAML")
    modal: true
    standardButtons: Dialog.Close
    width: Math.min(900, parent.width - 60)
    height: Math.min(700, parent.height - 60)

    ObjectEditor {
        id: creator
        connection: Connection
    }

    ColumnLayout {
        anchors.fill: parent
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            TextArea {
                id: manifest
                objectName: "createText"
                font.family: "monospace"
                font.pixelSize: 12
                selectByMouse: true
                wrapMode: TextEdit.NoWrap
                placeholderText: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: example\n---\n…"
            }
        }
        YamlHighlighter {
            document: manifest.textDocument
        }
        Repeater {
            model: creator.createReports
            delegate: Label {
                required property var modelData
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: modelData.outcome === "created" || modelData.outcome === "dry run passed" ? Theme.good : Theme.bad
                text: qsTr("Line %1: %2 %3 — %4").arg(modelData.line).arg(modelData.kind).arg(modelData.name)
                          .arg(modelData.outcome) + (modelData.errors && modelData.errors.length > 0
                                                     ? ": " + modelData.errors.map(e => (e.line > 0 ? qsTr("line %1: ").arg(e.line) : "") + e.message).join("; ")
                                                     : "")
            }
        }
        RowLayout {
            Label {
                text: root.defaultNamespace !== "" ? qsTr("Namespace when none is given: %1").arg(root.defaultNamespace) : ""
                opacity: 0.7
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: creator.creating
                visible: creator.creating
                Layout.preferredHeight: 24
                Layout.preferredWidth: 24
            }
            Button {
                objectName: "createButton"
                text: qsTr("Check and create")
                highlighted: true
                enabled: !creator.creating && manifest.text.trim() !== ""
                onClicked: creator.createFromYaml(manifest.text, root.defaultNamespace)
            }
        }
    }
}
