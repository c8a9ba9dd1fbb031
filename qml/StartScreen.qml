import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

// What the window shows before any cluster: the demo cluster one click away, and how to add a real one.
Pane {
    id: root

    objectName: "startScreen"

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(620, root.width - 40)
        spacing: 14

        Label {
            text: qsTr("Welcome to Binnacle")
            font.pixelSize: 26
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: Contexts.noKubeconfig
                  ? qsTr("No kubeconfig was found ($KUBECONFIG, or ~/.kube/config). Try the built-in demo cluster, "
                         + "or add a cluster and reload.")
                  : qsTr("Choose a context in the top bar, or try the built-in demo cluster.")
        }
        Button {
            objectName: "startDemoButton"
            text: qsTr("Open the demo cluster")
            highlighted: true
            visible: Contexts.hasDemo
            onClicked: Contexts.switchTo(Contexts.demoContextName)
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            opacity: 0.8
            textFormat: Text.MarkdownText
            text: qsTr("**To add a cluster:** put its kubeconfig at `~/.kube/config`, or list files in "
                       + "`$KUBECONFIG`, or start with `binnacle --kubeconfig FILE --context NAME`. Cloud "
                       + "clusters need their CLI for sign-in (`gcloud`, `aws`, `az`, `kubelogin`).")
        }
        Button {
            text: qsTr("Reload kubeconfig")
            flat: true
            onClicked: Contexts.reload()
        }
    }
}
