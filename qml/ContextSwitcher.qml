pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

// The top bar's context switcher: the current context's name; a click lists every kubeconfig context (and
// the embedded demo), the current one marked, and switching reconnects in place.
ToolButton {
    id: root

    readonly property bool popupOpened: contextPopup.opened
    function openPopup() {
        contextPopup.open()
    }

    objectName: "contextSwitcher"
    text: Contexts.currentContext !== "" ? Contexts.currentContext : qsTr("Choose a cluster")
    font.bold: true
    icon.width: 0
    ToolTip.visible: hovered && Connection.serverUrl !== ""
    ToolTip.text: Connection.serverUrl
    ToolTip.delay: 500
    onClicked: contextPopup.open()

    Popup {
        id: contextPopup

        objectName: "contextPopup"
        y: root.height
        width: 420
        height: Math.min(contextList.contentHeight + search.height + 60, 480)
        padding: 6
        onOpened: {
            search.text = ""
            search.forceActiveFocus()
        }

        ColumnLayout {
            anchors.fill: parent
            spacing: 4

            TextField {
                id: search
                Layout.fillWidth: true
                placeholderText: qsTr("Search contexts")
                Keys.onDownPressed: contextList.forceActiveFocus()
                Keys.onReturnPressed: {
                    for (let row = 0; row < contextList.count; ++row) {
                        const item = contextList.itemAtIndex(row)
                        if (item && item.visible) {
                            item.choose()
                            return
                        }
                    }
                }
            }
            ListView {
                id: contextList

                objectName: "contextList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: Contexts
                keyNavigationEnabled: true
                delegate: ItemDelegate {
                    id: contextItem

                    required property int index
                    required property string name
                    required property string cluster
                    required property string user
                    required property string server
                    required property bool isCurrent

                    function choose() {
                        contextPopup.close()
                        Contexts.switchTo(contextItem.name)
                    }

                    // Not `visible` itself: that reads false until the popup is shown, which collapsed the rows.
                    readonly property bool matches: search.text === ""
                                                    || contextItem.name.toLowerCase().includes(search.text.toLowerCase())

                    width: ListView.view.width
                    visible: contextItem.matches
                    height: contextItem.matches ? implicitHeight : 0
                    highlighted: ListView.isCurrentItem
                    contentItem: ColumnLayout {
                        spacing: 0
                        Label {
                            text: (contextItem.isCurrent ? "● " : "   ") + contextItem.name
                            font.bold: contextItem.isCurrent
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            text: "   " + [contextItem.cluster, contextItem.user, contextItem.server]
                                          .filter(part => part !== "").join(" · ")
                            opacity: 0.65
                            font.pixelSize: 11
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                    }
                    onClicked: choose()
                    Keys.onReturnPressed: choose()
                }
            }
            Button {
                text: qsTr("Reload kubeconfig")
                flat: true
                onClicked: Contexts.reload()
            }
        }
    }
}
