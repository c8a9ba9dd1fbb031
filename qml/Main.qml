pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

ApplicationWindow {
    id: root

    // What the window shows: a kind (any spelling the connection resolves) in namespaces (none = all).
    property string currentKey: Connection.initialView !== "" ? Connection.initialView : "pods"
    property var currentNamespaces: []
    // One namespace is watched alone; several are watched cluster-wide and filtered.
    readonly property string currentNamespace: currentNamespaces.length === 1 ? currentNamespaces[0] : ""
    // The object in the details panel ("" when closed), and its tab.
    property string detailsName: ""
    property string detailsNamespace: ""
    property string detailsResource: ""
    // For --select/--panel: chosen once the rows are there.
    property string initialSelection: ""
    property string initialPanel: ""
    // For --edit KEY=VALUE: an edit of the selected object's YAML, previewed (its diff on screen).
    property string initialEdit: ""
    // For --show contexts|palette: a popup open.
    property string initialPopup: ""
    // What binnacle --screenshot waits for.
    readonly property bool screenshotReady: currentView.ready && root.initialSelection === ""
                                            && (root.detailsName === "" || detailsPanel.object.exists)
                                            && (root.initialEdit === "" || detailsPanel.yamlEditor.state === "previewed")
                                            && (root.initialPopup !== "contexts" || contextSwitcher.popupOpened)

    function openDetails(resource: string, namespaceName: string, name: string) {
        root.detailsResource = resource
        root.detailsNamespace = namespaceName
        root.detailsName = name
    }
    function closeDetails() {
        root.detailsName = ""
        resourceTable.tableView.forceActiveFocus()
    }
    function openRow(row: int) {
        const model = currentView.model
        const index = model.index(row, 0)
        root.openDetails(currentView.resolvedKey, model.data(index, ResourceTableModel.NamespaceRole),
                         model.data(index, ResourceTableModel.NameRole))
    }
    function setNamespaces(namespaces: var) {
        root.currentNamespaces = namespaces
        DashboardSettings.setNamespaceFor(Contexts.currentContext, namespaces.join(","))
    }
    // Each context remembers its namespaces and kind.
    function restoreContextState() {
        const context = Connection.contextName
        if (context === "")
            return
        const saved = DashboardSettings.namespaceFor(context, "")
        root.currentNamespaces = saved === "" ? [] : saved.split(",")
        if (!root.explicitView)
            root.currentKey = DashboardSettings.viewFor(context, root.currentKey)
        root.explicitView = false
        root.detailsName = ""
        DashboardSettings.lastContext = context
    }
    // The first session keeps a kind given on the command line.
    property bool explicitView: Connection.initialView !== ""
    function applyInitialSelection() {
        if (root.initialSelection === "" || !currentView.ready)
            return
        const parts = root.initialSelection.split("/")
        const name = parts[parts.length - 1]
        const namespaceName = parts.length > 1 ? parts[0] : ""
        root.openDetails(currentView.resolvedKey, namespaceName, name)
        const tabs = { "overview": 0, "yaml": 1, "logs": 2, "shell": 3, "events": 4, "related": 5 }
        if (tabs[root.initialPanel] !== undefined)
            detailsPanel.currentTab = tabs[root.initialPanel]
        root.initialSelection = ""
        if (root.initialEdit !== "") {
            const at = root.initialEdit.indexOf("=")
            // Once the object's YAML has loaded.
            editTimer.key = root.initialEdit.substring(0, at)
            editTimer.value = root.initialEdit.substring(at + 1)
            editTimer.start()
        }
    }

    width: 1280
    height: 800
    visible: true
    title: Connection.contextName !== "" ? qsTr("Binnacle — %1").arg(Connection.contextName) : qsTr("Binnacle")

    Component.onCompleted: {
        const geometry = DashboardSettings.windowGeometry
        if (geometry.width > 200 && geometry.height > 200) {
            root.x = geometry.x
            root.y = geometry.y
            root.width = geometry.width
            root.height = geometry.height
        }
        restoreContextState()
    }
    // The controls follow the application palette (the desktop's, or binnacle --dark), which the Quick
    // Controls theme does not pick up by itself.
    palette.window: Theme.palette.window
    palette.windowText: Theme.palette.windowText
    palette.base: Theme.palette.base
    palette.alternateBase: Theme.palette.alternateBase
    palette.text: Theme.palette.text
    palette.button: Theme.palette.button
    palette.buttonText: Theme.palette.buttonText
    palette.light: Theme.palette.light
    palette.midlight: Theme.palette.midlight
    palette.mid: Theme.palette.mid
    palette.dark: Theme.palette.dark
    palette.shadow: Theme.palette.shadow
    palette.highlight: Theme.palette.highlight
    palette.highlightedText: Theme.palette.highlightedText
    palette.placeholderText: Theme.palette.placeholderText
    palette.disabled.windowText: Theme.disabledPalette.windowText
    palette.disabled.text: Theme.disabledPalette.text
    palette.disabled.buttonText: Theme.disabledPalette.buttonText
    onClosing: DashboardSettings.windowGeometry = Qt.rect(root.x, root.y, root.width, root.height)
    onCurrentKeyChanged: DashboardSettings.setViewFor(Connection.contextName, root.currentKey)

    Connections {
        target: Connection
        function onSessionChanged() { root.restoreContextState() }
    }
    Connections {
        target: currentView
        function onReadyChanged() {
            root.applyInitialSelection()
            if (root.initialPopup === "contexts")
                contextSwitcher.openPopup()
            else if (root.initialPopup === "palette")
                palette.open()
        }
    }
    Timer {
        id: editTimer
        property string key
        property string value
        interval: 200
        repeat: true
        onTriggered: {
            if (detailsPanel.yamlEditor.state === "editing") {
                stop()
                detailsPanel.editAndPreview(key, value)
            }
        }
    }

    // The selected rows as {namespace, name}, for the actions.
    property var selectedObjects: []
    function updateSelection() {
        const model = currentView.model
        root.selectedObjects = resourceTable.selectedRows().map(row => {
            const index = model.index(row, 0)
            return { "namespace": model.data(index, ResourceTableModel.NamespaceRole), "name": model.data(index, ResourceTableModel.NameRole) }
        })
    }
    Connections {
        target: resourceTable.tableView.selectionModel
        function onSelectionChanged() { root.updateSelection() }
    }
    ResourceActions {
        id: objectActions
        objectName: "objectActions"
        connection: Connection
        kind: currentView.resolvedKey
        objects: root.selectedObjects
        onFinished: (id, ok, message) => actionResult.text = message
    }
    function handleViewAction(id: string) {
        if (root.selectedObjects.length === 0)
            return
        const first = root.selectedObjects[0]
        root.openDetails(currentView.resolvedKey, first.namespace, first.name)
        const tabs = { "viewYaml": 1, "edit": 1, "logs": 2, "shell": 3 }
        if (tabs[id] !== undefined)
            detailsPanel.currentTab = tabs[id]
    }
    function askFor(id: string) {
        actionDialog.actionId = id
        actionDialog.objectCount = root.selectedObjects.length
        actionDialog.firstName = root.selectedObjects.length > 0 ? root.selectedObjects[0].name : ""
        actionDialog.open()
    }

    ResourceView {
        id: currentView
        objectName: "currentView"
        connection: Connection
        resourceKey: root.currentKey
        namespaceName: root.currentNamespace
    }
    Binding {
        target: currentView.model
        property: "namespaces"
        value: root.currentNamespaces.length > 1 ? root.currentNamespaces : []
    }

    // The sidebar's counts follow the namespace chosen.
    Binding {
        target: Connection.kinds
        property: "namespaceName"
        value: root.currentNamespace
    }

    Shortcut {
        sequence: "/"
        onActivated: filterField.forceActiveFocus()
    }
    Shortcut {
        sequence: "Ctrl+K"
        onActivated: palette.open()
    }
    Shortcut {
        sequence: "Esc"
        enabled: root.detailsName !== ""
        onActivated: root.closeDetails()
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            spacing: 10

            ContextSwitcher {
                id: contextSwitcher
            }
            NamespaceSelector {
                enabled: currentView.namespaced || currentView.kind === ""
                selected: root.currentNamespaces
                onChosen: namespaces => root.setNamespaces(namespaces)
            }
            TextField {
                id: filterField
                objectName: "filterField"
                Layout.fillWidth: true
                Layout.maximumWidth: 420
                placeholderText: qsTr("Filter (/): text, label=value, status:Running")
                selectByMouse: true
                text: currentView.model.filterText
                onTextEdited: currentView.model.filterText = text
                Keys.onEscapePressed: {
                    currentView.model.filterText = ""
                    resourceTable.tableView.forceActiveFocus()
                }
                Keys.onDownPressed: resourceTable.tableView.forceActiveFocus()
                ToolTip.visible: currentView.model.filterError !== ""
                ToolTip.text: currentView.model.filterError
            }
            ToolButton {
                text: qsTr("Go to… (Ctrl+K)")
                onClicked: palette.open()
            }
            ToolButton {
                objectName: "actionsButton"
                text: qsTr("Actions")
                enabled: root.selectedObjects.length > 0
                onClicked: actionsMenu.popup(this, 0, height)
            }
            ToolButton {
                objectName: "createFromYamlButton"
                text: qsTr("Create…")
                onClicked: createDialog.open()
            }
            Item {
                Layout.fillWidth: true
            }
            Label {
                objectName: "healthLabel"
                text: currentView.healthText
                elide: Text.ElideRight
                Layout.maximumWidth: 420
                color: {
                    if (!currentView.health)
                        return root.palette.windowText
                    switch (currentView.health.stateName) {
                    case "live": return Theme.good
                    case "syncing":
                    case "idle": return root.palette.windowText
                    default: return Theme.warning
                    }
                }
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Banner {
            id: banner
            Layout.fillWidth: true
            message: {
                if (Contexts.error !== "")
                    return Contexts.error
                if (!Connection.connected && Connection.status !== "" && Connection.contextName !== ""
                        && !Connection.status.startsWith(qsTr("Connecting")))
                    return Connection.status
                if (currentView.health && ["reconnecting", "stale", "forbidden", "error"].includes(currentView.health.stateName))
                    return qsTr("%1: %2").arg(currentView.kind).arg(currentView.healthText)
                return ""
            }
            detail: currentView.health ? currentView.health.lastError : ""
        }

        StartScreen {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: Connection.contextName === ""
        }

        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: Connection.contextName !== ""

            KindSidebar {
                SplitView.preferredWidth: 240
                SplitView.minimumWidth: 160
                kinds: Connection.kinds
                currentKey: currentView.resolvedKey
                onChosen: resourceKey => {
                    root.currentKey = resourceKey
                    root.detailsName = ""
                }
            }

            ResourceTable {
                id: resourceTable
                SplitView.fillWidth: true
                SplitView.minimumWidth: 300
                view: currentView
                onActivated: row => root.openRow(row)
                onContextMenuRequested: actionsMenu.popup()
                onDeleteRequested: {
                    if (root.selectedObjects.length > 0 && objectActions.actions.some(a => a.id === "delete" && a.enabled))
                        root.askFor("delete")
                }
            }

            DetailsPanel {
                id: detailsPanel
                visible: root.detailsName !== ""
                SplitView.preferredWidth: Math.max(420, root.width * 0.36)
                SplitView.minimumWidth: 320
                resource: root.detailsResource
                namespaceName: root.detailsNamespace
                name: root.detailsName
                onCloseRequested: root.closeDetails()
                onOpenRequested: (kind, namespaceName, name) => root.openDetails(kind, namespaceName, name)
            }
        }
    }

    PortForwards {
        id: portForwards
        objectName: "portForwards"
        connection: Connection
    }
    property int forwardCount: 0
    Connections {
        target: portForwards.forwards
        function onRowsInserted() { root.forwardCount = portForwards.forwards.rowCount() }
        function onRowsRemoved() { root.forwardCount = portForwards.forwards.rowCount() }
    }
    PortForwardDialog {
        id: portForwardDialog
        anchors.centerIn: parent
        portForwards: portForwards
    }
    ForwardsPopup {
        id: forwardsPopup
        portForwards: portForwards
        x: root.width - width - 10
        y: root.height - height - 60
    }

    ActionsMenu {
        id: actionsMenu
        actions: objectActions
        canForward: root.selectedObjects.length === 1
                    && ["Pod", "Service", "Deployment", "StatefulSet", "ReplicaSet", "DaemonSet"].includes(currentView.kind)
        onPortForwardRequested: {
            portForwardDialog.kind = currentView.kind === "Pod" || currentView.kind === "Service" ? currentView.kind : currentView.resolvedKey
            portForwardDialog.namespaceName = root.selectedObjects[0].namespace
            portForwardDialog.name = root.selectedObjects[0].name
            portForwardDialog.open()
        }
        onViewRequested: id => root.handleViewAction(id)
        onDialogRequested: id => root.askFor(id)
    }
    ActionDialog {
        id: actionDialog
        anchors.centerIn: parent
        actions: objectActions
    }

    CreateDialog {
        id: createDialog
        anchors.centerIn: parent
        defaultNamespace: root.currentNamespace !== "" ? root.currentNamespace : "default"
    }

    CommandPalette {
        id: palette
        anchors.centerIn: parent
        currentKind: currentView.resolvedKey
        onKindChosen: resourceKey => {
            root.currentKey = resourceKey
            root.detailsName = ""
        }
        onObjectChosen: (resourceKey, namespaceName, name) => {
            root.currentKey = resourceKey
            root.openDetails(resourceKey, namespaceName, name)
        }
    }

    footer: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            Label {
                objectName: "statusLabel"
                text: Connection.status
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                id: actionResult
                objectName: "actionResult"
                visible: text !== ""
                elide: Text.ElideRight
                Layout.maximumWidth: 420
                ToolTip.visible: actionResultHover.hovered && objectActions.lastItems.length > 0
                ToolTip.text: objectActions.lastItems.map(item => item.name + ": " + item.outcome + (item.message !== "" ? " — " + item.message : "")).join("\n")
                HoverHandler {
                    id: actionResultHover
                }
            }
            ToolButton {
                objectName: "forwardsButton"
                text: qsTr("Forwards (%1)").arg(root.forwardCount)
                visible: root.forwardCount > 0
                onClicked: forwardsPopup.open()
            }
            Label {
                objectName: "trafficLabel"
                text: Connection.traffic
                opacity: 0.75
            }
            Label {
                text: currentView.kind !== ""
                      ? qsTr("%1 of %2 %3").arg(resourceTable.tableView.rows)
                                          .arg(currentView.health ? currentView.health.objectCount : 0)
                                          .arg(currentView.kind)
                      : ""
            }
        }
    }
}
