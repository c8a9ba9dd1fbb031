pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

// Asks before an action that destroys or needs a value: delete (how many, which propagation policy),
// drain (what it does), scale (how many replicas), run a CronJob now (the Job's name).
Dialog {
    id: root

    required property ResourceActions actions
    property string actionId: ""
    property int objectCount: 0
    property string firstName: ""

    objectName: "actionDialog"
    modal: true
    title: {
        switch (root.actionId) {
        case "delete": return root.objectCount === 1 ? qsTr("Delete %1?").arg(root.firstName) : qsTr("Delete %1 objects?").arg(root.objectCount)
        case "drain": return qsTr("Drain %1?").arg(root.firstName)
        case "scale": return qsTr("Scale %1").arg(root.objectCount === 1 ? root.firstName : qsTr("%1 objects").arg(root.objectCount))
        case "trigger": return qsTr("Run %1 now").arg(root.firstName)
        default: return ""
        }
    }
    standardButtons: Dialog.Ok | Dialog.Cancel
    onAccepted: {
        const params = {}
        if (root.actionId === "delete")
            params.propagationPolicy = policyBox.currentText
        if (root.actionId === "scale")
            params.replicas = replicasBox.value
        if (root.actionId === "trigger" && jobName.text !== "")
            params.jobName = jobName.text
        root.actions.run(root.actionId, params)
    }

    ColumnLayout {
        Label {
            visible: root.actionId === "drain"
            Layout.maximumWidth: 420
            wrapMode: Text.Wrap
            text: qsTr("The node is cordoned, then every pod on it is evicted (DaemonSet and mirror pods stay). "
                       + "Pod disruption budgets may refuse some evictions; they are listed afterwards.")
        }
        RowLayout {
            visible: root.actionId === "delete"
            Label { text: qsTr("Propagation") }
            ComboBox {
                id: policyBox
                objectName: "propagationPolicy"
                model: ["Background", "Foreground", "Orphan"]
            }
        }
        RowLayout {
            visible: root.actionId === "scale"
            Label { text: qsTr("Replicas") }
            SpinBox {
                id: replicasBox
                objectName: "replicas"
                from: 0
                to: 10000
                editable: true
                value: 1
            }
        }
        RowLayout {
            visible: root.actionId === "trigger"
            Label { text: qsTr("Job name") }
            TextField {
                id: jobName
                placeholderText: qsTr("%1-manual-… (default)").arg(root.firstName)
            }
        }
    }
}
