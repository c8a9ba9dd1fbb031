pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

ApplicationWindow {
    id: root

    // What the window shows: a kind (any spelling the connection resolves) in a namespace ("" = all).
    property string currentKey: Connection.initialView
    property string currentNamespace: ""

    width: 1280
    height: 800
    visible: true
    title: Connection.contextName !== "" ? qsTr("Binnacle — %1").arg(Connection.contextName) : qsTr("Binnacle")

    ResourceView {
        id: currentView
        objectName: "currentView"
        connection: Connection
        resourceKey: root.currentKey
        namespaceName: root.currentNamespace
    }

    // The sidebar's counts follow the namespace chosen.
    Binding {
        target: Connection.kinds
        property: "namespaceName"
        value: root.currentNamespace
    }

    Shortcut {
        sequence: "/"
        onActivated: filterField.forceActiveFocus()
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            spacing: 10

            Label {
                objectName: "contextLabel"
                text: Connection.contextName !== "" ? Connection.contextName : qsTr("no cluster")
                font.bold: true
                ToolTip.visible: contextHover.hovered
                ToolTip.text: Connection.serverUrl
                HoverHandler {
                    id: contextHover
                }
            }
            ComboBox {
                id: namespaceBox
                objectName: "namespaceBox"
                Layout.preferredWidth: 220
                enabled: currentView.namespaced || currentView.kind === ""
                model: Connection.namespaceChoices
                currentIndex: {
                    Connection.namespaceChoices; // re-evaluated when the namespaces change
                    return Connection.choiceOfNamespace(root.currentNamespace)
                }
                onActivated: index => {
                    root.currentNamespace = Connection.namespaceOfChoice(index)
                    // The box set its own index: bind it again, so that the list may change under it.
                    namespaceBox.currentIndex = Qt.binding(() => {
                        Connection.namespaceChoices;
                        return Connection.choiceOfNamespace(root.currentNamespace)
                    })
                }
            }
            TextField {
                id: filterField
                objectName: "filterField"
                Layout.fillWidth: true
                Layout.maximumWidth: 420
                placeholderText: qsTr("Filter (/): text, label=value, status:Running")
                selectByMouse: true
                text: currentView.model.filterText
                onTextEdited: currentView.model.filterText = text
                Keys.onEscapePressed: {
                    currentView.model.filterText = ""
                    resourceTable.tableView.forceActiveFocus()
                }
                ToolTip.visible: currentView.model.filterError !== ""
                ToolTip.text: currentView.model.filterError
            }
            Item {
                Layout.fillWidth: true
            }
            Label {
                objectName: "healthLabel"
                text: currentView.healthText
                elide: Text.ElideRight
                Layout.maximumWidth: 420
                color: {
                    if (!currentView.health)
                        return root.palette.windowText
                    switch (currentView.health.stateName) {
                    case "live": return "#2f9e44"
                    case "syncing":
                    case "idle": return root.palette.windowText
                    default: return "#d98a00"
                    }
                }
            }
        }
    }

    SplitView {
        anchors.fill: parent

        KindSidebar {
            SplitView.preferredWidth: 240
            SplitView.minimumWidth: 160
            kinds: Connection.kinds
            currentKey: currentView.resolvedKey
            onChosen: resourceKey => root.currentKey = resourceKey
        }

        ResourceTable {
            id: resourceTable
            SplitView.fillWidth: true
            view: currentView
        }
    }

    footer: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            Label {
                objectName: "statusLabel"
                text: Connection.status
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: currentView.kind !== ""
                      ? qsTr("%1 of %2 %3").arg(resourceTable.tableView.rows)
                                          .arg(currentView.health ? currentView.health.objectCount : 0)
                                          .arg(currentView.kind)
                      : ""
            }
        }
    }
}
