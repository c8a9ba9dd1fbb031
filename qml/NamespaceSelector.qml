pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

// The namespace selector: all namespaces, one, or several (ticked); a namespace the user may not list can
// be typed. `selected` is the chosen list, empty for all.
Button {
    id: root

    property var selected: []
    signal chosen(var namespaces)

    function toggle(name: string) {
        const next = root.selected.slice()
        const at = next.indexOf(name)
        if (at >= 0)
            next.splice(at, 1)
        else
            next.push(name)
        next.sort()
        root.chosen(next)
    }

    objectName: "namespaceSelector"
    text: root.selected.length === 0 ? qsTr("All namespaces")
          : root.selected.length === 1 ? root.selected[0]
          : qsTr("%1 namespaces").arg(root.selected.length)
    onClicked: namespacePopup.open()

    Popup {
        id: namespacePopup

        objectName: "namespacePopup"
        y: root.height
        width: 300
        height: Math.min(namespaceList.contentHeight + typed.height + allNamespaces.height + 40, 520)
        padding: 6
        onOpened: typed.forceActiveFocus()

        ColumnLayout {
            anchors.fill: parent
            spacing: 2

            TextField {
                id: typed
                objectName: "typedNamespace"
                Layout.fillWidth: true
                placeholderText: qsTr("Filter, or type a namespace and Enter")
                onAccepted: {
                    const name = typed.text.trim()
                    if (name !== "") {
                        root.chosen([name])
                        namespacePopup.close()
                    }
                }
            }
            ItemDelegate {
                id: allNamespaces
                objectName: "allNamespaces"
                Layout.fillWidth: true
                text: (root.selected.length === 0 ? "● " : "   ") + qsTr("All namespaces")
                onClicked: {
                    root.chosen([])
                    namespacePopup.close()
                }
            }
            ListView {
                id: namespaceList
                objectName: "namespaceList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: Connection.namespaces
                delegate: CheckDelegate {
                    id: namespaceItem

                    required property string modelData

                    // Not `visible` itself: that reads false until the popup is shown, which collapsed the rows.
                    readonly property bool matches: typed.text === "" || namespaceItem.modelData.includes(typed.text)

                    width: ListView.view.width
                    visible: namespaceItem.matches
                    height: namespaceItem.matches ? implicitHeight : 0
                    text: namespaceItem.modelData
                    checked: root.selected.indexOf(namespaceItem.modelData) >= 0
                    // Ticking adds it to the chosen ones; unticking takes it out.
                    onClicked: root.toggle(namespaceItem.modelData)
                }
            }
        }
    }
}
