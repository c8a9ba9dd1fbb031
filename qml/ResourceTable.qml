pragma ComponentBehavior: Bound

import QtQuick
import QtQml.Models
import QtQuick.Controls
import Binnacle.Core

// A resource view as a table: sortable headers, status colours, selection by row.
Item {
    id: root

    required property ResourceView view
    readonly property alias tableView: table

    function columnWidth(column: int): real {
        const title = String(table.model.headerData(column, Qt.Horizontal) ?? "")
        if (title === "Name")
            return Math.max(200, root.width * 0.28)
        if (title === "Namespace")
            return 150
        if (title === "Status")
            return 170
        return Math.max(80, title.length * 8 + 36)
    }

    SystemPalette {
        id: colors
        colorGroup: SystemPalette.Active
    }

    HorizontalHeaderView {
        id: header
        objectName: "resourceHeader"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        syncView: table
        clip: true
        delegate: Rectangle {
            id: headerCell

            required property int column
            required property var display

            implicitHeight: 28
            implicitWidth: 80
            color: colors.button
            Rectangle {
                anchors.bottom: parent.bottom
                width: parent.width
                height: 1
                color: colors.mid
            }
            Label {
                anchors.fill: parent
                anchors.leftMargin: 8
                anchors.rightMargin: 4
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideRight
                font.bold: true
                text: String(headerCell.display ?? "").toUpperCase()
                      + (root.view.sortColumn === headerCell.column
                         ? (root.view.sortDescending ? "  ▼" : "  ▲") : "")
            }
            TapHandler {
                onTapped: root.view.sortBy(headerCell.column)
            }
        }
    }

    TableView {
        id: table

        objectName: "resourceTable"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: header.bottom
        anchors.bottom: parent.bottom
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        model: root.view.model
        columnWidthProvider: column => root.columnWidth(column)
        selectionBehavior: TableView.SelectRows
        selectionModel: ItemSelectionModel {
            model: table.model
        }
        ScrollBar.vertical: ScrollBar {}
        ScrollBar.horizontal: ScrollBar {}
        onWidthChanged: forceLayout()

        delegate: Rectangle {
            id: cell

            required property int row
            required property int column
            required property var display
            required property bool selected

            readonly property bool isStatus: cell.column === root.view.table.statusColumn
            readonly property int severity: cell.isStatus ? root.view.statusSeverity(cell.display) : ResourceView.Neutral

            implicitHeight: 26
            color: cell.selected ? colors.highlight : (cell.row % 2 ? colors.alternateBase : colors.base)

            Label {
                anchors.fill: parent
                anchors.leftMargin: 8
                anchors.rightMargin: 4
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideRight
                text: String(cell.display ?? "")
                font.bold: cell.severity !== ResourceView.Neutral
                color: {
                    if (cell.selected)
                        return colors.highlightedText
                    switch (cell.severity) {
                    case ResourceView.Good: return "#2f9e44"
                    case ResourceView.Warning: return "#d98a00"
                    case ResourceView.Bad: return "#e03131"
                    default: return colors.text
                    }
                }
            }
            TapHandler {
                onTapped: {
                    table.selectionModel.select(table.model.index(cell.row, 0),
                                                ItemSelectionModel.ClearAndSelect | ItemSelectionModel.Rows)
                    table.selectionModel.setCurrentIndex(table.model.index(cell.row, cell.column),
                                                         ItemSelectionModel.NoUpdate)
                }
            }
        }
    }

    Label {
        anchors.centerIn: parent
        visible: table.rows === 0
        opacity: 0.7
        text: {
            if (!root.view.health || !root.view.health.synced)
                return root.view.healthText
            if (root.view.model.filterText !== "")
                return qsTr("Nothing matches “%1”").arg(root.view.model.filterText)
            return qsTr("No %1 here").arg(root.view.kind)
        }
    }
}
