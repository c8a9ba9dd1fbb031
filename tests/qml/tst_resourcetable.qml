import QtQuick
import QtTest
import Binnacle.Core
import Binnacle.Ui

// The resource table over the simulator's namespaces: a header click sorts (again: reversed), dragging a
// header onto another moves the column there (remembered for the kind, the width and the status colour
// going along with it).
// TestCase is invisible itself: the components under test live in the visible stage.
Item {
    id: stage
    width: 900
    height: 500

    TestCase {
        id: testCase
        name: "ResourceTable"
        when: windowShown

        Component {
            id: signalSpyComponent
            SignalSpy {}
        }
        Component {
            id: tableComponent
            ResourceTable {
                anchors.fill: parent
                view: ResourceView {
                    connection: Connection
                    resourceKey: "namespaces"
                }
            }
        }

        function init() {
            DashboardSettings.setColumnOrder("namespaces", [])
        }

        function openTable(): var {
            const table = createTemporaryObject(tableComponent, stage)
            tryVerify(() => table.view.ready, 20000, "the namespaces are listed")
            tryVerify(() => headerCell(table, 2) !== null)
            return table
        }
        function headerCell(table: var, column: int): var {
            return findChild(table, "resourceHeader").cellAt(column)
        }
        // The text item of a cell, once its row is shown.
        function cell(table: var, row: int, column: int): var {
            const rowItem = table.tableView.itemAtIndex(row)
            return rowItem ? rowItem.cellAt(column) : null
        }
        function titles(table: var): var {
            const result = []
            for (let column = 0; column < table.tableView.columns; ++column)
                result.push(String(table.tableView.model.headerData(column, Qt.Horizontal)))
            return result
        }
        function names(table: var): var {
            const result = []
            for (let row = 0; row < table.tableView.rows; ++row)
                result.push(table.view.model.data(table.view.model.index(row, 0), ResourceTableModel.NameRole))
            return result
        }

        function test_headerClickSorts() {
            const table = openTable()
            mouseClick(headerCell(table, 0))
            compare(table.view.sortColumn, 0)
            verify(!table.view.sortDescending)
            const ascending = names(table)
            compare(ascending, ascending.slice().sort())
            mouseClick(headerCell(table, 0))
            verify(table.view.sortDescending)
            compare(names(table), ascending.slice().reverse())
        }

        function test_dragHeaderMovesTheColumn() {
            const table = openTable()
            compare(titles(table), ["Name", "Status", "Age"])
            const nameWidth = table.columnWidth(0)
            const source = headerCell(table, 0)
            const target = headerCell(table, 2)
            const distance = target.x + target.width / 2 - (source.x + source.width / 2)
            mouseDrag(source, source.width / 2, source.height / 2, distance, 0)
            tryCompare(table.view.columns, "columnOrder", ["Status", "Age", "Name"])
            compare(titles(table), ["Status", "Age", "Name"])
            tryCompare(headerCell(table, 0), "display", "Status") // the header follows
            compare(headerCell(table, 2).display, "Name")
            compare(DashboardSettings.columnOrder("namespaces"), ["Status", "Age", "Name"])
            verify(table.view.sortColumn === -1, "a drag does not sort")
            // The width went with the column, and the cells and the status colour with the Status column.
            compare(table.columnWidth(2), nameWidth)
            compare(headerCell(table, 2).width, nameWidth)
            compare(table.view.statusColumn, 0)
            tryVerify(() => cell(table, 0, 0) !== null)
            tryCompare(cell(table, 0, 0), "text", "Active")
            compare(cell(table, 0, 0).color, Theme.good)
            compare(cell(table, 0, 2).text, names(table)[0])
        }

        // One tap handler serves the whole table: a click selects the row under it, Ctrl adds a row, Enter then
        // activates the current row, a right click selects it and asks for the menu.
        function test_clicksOnCells() {
            const table = openTable()
            tryVerify(() => table.tableView.rows >= 2 && cell(table, 1, 1) !== null)
            const activated = createTemporaryObject(signalSpyComponent, testCase,
                                                    {target: table, signalName: "activated"})
            const menu = createTemporaryObject(signalSpyComponent, testCase,
                                               {target: table, signalName: "contextMenuRequested"})
            const secondRow = cell(table, 1, 1)
            mouseClick(secondRow)
            compare(table.selectedRows(), [1])
            compare(table.currentRow, 1)
            verify(table.tableView.itemAtIndex(1).selected)
            verify(!table.tableView.itemAtIndex(0).selected)
            mouseClick(cell(table, 0, 0), 5, 5, Qt.LeftButton, Qt.ControlModifier)
            compare(table.selectedRows().sort(), [0, 1])
            // (A double click activates the row too; QTest spaces its synthesized clicks by more than the
            // double-click interval, so it is not reproduced here: Enter is tested in tst_mainwindow.)
            table.tableView.forceActiveFocus()
            keyClick(Qt.Key_Return)
            compare(activated.count, 1)
            compare(activated.signalArguments[0][0], 0) // the current row: the last one clicked
            mouseClick(cell(table, 0, 2), 5, 5, Qt.RightButton)
            compare(menu.count, 1)
            verify(table.selectedRows().includes(0))
        }

        // Sorting moves the rows under their delegates: the selection stays with its row.
        function test_selectionFollowsItsRowWhenSorted() {
            const table = openTable()
            tryVerify(() => table.tableView.rows >= 3 && cell(table, 0, 0) !== null)
            table.selectRow(0, 0)
            const selectedName = names(table)[0]
            mouseClick(headerCell(table, 0)) // by name
            mouseClick(headerCell(table, 0)) // reversed: the first row goes last
            const row = names(table).indexOf(selectedName)
            compare(row, table.tableView.rows - 1)
            compare(table.selectedRows(), [row])
            table.tableView.positionViewAtEnd()
            tryVerify(() => table.tableView.itemAtIndex(row) !== null)
            verify(table.tableView.itemAtIndex(row).selected)
            verify(!table.tableView.itemAtIndex(row - 1).selected)
        }

        // Wider than the window: the rows scroll sideways and the header with them.
        function test_wideTableScrollsSideways() {
            const table = openTable()
            table.anchors.fill = undefined
            table.width = 250
            table.height = 300
            verify(table.contentWidth > table.width)
            compare(table.tableView.contentWidth, table.contentWidth)
            table.tableView.contentX = 100
            compare(findChild(table, "resourceHeader").x, -100)
            tryVerify(() => cell(table, 0, 1) !== null)
            const status = cell(table, 0, 1)
            compare(status.mapToItem(table, 0, 0).x, headerCell(table, 1).mapToItem(table, 0, 0).x + 8)
        }

        // Dragging a header's right edge resizes its column, in the header and the rows, for the kind.
        function test_dragEdgeResizesTheColumn() {
            const table = openTable()
            tryVerify(() => cell(table, 0, 1) !== null)
            const nameWidth = table.columnWidth(0)
            const statusX = cell(table, 0, 1).x
            const handle = findChild(headerCell(table, 0), "columnResizeHandle")
            mouseDrag(handle, handle.width / 2, handle.height / 2, 40, 0)
            tryVerify(() => table.columnWidth(0) > nameWidth)
            const grown = table.columnWidth(0) - nameWidth
            compare(headerCell(table, 0).width, table.columnWidth(0))
            compare(cell(table, 0, 1).x, statusX + grown) // the rows' cells move along
            fuzzyCompare(DashboardSettings.columnWidths("namespaces")["Name"], table.columnWidth(0), 1)
        }

        function test_orderRestoredForTheKind() {
            DashboardSettings.setColumnOrder("namespaces", ["Age", "Name"])
            const table = openTable()
            compare(titles(table), ["Age", "Name", "Status"])
        }
    }
}
