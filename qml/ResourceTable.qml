pragma ComponentBehavior: Bound

import QtQuick
import QtQml.Models
import QtQuick.Controls
import Binnacle.Core

// A resource view as a table: sortable headers, columns resized and reordered by dragging (both remembered
// per kind), status colours, selection by row.
Item {
    id: root

    required property ResourceView view
    readonly property alias tableView: table
    // Widths the user dragged, by column title; remembered per kind in the settings.
    property var userWidths: ({})
    // While a header is dragged onto another: the column it would go to; -1 otherwise.
    property int dropColumn: -1
    // The row under the keyboard/mouse cursor, in the view's (sorted, filtered) model; -1 for none.
    readonly property int currentRow: table.selectionModel.currentIndex.row

    // Enter or a double click on a row.
    signal activated(int row)
    // A right click (the row is selected first unless it already is), or the Menu key.
    signal contextMenuRequested()
    // The Delete key.
    signal deleteRequested()

    function selectedRows(): list<int> {
        return table.selectionModel.selectedRows(0).map(index => index.row)
    }
    function selectRow(row: int, modifiers: int) {
        const index = table.model.index(row, 0)
        if (modifiers & Qt.ShiftModifier && table.selectionModel.currentIndex.valid) {
            const from = Math.min(row, table.selectionModel.currentIndex.row)
            const to = Math.max(row, table.selectionModel.currentIndex.row)
            for (let r = from; r <= to; ++r)
                table.selectionModel.select(table.model.index(r, 0), ItemSelectionModel.Select | ItemSelectionModel.Rows)
        } else if (modifiers & Qt.ControlModifier) {
            table.selectionModel.select(index, ItemSelectionModel.Toggle | ItemSelectionModel.Rows)
        } else {
            table.selectionModel.select(index, ItemSelectionModel.ClearAndSelect | ItemSelectionModel.Rows)
        }
        table.selectionModel.setCurrentIndex(index, ItemSelectionModel.NoUpdate)
    }
    // The row at `position` in `item`'s coordinates (where a tap landed); -1 outside the rows.
    function rowAt(item: Item, position: point): int {
        const cellPosition = table.contentItem.mapFromItem(item, position.x, position.y)
        const cellAt = table.cellAtPosition(cellPosition.x, cellPosition.y)
        return cellAt.y >= 0 && cellAt.y < table.rows ? cellAt.y : -1
    }
    function moveCurrent(delta: int) {
        if (table.rows === 0)
            return
        const from = table.selectionModel.currentIndex.valid ? table.selectionModel.currentIndex.row : -1
        const row = Math.max(0, Math.min(table.rows - 1, from + delta))
        selectRow(row, 0)
        table.positionViewAtRow(row, TableView.Contain)
    }
    function loadWidths() {
        root.userWidths = root.view.resolvedKey !== "" ? DashboardSettings.columnWidths(root.view.resolvedKey) : ({})
        table.forceLayout()
    }

    // The header column under x (header content coordinates), among those loaded; -1 for none.
    function headerColumnAt(x: real): int {
        for (let column = header.leftColumn; column <= header.rightColumn; ++column) {
            const item = header.itemAtCell(Qt.point(column, 0))
            if (item && x >= item.x && x < item.x + item.width)
                return column
        }
        return -1
    }
    function moveColumn(from: int, to: int) {
        if (from < 0 || to < 0 || from === to)
            return
        root.view.moveColumn(from, to)
        table.forceLayout() // the widths follow their columns (kept by title)
    }

    function columnWidth(column: int): real {
        const title = String(table.model.headerData(column, Qt.Horizontal) ?? "")
        if (root.userWidths[title] !== undefined)
            return root.userWidths[title]
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
            opacity: moveDrag.active ? 0.6 : 1
            // Where a dragged header would land.
            Rectangle {
                visible: root.dropColumn === headerCell.column && !moveDrag.active
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
                text: String(headerCell.display ?? "").toUpperCase()
                      + (root.view.sortColumn === headerCell.column
                         ? (root.view.sortDescending ? "  ▼" : "  ▲") : "")
            }
            TapHandler {
                onTapped: root.view.sortBy(headerCell.column)
            }
            // Drag a header onto another to move the column there; the order is remembered for the kind.
            DragHandler {
                id: moveDrag
                objectName: "columnMoveHandler"
                target: null
                yAxis.enabled: false
                onTranslationChanged: {
                    if (active)
                        root.dropColumn = root.headerColumnAt(headerCell.x + headerCell.width / 2 + translation.x)
                }
                onActiveChanged: {
                    if (!active) {
                        const to = root.dropColumn
                        root.dropColumn = -1
                        root.moveColumn(headerCell.column, to)
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
                        if (active) {
                            startWidth = headerCell.width
                        } else {
                            const title = String(headerCell.display ?? "")
                            DashboardSettings.setColumnWidth(root.view.resolvedKey, title, root.userWidths[title])
                        }
                    }
                    onTranslationChanged: {
                        if (!active)
                            return
                        const widths = Object.assign({}, root.userWidths)
                        widths[String(headerCell.display ?? "")] = Math.max(40, startWidth + translation.x)
                        root.userWidths = widths
                        table.forceLayout()
                    }
                }
            }
        }
    }

    readonly property string kindKey: root.view.resolvedKey
    onKindKeyChanged: loadWidths()
    Component.onCompleted: loadWidths()

    TableView {
        id: table

        objectName: "resourceTable"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: header.bottom
        anchors.bottom: parent.bottom
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        model: root.view.columns
        columnWidthProvider: column => root.columnWidth(column)
        selectionBehavior: TableView.SelectRows
        selectionModel: ItemSelectionModel {
            model: table.model
        }
        focus: true
        keyNavigationEnabled: false // rows, not cells: handled below
        pointerNavigationEnabled: false // its tap would clear the row selection the handlers below make
        Keys.onUpPressed: root.moveCurrent(-1)
        Keys.onDownPressed: root.moveCurrent(1)
        Keys.onPressed: event => {
            if (event.key === Qt.Key_PageDown) {
                root.moveCurrent(Math.max(1, Math.floor(table.height / 26) - 1))
                event.accepted = true
            } else if (event.key === Qt.Key_PageUp) {
                root.moveCurrent(-Math.max(1, Math.floor(table.height / 26) - 1))
                event.accepted = true
            } else if (event.key === Qt.Key_Home) {
                root.moveCurrent(-table.rows)
                event.accepted = true
            } else if (event.key === Qt.Key_End) {
                root.moveCurrent(table.rows)
                event.accepted = true
            }
        }
        Keys.onDeletePressed: root.deleteRequested()
        Keys.onMenuPressed: root.contextMenuRequested()
        Keys.onReturnPressed: {
            if (root.currentRow >= 0)
                root.activated(root.currentRow)
        }
        Keys.onEnterPressed: {
            if (root.currentRow >= 0)
                root.activated(root.currentRow)
        }
        ScrollBar.vertical: ScrollBar {}
        ScrollBar.horizontal: ScrollBar {}
        onWidthChanged: forceLayout()

        // Clicks are handled once for the table rather than by every cell: Qt 6.4's TableView re-creates
        // (re-binds) every visible cell when rows are inserted or removed, so each object a cell carries is
        // paid for again on every live change of the rows.
        TapHandler {
            id: leftTaps
            acceptedModifiers: Qt.KeyboardModifierMask
            onTapped: (eventPoint, button) => {
                const row = root.rowAt(leftTaps.parent, eventPoint.position)
                if (row < 0)
                    return
                table.forceActiveFocus()
                root.selectRow(row, leftTaps.point.modifiers)
            }
            onDoubleTapped: (eventPoint, button) => {
                const row = root.rowAt(leftTaps.parent, eventPoint.position)
                if (row >= 0)
                    root.activated(row)
            }
        }
        TapHandler {
            id: rightTaps
            acceptedButtons: Qt.RightButton
            onTapped: (eventPoint, button) => {
                const row = root.rowAt(rightTaps.parent, eventPoint.position)
                if (row < 0)
                    return
                table.forceActiveFocus()
                if (!root.selectedRows().includes(row))
                    root.selectRow(row, 0)
                root.contextMenuRequested()
            }
        }

        // Kept light for the same reason: a Rectangle and a plain-text Text, no Control.
        delegate: Rectangle {
            id: cell

            required property int row
            required property int column
            required property var display
            required property bool selected

            readonly property int severity: cell.column === root.view.statusColumn
                                            ? root.view.statusSeverity(cell.display) : ResourceView.Neutral

            implicitHeight: 26
            color: cell.selected ? colors.highlight : (cell.row % 2 ? colors.alternateBase : colors.base)

            Text {
                anchors.fill: parent
                anchors.leftMargin: 8
                anchors.rightMargin: 4
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideRight
                textFormat: Text.PlainText
                text: String(cell.display ?? "")
                font.bold: cell.severity !== ResourceView.Neutral
                color: cell.selected ? colors.highlightedText : Theme.severityColor(cell.severity)
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
