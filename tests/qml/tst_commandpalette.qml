import QtQuick
import QtTest
import Binnacle.Core
import Binnacle.Ui

// The command palette against the simulator: typing narrows the results, Enter chooses the highlighted
// one (a kind, or an object of the current kind), the arrows move the highlight, and a choice closes it.
// TestCase is invisible itself: the components under test live in the visible stage.
Item {
    id: stage
    width: 800
    height: 600

    TestCase {
        id: testCase
        name: "CommandPalette"
        when: windowShown

        Component {
            id: paletteComponent
            CommandPalette {}
        }
        Component {
            id: spyComponent
            SignalSpy {}
        }

        function typeText(text: string) {
            for (const character of text)
                keyClick(character)
        }

        function initTestCase() {
            tryVerify(() => Connection.connected && Connection.kinds.rowCount() > 0, 20000, "discovery is done")
        }

        function openPalette(currentKind: string): var {
            const palette = createTemporaryObject(paletteComponent, stage, { currentKind: currentKind })
            const kinds = createTemporaryObject(spyComponent, testCase, { target: palette, signalName: "kindChosen" })
            const objects = createTemporaryObject(spyComponent, testCase, { target: palette, signalName: "objectChosen" })
            palette.open()
            tryVerify(() => palette.opened)
            const query = findChild(palette, "paletteQuery")
            tryVerify(() => query.activeFocus)
            return { palette: palette, kinds: kinds, objects: objects, results: findChild(palette, "paletteResults") }
        }

        function test_enterChoosesTheBestKind() {
            const p = openPalette("pods")
            typeText("deploy")
            tryVerify(() => p.results.count > 0)
            keyClick(Qt.Key_Return)
            compare(p.kinds.count, 1)
            compare(p.kinds.signalArguments[0][0], "deployments.apps")
            compare(p.objects.count, 0)
            tryVerify(() => !p.palette.opened)
        }

        function test_arrowsMoveTheChoice() {
            const p = openPalette("pods")
            typeText("s")
            tryVerify(() => p.results.count > 1)
            const second = p.results.data(p.results.index(1, 0), CommandPaletteModel.ResourceKeyRole)
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Return)
            compare(p.kinds.count + p.objects.count, 1)
            const chosen = p.kinds.count === 1 ? p.kinds.signalArguments[0][0] : p.objects.signalArguments[0][0]
            compare(chosen, second)
        }

        function test_objectOfTheCurrentKind() {
            const p = openPalette("namespaces")
            typeText("kube-sys")
            tryVerify(() => {
                const index = p.results.index(0, 0)
                return p.results.count > 0
                       && p.results.data(index, CommandPaletteModel.TypeRole) === "object"
                       && p.results.data(index, CommandPaletteModel.NameRole) === "kube-system"
            }, 10000)
            keyClick(Qt.Key_Enter)
            compare(p.objects.count, 1)
            compare(p.objects.signalArguments[0][0], "namespaces")
            compare(p.objects.signalArguments[0][2], "kube-system")
            compare(p.kinds.count, 0)
        }

        function test_typingFilters() {
            const p = openPalette("pods")
            typeText("cronj")
            tryVerify(() => p.results.count > 0)
            compare(p.results.data(p.results.index(0, 0), CommandPaletteModel.ResourceKeyRole), "cronjobs.batch")
            const before = p.results.count
            typeText("obs")
            tryVerify(() => p.results.count <= before)
            compare(p.results.data(p.results.index(0, 0), CommandPaletteModel.ResourceKeyRole), "cronjobs.batch")
        }
    }
}
