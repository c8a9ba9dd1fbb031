import QtQuick
import QtTest
import Binnacle.Core
import Binnacle.Ui

// The namespace selector against the simulator's namespaces: all, one, several ticked, or one typed that
// the user may not list; the choice comes out as `chosen`.
// TestCase is invisible itself: the components under test live in the visible stage.
Item {
    id: stage
    width: 800
    height: 600

    TestCase {
        id: testCase
        name: "NamespaceSelector"
        when: windowShown

        Component {
            id: selectorComponent
            NamespaceSelector {}
        }
        Component {
            id: spyComponent
            SignalSpy {
                signalName: "chosen"
            }
        }

        function typeText(text: string) {
            for (const character of text)
                keyClick(character)
        }

        function initTestCase() {
            tryVerify(() => Connection.namespaces.indexOf("kube-system") >= 0, 20000,
                      "the simulator's namespaces are listed")
        }

        function openSelector(selected: var): var {
            const selector = createTemporaryObject(selectorComponent, stage, { selected: selected })
            const spy = createTemporaryObject(spyComponent, testCase, { target: selector })
            mouseClick(selector)
            const popup = findChild(selector, "namespacePopup")
            tryVerify(() => popup.opened)
            return { selector: selector, spy: spy, popup: popup, list: findChild(selector, "namespaceList") }
        }
        function namespaceItem(list: var, name: string): var {
            const row = Connection.namespaces.indexOf(name)
            list.forceLayout()
            list.positionViewAtIndex(row, ListView.Contain)
            tryVerify(() => list.itemAtIndex(row) !== null, 5000, name + " has its row")
            return list.itemAtIndex(row)
        }

        function test_label_data() {
            return [
                { tag: "all", selected: [], text: "All namespaces" },
                { tag: "one", selected: ["default"], text: "default" },
                { tag: "several", selected: ["default", "kube-system"], text: "2 namespaces" }
            ]
        }
        function test_label(data) {
            const selector = createTemporaryObject(selectorComponent, stage, { selected: data.selected })
            compare(selector.text, data.text)
        }

        function test_tick_data() {
            return [
                { tag: "first", selected: [], click: "kube-system", chosen: ["kube-system"] },
                { tag: "add, sorted", selected: ["kube-system"], click: "default", chosen: ["default", "kube-system"] },
                { tag: "remove", selected: ["default", "kube-system"], click: "default", chosen: ["kube-system"] }
            ]
        }
        function test_tick(data) {
            const s = openSelector(data.selected)
            const item = namespaceItem(s.list, data.click)
            verify(item)
            compare(item.checked, data.selected.indexOf(data.click) >= 0)
            mouseClick(item)
            compare(s.spy.count, 1)
            compare(s.spy.signalArguments[0][0], data.chosen)
        }

        function test_allNamespaces() {
            const s = openSelector(["default"])
            mouseClick(findChild(s.selector, "allNamespaces"))
            compare(s.spy.count, 1)
            compare(s.spy.signalArguments[0][0], [])
            tryVerify(() => !s.popup.opened)
        }

        function test_typedNamespace() {
            const s = openSelector([])
            const typed = findChild(s.selector, "typedNamespace")
            tryVerify(() => typed.activeFocus)
            typeText("team-a")
            // The list shows only what matches what is typed.
            const listed = Connection.namespaces.filter(name => {
                const item = namespaceItem(s.list, name)
                return item && item.visible
            })
            compare(listed, [])
            keyClick(Qt.Key_Return)
            compare(s.spy.count, 1)
            compare(s.spy.signalArguments[0][0], ["team-a"])
            tryVerify(() => !s.popup.opened)
        }

        function test_typingFilters() {
            const s = openSelector([])
            tryVerify(() => findChild(s.selector, "typedNamespace").activeFocus)
            typeText("kube-")
            verify(namespaceItem(s.list, "kube-system").visible)
            verify(!namespaceItem(s.list, "default").visible)
            compare(s.spy.count, 0)
        }
    }
}
