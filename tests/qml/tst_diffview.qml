import QtQuick
import QtTest
import Binnacle.Ui

// The diff: one row per hunk header and line, removed lines on red, added on green, the text readable.
// TestCase is invisible itself: the components under test live in the visible stage.
Item {
    id: stage
    width: 600
    height: 400

    TestCase {
        id: testCase
        name: "DiffView"
        when: windowShown

        Component {
            id: diffComponent
            DiffView {
                width: 500
                height: 300
            }
        }

        readonly property var hunks: [{
            header: "@@ -3,3 +3,3 @@",
            lines: [
                { kind: " ", text: "metadata:", oldLine: 3, newLine: 3 },
                { kind: "-", text: "  replicas: 2", oldLine: 4, newLine: 0 },
                { kind: "+", text: "  replicas: 5", oldLine: 0, newLine: 4 }
            ]
        }, {
            header: "@@ -9,1 +9,2 @@",
            lines: [{ kind: "+", text: "  paused: true", oldLine: 0, newLine: 10 }]
        }]

        function luminance(c: color): real {
            return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b
        }
        function rowAt(diff: var, row: int): var {
            diff.positionViewAtIndex(row, ListView.Contain)
            return diff.itemAtIndex(row)
        }

        function test_rows() {
            const diff = createTemporaryObject(diffComponent, stage, { hunks: testCase.hunks })
            compare(diff.count, 6)
            compare(findChild(rowAt(diff, 0), "diffLineText").text, "@@ -3,3 +3,3 @@")
            compare(findChild(rowAt(diff, 1), "diffLineText").text, "  metadata:")
            compare(findChild(rowAt(diff, 2), "diffLineText").text, "-   replicas: 2")
            compare(findChild(rowAt(diff, 3), "diffLineText").text, "+   replicas: 5")
            compare(findChild(rowAt(diff, 4), "diffLineText").text, "@@ -9,1 +9,2 @@")
        }

        function test_colours() {
            const diff = createTemporaryObject(diffComponent, stage, { hunks: testCase.hunks })
            const context = rowAt(diff, 1)
            const removed = rowAt(diff, 2)
            const added = rowAt(diff, 3)
            compare(context.color, Qt.rgba(0, 0, 0, 0))
            verify(removed.color.r > removed.color.g, "removed lines are reddish: " + removed.color)
            verify(added.color.g > added.color.r, "added lines are greenish: " + added.color)
            for (const row of [removed, added]) {
                const text = findChild(row, "diffLineText")
                verify(Math.abs(luminance(text.color) - luminance(row.color)) > 0.4,
                       "text " + text.color + " on " + row.color)
            }
        }

        function test_empty() {
            const diff = createTemporaryObject(diffComponent, stage)
            compare(diff.count, 0)
            diff.hunks = testCase.hunks.slice(1)
            compare(diff.count, 2)
        }
    }
}
