pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core
import Binnacle.Ui

// The details of one object, live: an overview of the fields that matter for its kind, labels and
// annotations, its events, and related objects as links. The object is named by resource, namespace and name.
Pane {
    id: root

    property string resource: ""
    property string namespaceName: ""
    property string name: ""
    property alias currentTab: tabs.currentIndex
    readonly property alias object: objectModel

    readonly property alias yamlEditor: yamlPane.editor
    function editAndPreview(key: string, value: string) {
        tabs.currentIndex = 1
        yamlPane.editAndPreview(key, value)
    }

    signal closeRequested()
    // A related object was clicked: open it.
    signal openRequested(string kind, string namespaceName, string name)

    objectName: "detailsPanel"
    padding: 0

    ObjectModel {
        id: objectModel
        objectName: "detailsObject"
        connection: Connection
        resource: root.resource
        namespaceName: root.namespaceName
        name: root.name
    }
    ObjectOverview {
        id: overview
        objectName: "detailsOverview"
        source: objectModel
    }
    SystemPalette {
        id: colors
    }

    function toneColor(tone: string): color {
        switch (tone) {
        case "good": return Theme.good
        case "warning": return Theme.warning
        case "bad": return Theme.bad
        default: return colors.text
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 8
            Label {
                Layout.fillWidth: true
                text: objectModel.kind + "  " + (root.namespaceName !== "" ? root.namespaceName + "/" : "") + root.name
                font.bold: true
                font.pixelSize: 15
                elide: Text.ElideMiddle
            }
            Label {
                objectName: "detailsState"
                visible: text !== ""
                text: objectModel.deleted ? qsTr("deleted") : objectModel.deleting ? qsTr("terminating")
                      : objectModel.stateName !== "live" && objectModel.stateName !== "" ? objectModel.stateName : ""
                color: Theme.warning
            }
            ToolButton {
                text: "✕"
                onClicked: root.closeRequested()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Close (Esc)")
            }
        }
        TabBar {
            id: tabs
            objectName: "detailsTabs"
            Layout.fillWidth: true
            TabButton { text: qsTr("Overview") }
            TabButton { text: qsTr("YAML") }
            TabButton { text: qsTr("Logs") }
            TabButton { text: qsTr("Shell") }
            TabButton { text: qsTr("Events (%1)").arg(eventList.count) }
            TabButton { text: qsTr("Related (%1)").arg(relatedList.count) }
        }
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            ScrollView {
                id: overviewScroll
                clip: true
                contentWidth: availableWidth
                ColumnLayout {
                    width: overviewScroll.availableWidth
                    spacing: 10
                    Repeater {
                        model: overview.sections
                        delegate: ColumnLayout {
                            id: section
                            required property var modelData
                            Layout.fillWidth: true
                            Layout.leftMargin: 10
                            Layout.rightMargin: 10
                            spacing: 2
                            Label {
                                text: section.modelData.title
                                font.bold: true
                                Layout.topMargin: 6
                            }
                            Repeater {
                                model: section.modelData.rows
                                delegate: RowLayout {
                                    id: fieldRow
                                    required property var modelData
                                    property string revealed: ""
                                    Layout.fillWidth: true
                                    Layout.leftMargin: fieldRow.modelData.depth * 14
                                    Label {
                                        text: fieldRow.modelData.label
                                        opacity: 0.7
                                        Layout.preferredWidth: 150
                                        elide: Text.ElideRight
                                    }
                                    Label {
                                        Layout.fillWidth: true
                                        wrapMode: Text.WrapAnywhere
                                        textFormat: Text.PlainText
                                        text: fieldRow.modelData.tone === "secret"
                                              ? (fieldRow.revealed !== "" ? fieldRow.revealed : "•••••• (" + fieldRow.modelData.value + ")")
                                              : fieldRow.modelData.value
                                        color: root.toneColor(fieldRow.modelData.tone)
                                    }
                                    Button {
                                        visible: fieldRow.modelData.tone === "secret"
                                        flat: true
                                        text: fieldRow.revealed !== "" ? qsTr("Hide") : qsTr("Reveal")
                                        onClicked: fieldRow.revealed = fieldRow.revealed !== ""
                                                   ? "" : overview.revealSecret(fieldRow.modelData.label)
                                    }
                                }
                            }
                        }
                    }
                    Label {
                        text: qsTr("Labels")
                        font.bold: true
                        Layout.leftMargin: 10
                        visible: Object.keys(objectModel.labels).length > 0
                    }
                    Flow {
                        Layout.fillWidth: true
                        Layout.leftMargin: 10
                        Layout.rightMargin: 10
                        spacing: 4
                        Repeater {
                            model: Object.keys(objectModel.labels)
                            delegate: Label {
                                required property string modelData
                                text: modelData + "=" + objectModel.labels[modelData]
                                padding: 3
                                background: Rectangle {
                                    color: colors.alternateBase
                                    radius: 3
                                }
                            }
                        }
                    }
                    Label {
                        text: qsTr("Annotations")
                        font.bold: true
                        Layout.leftMargin: 10
                        visible: Object.keys(objectModel.annotations).length > 0
                    }
                    Repeater {
                        model: Object.keys(objectModel.annotations)
                        delegate: Label {
                            required property string modelData
                            Layout.fillWidth: true
                            Layout.leftMargin: 10
                            Layout.rightMargin: 10
                            text: modelData + ": " + objectModel.annotations[modelData]
                            textFormat: Text.PlainText
                            wrapMode: Text.WrapAnywhere
                            maximumLineCount: 4
                            elide: Text.ElideRight
                        }
                    }
                }
            }

            YamlPane {
                id: yamlPane
                object: objectModel
            }

            LogsPane {
                object: objectModel
                shown: tabs.currentIndex === 2 && root.visible
            }

            ShellPane {
                object: objectModel
                shown: tabs.currentIndex === 3 && root.visible
            }

            ListView {
                id: eventList
                objectName: "eventList"
                clip: true
                model: objectModel.events
                delegate: ItemDelegate {
                    id: eventItem
                    required property string type
                    required property string reason
                    required property string message
                    required property int count
                    required property string lastTimestamp
                    width: ListView.view.width
                    contentItem: ColumnLayout {
                        spacing: 1
                        Label {
                            text: eventItem.reason + (eventItem.count > 1 ? "  ×" + eventItem.count : "")
                                  + "  ·  " + eventItem.lastTimestamp
                            font.bold: true
                            color: eventItem.type === "Warning" ? Theme.warning : colors.text
                        }
                        Label {
                            Layout.fillWidth: true
                            text: eventItem.message
                            wrapMode: Text.Wrap
                            textFormat: Text.PlainText
                        }
                    }
                }
                Label {
                    anchors.centerIn: parent
                    visible: eventList.count === 0
                    opacity: 0.7
                    text: qsTr("No events")
                }
            }

            ListView {
                id: relatedList
                objectName: "relatedList"
                clip: true
                model: objectModel.related
                delegate: ItemDelegate {
                    id: relatedItem
                    required property string relation
                    required property int depth
                    required property string kind
                    required property string namespace
                    required property string name
                    required property string status
                    required property bool found
                    width: ListView.view.width
                    leftPadding: 10 + relatedItem.depth * 14
                    enabled: relatedItem.found
                    text: relatedItem.relation + ": " + relatedItem.kind + " " + relatedItem.name
                          + (relatedItem.status !== "" ? "  (" + relatedItem.status + ")" : "")
                    onClicked: root.openRequested(relatedItem.kind, relatedItem.namespace, relatedItem.name)
                }
                Label {
                    anchors.centerIn: parent
                    visible: relatedList.count === 0
                    opacity: 0.7
                    text: qsTr("No related objects")
                }
            }
        }
    }
}
