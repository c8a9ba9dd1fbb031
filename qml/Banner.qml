import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A non-blocking error or warning across the top of the window, with the detail one click away. Hidden when
// there is no message; the user may dismiss a message until it changes.
Rectangle {
    id: root

    property string message: ""
    property string detail: ""
    property string dismissed: ""
    property bool expanded: false

    objectName: "banner"
    visible: root.message !== "" && root.message !== root.dismissed
    implicitHeight: visible ? column.implicitHeight + 12 : 0
    color: Theme.bannerBackground
    border.color: Theme.bannerBorder
    onMessageChanged: root.expanded = false

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 6
        RowLayout {
            Layout.fillWidth: true
            Label {
                objectName: "bannerText"
                Layout.fillWidth: true
                text: root.message.split("\n")[0]
                color: Theme.bannerText
                elide: Text.ElideRight
            }
            Button {
                objectName: "bannerDetailsButton"
                visible: root.detail !== "" && root.detail !== root.message || root.message.includes("\n")
                text: root.expanded ? qsTr("Less") : qsTr("Details")
                flat: true
                onClicked: root.expanded = !root.expanded
            }
            ToolButton {
                objectName: "bannerDismissButton"
                text: "✕"
                onClicked: root.dismissed = root.message
            }
        }
        Label {
            objectName: "bannerDetail"
            visible: root.expanded
            Layout.fillWidth: true
            text: root.message.includes("\n") ? root.message : root.detail
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.bannerText
        }
    }
}
