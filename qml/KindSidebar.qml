pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

// The kinds the cluster serves, in sections, with live counts; a click chooses the kind to show.
// Section headers are drawn by the first delegate of each section: Qt 6.4's ListView cannot create a
// section.delegate in a document with `pragma ComponentBehavior: Bound` ("Component is not ready").
ListView {
    id: root

    required property KindsModel kinds
    required property string currentKey
    signal chosen(string resourceKey)

    objectName: "kindList"
    clip: true
    model: root.kinds
    currentIndex: root.count > 0 ? root.kinds.rowOf(root.currentKey) : -1
    highlightMoveDuration: 0
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {}
    section.property: "section"
    section.criteria: ViewSection.FullString

    delegate: Column {
        id: entry

        required property int index
        required property string kind
        required property string resourceKey
        required property var count
        required property string countState
        required property string section

        width: ListView.view.width

        Label {
            visible: entry.ListView.section !== entry.ListView.previousSection
            width: parent.width
            topPadding: 10
            leftPadding: 10
            bottomPadding: 2
            text: entry.section
            font.bold: true
            font.pixelSize: 11
            opacity: 0.7
            elide: Text.ElideRight
        }
        ItemDelegate {
            width: parent.width
            height: 28
            leftPadding: 18
            highlighted: entry.ListView.isCurrentItem
            onClicked: root.chosen(entry.resourceKey)
            contentItem: RowLayout {
                spacing: 6
                Label {
                    Layout.fillWidth: true
                    text: entry.kind
                    elide: Text.ElideRight
                }
                Label {
                    text: entry.count >= 0 ? entry.count : ""
                    opacity: 0.7
                }
            }
            ToolTip.visible: hovered && entry.countState !== "" && entry.countState !== "live"
            ToolTip.text: entry.countState
            ToolTip.delay: 600
        }
    }
}
