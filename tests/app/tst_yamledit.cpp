// The YAML flow in the real window: open an object's YAML, edit, preview (a server dry run and its diff,
// nothing written), apply (written); a concurrent change on the server meanwhile leads to the conflict
// view, nothing is written, and the rebase keeps both changes; create from YAML with several documents.
#include "windowharness.h"

#include <QRegularExpression>

using namespace binnacle;

namespace {
const QString kNamespace = QStringLiteral("default");

QJsonObject configMap(const QString& name, const QJsonObject& data) {
    return QJsonObject{{"apiVersion", "v1"},
                       {"kind", "ConfigMap"},
                       {"metadata", QJsonObject{{"name", name}, {"namespace", kNamespace}}},
                       {"data", data}};
}
} // namespace

class TestYamlEdit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QTest::failOnWarning(
            QRegularExpression(QStringLiteral("QQmlComponent|qrc:/|TypeError|ReferenceError")));
        QString error;
        QVERIFY2(m_window.start(QStringLiteral("configmaps"), &error), qPrintable(error));
        QVERIFY(
            m_window.create(QStringLiteral("configmaps"),
                            configMap(QStringLiteral("settings"), {{"color", "blue"}, {"size", "small"}})));
        QVERIFY(
            m_window.create(QStringLiteral("configmaps"),
                            configMap(QStringLiteral("contended"), {{"color", "blue"}, {"size", "small"}})));
        QTRY_VERIFY_WITH_TIMEOUT(m_window.visibleNames().contains(QStringLiteral("contended")), 15000);
    }
    void cleanupTestCase() { m_window.stop(); }

    void editPreviewApply() {
        openYaml(QStringLiteral("settings"));
        QQuickItem* text = m_window.find(QStringLiteral("yamlText"));
        QTRY_VERIFY(text->property("text").toString().contains(QStringLiteral("name: settings")));
        press(QStringLiteral("editButton"));
        QObject* editor = m_window.find<QObject>(QStringLiteral("objectEditor"));
        QTRY_VERIFY(m_window.find(QStringLiteral("previewButton"))->isVisible());
        text->setProperty("text", text->property("text").toString().replace("color: blue", "color: green"));
        press(QStringLiteral("previewButton"));
        QTRY_COMPARE_WITH_TIMEOUT(editor->property("state").toString(), QStringLiteral("previewed"), 10000);
        const QString diff = diffText(editor->property("diff").toList());
        QVERIFY2(diff.contains(QStringLiteral("-  color: blue")) &&
                     diff.contains(QStringLiteral("+  color: green")),
                 qPrintable(diff));
        // A dry run wrote nothing.
        QCOMPARE(data(QStringLiteral("settings")).value("color").toString(), QStringLiteral("blue"));
        press(QStringLiteral("applyButton"));
        QTRY_COMPARE_WITH_TIMEOUT(editor->property("state").toString(), QStringLiteral("applied"), 10000);
        QCOMPARE(data(QStringLiteral("settings")).value("color").toString(), QStringLiteral("green"));
    }

    void concurrentChangeGoesThroughTheConflictFlow() {
        openYaml(QStringLiteral("contended"));
        QQuickItem* text = m_window.find(QStringLiteral("yamlText"));
        QTRY_VERIFY(text->property("text").toString().contains(QStringLiteral("name: contended")));
        press(QStringLiteral("editButton"));
        QObject* editor = m_window.find<QObject>(QStringLiteral("objectEditor"));
        text->setProperty("text", text->property("text").toString().replace("color: blue", "color: red"));
        // Someone else changes another field meanwhile.
        sim::ResourceStorage* storage = m_window.simulator().storage();
        QVERIFY(storage
                    ->patch(storage->type(QString(), QStringLiteral("configmaps")), kNamespace,
                            QStringLiteral("contended"), sim::PatchType::Merge,
                            R"({"data":{"size":"large"}})", false)
                    .ok());
        press(QStringLiteral("previewButton"));
        QTRY_COMPARE_WITH_TIMEOUT(editor->property("state").toString(), QStringLiteral("conflict"), 10000);
        QQuickItem* conflictBox = m_window.find(QStringLiteral("conflictBox"));
        QVERIFY(conflictBox->isVisible());
        QVERIFY(editor->property("conflict").toMap().value("stale").toBool());
        // Nothing was written over their change.
        QCOMPARE(data(QStringLiteral("contended")).value("size").toString(), QStringLiteral("large"));
        QCOMPARE(data(QStringLiteral("contended")).value("color").toString(), QStringLiteral("blue"));
        QQuickItem* rebase = m_window.find(QStringLiteral("rebaseButton"));
        QTRY_VERIFY(rebase->isVisible() && rebase->width() > 0);
        press(QStringLiteral("rebaseButton"));
        QTRY_VERIFY_WITH_TIMEOUT(editor->property("state").toString() != QLatin1String("conflict"), 10000);
        QTRY_VERIFY(!editor->property("busy").toBool());
        press(QStringLiteral("previewButton"));
        QTRY_COMPARE_WITH_TIMEOUT(editor->property("state").toString(), QStringLiteral("previewed"), 10000);
        press(QStringLiteral("applyButton"));
        QTRY_COMPARE_WITH_TIMEOUT(editor->property("state").toString(), QStringLiteral("applied"), 10000);
        // Both changes: theirs and mine.
        QCOMPARE(data(QStringLiteral("contended")).value("size").toString(), QStringLiteral("large"));
        QCOMPARE(data(QStringLiteral("contended")).value("color").toString(), QStringLiteral("red"));
    }

    void createFromYamlWithSeveralDocuments() {
        QObject* dialog = m_window.find<QObject>(QStringLiteral("createDialog"));
        QVERIFY(QMetaObject::invokeMethod(dialog, "open"));
        QTRY_VERIFY(dialog->property("opened").toBool());
        QQuickItem* text = m_window.find(QStringLiteral("createText"));
        QVERIFY(text);
        text->setProperty(
            "text",
            QStringLiteral("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: made-one\ndata:\n  a: \"1\"\n"
                           "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: made-two\n"));
        press(QStringLiteral("createButton"));
        QTRY_VERIFY_WITH_TIMEOUT(m_window.visibleNames().contains(QStringLiteral("made-two")), 15000);
        QVERIFY(m_window.visibleNames().contains(QStringLiteral("made-one")));
        QCOMPARE(data(QStringLiteral("made-one")).value("a").toString(), QStringLiteral("1"));
        QVERIFY(QMetaObject::invokeMethod(dialog, "close"));
    }

private:
    // A button once it is shown and enabled, pressed as a click would (its clicked signal): coordinates
    // taken while a pane is still laying out could miss it.
    void press(const QString& objectName) {
        QQuickItem* button = m_window.find(objectName);
        QVERIFY2(button, qPrintable(objectName));
        QTRY_VERIFY2(button->isVisible() && button->isEnabled(), qPrintable(objectName));
        QVERIFY(QMetaObject::invokeMethod(button, "clicked"));
    }
    void openYaml(const QString& name) {
        m_window.window()->setProperty("currentKey", QStringLiteral("configmaps"));
        QVERIFY(QMetaObject::invokeMethod(m_window.window(), "openDetails",
                                          Q_ARG(QString, QStringLiteral("configmaps")),
                                          Q_ARG(QString, kNamespace), Q_ARG(QString, name)));
        QQuickItem* tabs = m_window.find(QStringLiteral("detailsTabs"));
        QVERIFY(tabs);
        tabs->setProperty("currentIndex", 1);
        QTRY_VERIFY(m_window.find(QStringLiteral("yamlPane"))->isVisible());
    }
    QJsonObject data(const QString& name) const {
        return m_window.serverObject(QStringLiteral("configmaps"), kNamespace, name).value("data").toObject();
    }
    static QString diffText(const QVariantList& hunks) {
        QString text;
        for (const QVariant& hunk : hunks) {
            for (const QVariant& line : hunk.toMap().value("lines").toList()) {
                text += line.toMap().value("kind").toString() + line.toMap().value("text").toString() + u'\n';
            }
        }
        return text;
    }

    testing::WindowHarness m_window;
};

QTEST_MAIN(TestYamlEdit)
#include "tst_yamledit.moc"
