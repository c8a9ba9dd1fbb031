pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

// The active port forwards: where each listens, what it leads to, the pod in use, bytes moved; stop.
Popup {
    id: root

    required property PortForwards portForwards

    objectName: "forwardsPopup"
    width: 620
    height: Math.min(400, forwardList.contentHeight + 60)
    padding: 8

    ColumnLayout {
        anchors.fill: parent
        Label {
            text: forwardList.count === 0 ? qsTr("No port forwards") : qsTr("Port forwards")
            font.bold: true
        }
        ListView {
            id: forwardList
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.portForwards.forwards
            delegate: RowLayout {
                id: forward
                required property int index
                required property string localAddress
                required property string target
                required property string pod
                required property var bytesIn
                required property var bytesOut
                required property string state
                required property string error
                width: ListView.view.width
                Label {
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                    text: forward.localAddress + " → " + forward.target + (forward.pod !== "" ? " (" + forward.pod + ")" : "")
                          + "  ·  ↓ " + forward.bytesIn + " B  ↑ " + forward.bytesOut + " B  ·  " + forward.state
                          + (forward.error !== "" ? "  ·  " + forward.error : "")
                }
                Button {
                    text: qsTr("Stop")
                    onClicked: root.portForwards.stop(forward.index)
                }
            }
        }
    }
}
