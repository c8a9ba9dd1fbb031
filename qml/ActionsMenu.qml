pragma ComponentBehavior: Bound

import QtQuick
import QtQml.Models
import QtQuick.Controls
import Binnacle.Core

// The actions for the selected objects, from ResourceActions: enabled or disabled with the reason (RBAC
// via SelfSubjectAccessReview, or "select one object"). Destructive ones and ones that need a value open
// the dialog first; view actions (YAML, edit, logs) are handed to the window.
Menu {
    id: root

    required property ResourceActions actions
    signal viewRequested(string id)
    signal dialogRequested(string id)
    signal portForwardRequested()
    // Port forwards go to pods, Services and workloads.
    property bool canForward: false

    objectName: "actionsMenu"

    Instantiator {
        model: root.actions.actions
        delegate: MenuItem {
            id: item
            required property var modelData
            objectName: "action-" + item.modelData.id
            text: item.modelData.label + (item.modelData.enabled || item.modelData.reason === "" ? "" : "  —  " + item.modelData.reason)
            enabled: item.modelData.enabled && !root.actions.busy
            onTriggered: {
                if (item.modelData.viewOnly)
                    root.viewRequested(item.modelData.id)
                else if (item.modelData.destructive || ["scale", "trigger"].includes(item.modelData.id))
                    root.dialogRequested(item.modelData.id)
                else
                    root.actions.run(item.modelData.id, {})
            }
        }
        onObjectAdded: (index, object) => root.insertItem(index, object)
        onObjectRemoved: (index, object) => root.removeItem(object)
    }
    MenuItem {
        objectName: "action-portForward"
        text: qsTr("Forward a port…")
        visible: root.canForward
        height: visible ? implicitHeight : 0
        onTriggered: root.portForwardRequested()
    }
}
