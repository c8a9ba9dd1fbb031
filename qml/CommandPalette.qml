pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Binnacle.Core

// Ctrl+K: jump to any kind, or to an object of the current kind by name ("kind/name" searches another kind).
Popup {
    id: root

    // The kind shown now, whose objects a bare name searches ("deployments.apps").
    property string currentKind: ""
    signal kindChosen(string resourceKey)
    signal objectChosen(string resourceKey, string namespaceName, string name)

    function choose(row: int) {
        const index = results.index(row, 0)
        if (!index.valid)
            return
        const key = results.data(index, CommandPaletteModel.ResourceKeyRole)
        if (results.data(index, CommandPaletteModel.TypeRole) === "kind")
            root.kindChosen(key)
        else
            root.objectChosen(key, results.data(index, CommandPaletteModel.NamespaceRole),
                              results.data(index, CommandPaletteModel.NameRole))
        root.close()
    }

    objectName: "commandPalette"
    width: Math.min(640, parent.width - 40)
    height: Math.min(460, parent.height - 80)
    modal: true
    focus: true
    padding: 8
    onOpened: {
        query.text = ""
        query.forceActiveFocus()
    }

    CommandPaletteModel {
        id: results
        objectName: "paletteResults"
        connection: Connection
        currentKind: root.currentKind
        query: query.text
    }

    ColumnLayout {
        anchors.fill: parent
        TextField {
            id: query
            objectName: "paletteQuery"
            Layout.fillWidth: true
            placeholderText: qsTr("Kind or object name; kind/name searches that kind")
            Keys.onDownPressed: resultList.incrementCurrentIndex()
            Keys.onUpPressed: resultList.decrementCurrentIndex()
            Keys.onReturnPressed: root.choose(Math.max(0, resultList.currentIndex))
            Keys.onEnterPressed: root.choose(Math.max(0, resultList.currentIndex))
            onTextChanged: resultList.currentIndex = 0
        }
        ListView {
            id: resultList
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: results
            highlightMoveDuration: 0
            delegate: ItemDelegate {
                id: resultItem
                objectName: "paletteResult"
                required property int index
                required property string type
                required property string title
                required property string subtitle
                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                contentItem: RowLayout {
                    Label {
                        text: resultItem.type === "kind" ? "▤" : "•"
                        opacity: 0.6
                    }
                    Label {
                        text: resultItem.title
                        font.bold: resultItem.type === "kind"
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: resultItem.subtitle
                        opacity: 0.6
                        elide: Text.ElideRight
                    }
                }
                onClicked: root.choose(resultItem.index)
            }
        }
    }
}
