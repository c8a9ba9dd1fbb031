pragma ComponentBehavior: Bound

import QtQuick
import QtQml.Models
import QtQuick.Controls
import Binnacle.Core

// A resource view as a table: sortable headers, columns resized and reordered by dragging (both remembered
// per kind), status colours, selection by row.
//
// The rows are a ListView's delegates, each laying out its own cells, rather than a TableView: Qt 6.4's
// TableView releases and re-binds every visible cell whenever a row is inserted or removed anywhere in the
// model, tens of milliseconds of the GUI thread per live change on a big list. A ListView creates or
// releases only the rows that come or go and moves the others; a changed row re-evaluates the text
// bindings of its cells (read from the model's `cells` role, one list per row) without recreating items.
Item {
    id: root

    required property ResourceView view
    // The list of rows (objectName "resourceTable"): its `model`, `rows`, `columns` and `selectionModel`.
    readonly property alias tableView: table
    // Widths the user dragged, by column title; remembered per kind in the settings.
    property var userWidths: ({})
    // While a header is dragged onto another: the column it would go to; -1 otherwise.
    property alias dropColumn: header.dropColumn
    // The row under the keyboard/mouse cursor, in the view's (sorted, filtered) model; -1 for none.
    readonly property int currentRow: table.selectionModel.currentIndex.row

    // Column titles in display order, and the geometry every row and the header share.
    property var columnTitles: []
    readonly property int columnCount: columnTitles.length
    readonly property var columnWidths: columnTitles.map((title, column) => root.columnWidth(column))
    readonly property var columnOffsets: {
        let x = 0
        return columnWidths.map(width => {
            const offset = x
            x += width
            return offset
        })
    }
    readonly property real contentWidth: columnWidths.reduce((sum, width) => sum + width, 0)
    // Bumped when the selection, or the rows it refers to, move: the rows' `selected` re-reads it.
    property int selectionRevision: 0

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
        const contentPosition = table.contentItem.mapFromItem(item, position.x, position.y)
        return table.indexAt(contentPosition.x, contentPosition.y)
    }
    function moveCurrent(delta: int) {
        if (table.count === 0)
            return
        const from = table.selectionModel.currentIndex.valid ? table.selectionModel.currentIndex.row : -1
        const row = Math.max(0, Math.min(table.count - 1, from + delta))
        selectRow(row, 0)
        table.positionViewAtIndex(row, ListView.Contain)
    }
    function loadWidths() {
        root.userWidths = root.view.resolvedKey !== "" ? DashboardSettings.columnWidths(root.view.resolvedKey) : ({})
    }
    function refreshColumns() {
        const model = root.view.columns
        const titles = []
        for (let column = 0; column < model.columnCount(); ++column)
            titles.push(String(model.headerData(column, Qt.Horizontal) ?? ""))
        root.columnTitles = titles
    }

    // The header column under x (header coordinates); -1 for none.
    function headerColumnAt(x: real): int {
        return header.columnAt(x)
    }
    function moveColumn(from: int, to: int) {
        if (from < 0 || to < 0 || from === to)
            return
        root.view.moveColumn(from, to) // the widths follow their columns (kept by title)
    }

    function columnWidth(column: int): real {
        const title = root.columnTitles[column] ?? ""
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

    readonly property string kindKey: root.view.resolvedKey
    onKindKeyChanged: loadWidths()
    Component.onCompleted: {
        loadWidths()
        refreshColumns()
    }
    Connections {
        target: root.view.columns
        function onModelReset() { root.refreshColumns() }
        function onColumnsMoved() { root.refreshColumns() }
        function onColumnsInserted() { root.refreshColumns() }
        function onColumnsRemoved() { root.refreshColumns() }
        function onHeaderDataChanged() { root.refreshColumns() }
        // Sorting moves rows under their delegates: the selection (kept by persistent index) moves with them.
        function onLayoutChanged() { ++root.selectionRevision }
    }
    Connections {
        target: table.selectionModel
        function onSelectionChanged() { ++root.selectionRevision }
    }

    Rectangle {
        id: headerArea
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: 28
        clip: true
        color: colors.button

        ResourceTableHeader {
            id: header
            objectName: "resourceHeader"
            view: root.view
            titles: root.columnTitles
            widths: root.columnWidths
            offsets: root.columnOffsets
            x: table.originX - table.contentX // scrolls sideways with the rows
            width: Math.max(root.contentWidth, headerArea.width)
            height: parent.height
            onMoveRequested: (from, to) => root.moveColumn(from, to)
            onResizeRequested: (title, width, finished) => {
                if (finished) {
                    DashboardSettings.setColumnWidth(root.view.resolvedKey, title, width)
                } else {
                    const widths = Object.assign({}, root.userWidths)
                    widths[title] = width
                    root.userWidths = widths
                }
            }
        }
    }

    ListView {
        id: table

        objectName: "resourceTable"
        // As TableView's, for the window and its tests.
        readonly property int rows: count
        readonly property int columns: root.columnCount
        property ItemSelectionModel selectionModel: ItemSelectionModel {
            model: table.model
        }

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: headerArea.bottom
        anchors.bottom: parent.bottom
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        contentWidth: root.contentWidth
        flickableDirection: Flickable.AutoFlickDirection
        model: root.view.columns
        reuseItems: true
        focus: true
        keyNavigationEnabled: false // rows by the selection model, below
        Keys.onUpPressed: root.moveCurrent(-1)
        Keys.onDownPressed: root.moveCurrent(1)
        Keys.onPressed: event => {
            const page = Math.max(1, Math.floor(table.height / 26) - 1)
            if (event.key === Qt.Key_PageDown) {
                root.moveCurrent(page)
                event.accepted = true
            } else if (event.key === Qt.Key_PageUp) {
                root.moveCurrent(-page)
                event.accepted = true
            } else if (event.key === Qt.Key_Home) {
                root.moveCurrent(-table.count)
                event.accepted = true
            } else if (event.key === Qt.Key_End) {
                root.moveCurrent(table.count)
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

        // Clicks are handled once for the table rather than by every row, which keeps rows light to create.
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

        // One row: a Rectangle and a plain-text Text per column, no Control.
        delegate: Rectangle {
            id: rowItem

            required property int index
            required property var cells
            required property string status

            readonly property bool selected: root.selectionRevision >= 0
                                             && table.selectionModel.isRowSelected(rowItem.index)
            readonly property int severity: root.view.statusColumn >= 0
                                            ? root.view.statusSeverity(rowItem.status) : ResourceView.Neutral

            // The cell of a column (as shown), or null.
            function cellAt(column: int): Item {
                return cellTexts.itemAt(column)
            }

            width: Math.max(root.contentWidth, table.width)
            height: 26
            color: rowItem.selected ? colors.highlight : (rowItem.index % 2 ? colors.alternateBase : colors.base)

            Repeater {
                id: cellTexts
                model: root.columnCount
                delegate: Text {
                    required property int index
                    readonly property bool isStatus: index === root.view.statusColumn

                    x: (root.columnOffsets[index] ?? 0) + 8
                    width: (root.columnWidths[index] ?? 0) - 12
                    height: rowItem.height
                    verticalAlignment: Text.AlignVCenter
                    elide: Text.ElideRight
                    textFormat: Text.PlainText
                    text: rowItem.cells[index] ?? ""
                    font.bold: isStatus && rowItem.severity !== ResourceView.Neutral
                    color: rowItem.selected ? colors.highlightedText
                                            : (isStatus ? Theme.severityColor(rowItem.severity) : colors.text)
                }
            }
        }
    }

    Label {
        anchors.centerIn: parent
        visible: table.count === 0
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
