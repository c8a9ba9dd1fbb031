pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

ApplicationWindow {
    id: root

    width: 1100
    height: 700
    visible: true
    title: qsTr("Binnacle — %1").arg(Overview.serverUrl)

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.margins: 6
            Label {
                text: qsTr("Cluster: %1").arg(Overview.serverUrl)
                font.bold: true
            }
            Item { Layout.fillWidth: true }
            Label {
                objectName: "statusLabel"
                text: Overview.status
            }
        }
    }

    SplitView {
        anchors.fill: parent

        Pane {
            SplitView.preferredWidth: 280
            ColumnLayout {
                anchors.fill: parent
                Label {
                    text: qsTr("Namespaces (%1)").arg(Overview.namespaces.length)
                    font.bold: true
                }
                ListView {
                    objectName: "namespaceList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: Overview.namespaces
                    delegate: ItemDelegate {
                        required property string modelData
                        width: ListView.view.width
                        text: modelData
                    }
                }
            }
        }

        Pane {
            ColumnLayout {
                anchors.fill: parent
                Label {
                    text: qsTr("Kinds (%1)").arg(Overview.kinds.length)
                    font.bold: true
                }
                ListView {
                    objectName: "kindList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: Overview.kinds
                    delegate: ItemDelegate {
                        required property var modelData
                        width: ListView.view.width
                        text: modelData.kind + "  ·  " + modelData.resource + "  ·  " + modelData.group
                              + (modelData.namespaced ? "" : qsTr("  (cluster-scoped)"))
                    }
                }
            }
        }
    }
}
