pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Binnacle.Core

// The header of a ResourceTable: a title per column in the table's order and widths, sorting on a click
// (again: reversed), a column moved by dragging its title onto another (a marker shows where it goes), and
// resized by dragging its right edge (remembered for the kind).
Item {
    id: header

    required property ResourceView view
    // The table's columns: titles in display order, their widths and x offsets.
    required property var titles
    required property var widths
    required property var offsets
    // While a header is dragged onto another: the column it would go to; -1 otherwise.
    property int dropColumn: -1

    // A header dropped onto another's place.
    signal moveRequested(int from, int to)
    // A column's right edge dragged to `width`; `finished` once the drag ends (to remember it).
    signal resizeRequested(string title, real width, bool finished)

    // The column under x (header coordinates); -1 for none.
    function columnAt(x: real): int {
        for (let column = 0; column < header.titles.length; ++column) {
            if (x >= header.offsets[column] && x < header.offsets[column] + header.widths[column])
                return column
        }
        return -1
    }

    // The header cell of a column (as shown), or null.
    function cellAt(column: int): Item {
        return headerCells.itemAt(column)
    }

    SystemPalette {
        id: colors
        colorGroup: SystemPalette.Active
    }

    Repeater {
        id: headerCells
        model: header.titles.length
        delegate: Rectangle {
            id: headerCell

            required property int index
            readonly property int column: index
            readonly property string display: header.titles[index] ?? ""

            x: header.offsets[index] ?? 0
            width: header.widths[index] ?? 0
            height: header.height
            color: colors.button
            opacity: moveDrag.active ? 0.6 : 1
            // Where a dragged header would land.
            Rectangle {
                visible: header.dropColumn === headerCell.column && !moveDrag.active
                anchors.left: parent.left
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: 3
                color: colors.highlight
            }
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
                text: headerCell.display.toUpperCase()
                      + (header.view.sortColumn === headerCell.column
                         ? (header.view.sortDescending ? "  ▼" : "  ▲") : "")
            }
            TapHandler {
                onTapped: header.view.sortBy(headerCell.column)
            }
            // Drag a header onto another to move the column there; the order is remembered for the kind.
            DragHandler {
                id: moveDrag
                objectName: "columnMoveHandler"
                target: null
                yAxis.enabled: false
                onTranslationChanged: {
                    if (active) {
                        const centre = headerCell.x + headerCell.width / 2 + translation.x
                        header.dropColumn = header.columnAt(centre)
                    }
                }
                onActiveChanged: {
                    if (!active) {
                        const to = header.dropColumn
                        header.dropColumn = -1
                        header.moveRequested(headerCell.column, to)
                    }
                }
            }
            // Drag the right edge to resize the column; the width is remembered for the kind.
            Rectangle {
                objectName: "columnResizeHandle"
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: 6
                color: resizeDrag.active ? colors.highlight : "transparent"
                HoverHandler {
                    cursorShape: Qt.SplitHCursor
                }
                DragHandler {
                    id: resizeDrag
                    target: null
                    xAxis.enabled: true
                    yAxis.enabled: false
                    property real startWidth: 0
                    onActiveChanged: {
                        if (active)
                            startWidth = headerCell.width
                        else
                            header.resizeRequested(headerCell.display, headerCell.width, true)
                    }
                    onTranslationChanged: {
                        if (active)
                            header.resizeRequested(headerCell.display, Math.max(40, startWidth + translation.x), false)
                    }
                }
            }
        }
    }
}
