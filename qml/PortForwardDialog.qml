pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

// Forward a local port to a pod, or to a ready pod behind a Service or workload. Listens on 127.0.0.1
// unless the user types another address.
Dialog {
    id: root

    required property PortForwards portForwards
    property string kind: ""
    property string namespaceName: ""
    property string name: ""

    objectName: "portForwardDialog"
    title: qsTr("Forward a port to %1 %2").arg(root.kind).arg(root.name)
    modal: true
    standardButtons: Dialog.Ok | Dialog.Cancel
    onOpened: problem.text = ""
    onAccepted: {
        const error = root.portForwards.start(root.kind, root.namespaceName, root.name, remotePort.value,
                                              localPort.value, address.text)
        if (error !== "") {
            problem.text = error
            root.open()
        }
    }

    GridLayout {
        columns: 2
        Label { text: qsTr("Remote port") }
        SpinBox {
            id: remotePort
            objectName: "remotePort"
            from: 1
            to: 65535
            value: 80
            editable: true
        }
        Label { text: qsTr("Local port (0: any free)") }
        SpinBox {
            id: localPort
            objectName: "localPort"
            from: 0
            to: 65535
            value: 0
            editable: true
        }
        Label { text: qsTr("Listen on") }
        TextField {
            id: address
            text: "127.0.0.1"
        }
        Label {
            id: problem
            Layout.columnSpan: 2
            visible: text !== ""
            color: Theme.bad
        }
    }
}
