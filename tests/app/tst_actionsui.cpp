// Actions in the real window: a right click on a row opens the actions for the selection; scale asks for
// the replicas and changes the server; Delete asks and deletes the selected rows; for a user RBAC forbids,
// the actions are disabled with the reason the SelfSubjectAccessReview gave.
#include "windowharness.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace binnacle;

namespace {
QJsonObject deployment(const QString& name) {
    const QJsonObject labels{{"app", name}};
    return QJsonObject{
        {"apiVersion", "apps/v1"},
        {"kind", "Deployment"},
        {"metadata", QJsonObject{{"name", name}, {"namespace", "default"}}},
        {"spec",
         QJsonObject{{"replicas", 1},
                     {"selector", QJsonObject{{"matchLabels", labels}}},
                     {"template",
                      QJsonObject{{"metadata", QJsonObject{{"labels", labels}}},
                                  {"spec", QJsonObject{{"containers", QJsonArray{QJsonObject{
                                                                          {"name", "app"},
                                                                          {"image", "nginx:1.27"}}}}}}}}}}};
}

bool createDeployment(const testing::WindowHarness& window, const QString& name) {
    sim::ResourceStorage* storage = window.simulator().storage();
    return storage
        ->create(storage->type(QStringLiteral("apps"), QStringLiteral("deployments")),
                 QStringLiteral("default"), deployment(name))
        .ok();
}

QObject* menuItem(const testing::WindowHarness& window, const QString& id) {
    return window.find<QObject>(QStringLiteral("action-") + id);
}
} // namespace

class TestActionsUi : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QTest::failOnWarning(
            QRegularExpression(QStringLiteral("QQmlComponent|qrc:/|TypeError|ReferenceError")));
    }

    void scaleAndDeleteAsAdmin() {
        testing::WindowHarness window;
        QString error;
        QVERIFY2(window.start(QStringLiteral("deployments"), &error), qPrintable(error));
        QVERIFY(createDeployment(window, QStringLiteral("web")));
        QVERIFY(createDeployment(window, QStringLiteral("api")));
        QTRY_VERIFY_WITH_TIMEOUT(window.visibleNames().contains(QStringLiteral("web")) &&
                                     window.visibleNames().contains(QStringLiteral("api")),
                                 15000);

        selectRowOf(window, QStringLiteral("web"));
        QVERIFY(QMetaObject::invokeMethod(window.find(QStringLiteral("resourceTable"))->parentItem(),
                                          "contextMenuRequested"));
        QTRY_VERIFY(menuItem(window, QStringLiteral("scale")) != nullptr);
        QTRY_VERIFY(menuItem(window, QStringLiteral("scale"))->property("enabled").toBool());
        QVERIFY(QMetaObject::invokeMethod(menuItem(window, QStringLiteral("scale")), "triggered"));
        QObject* dialog = window.find<QObject>(QStringLiteral("actionDialog"));
        QTRY_VERIFY(dialog->property("opened").toBool());
        window.find<QObject>(QStringLiteral("replicas"))->setProperty("value", 3);
        QVERIFY(QMetaObject::invokeMethod(dialog, "accept"));
        QTRY_COMPARE_WITH_TIMEOUT(replicasOf(window, QStringLiteral("web")), 3, 10000);
        QCOMPARE(replicasOf(window, QStringLiteral("api")), 1);

        // Delete asks first; Cancel deletes nothing, OK deletes the selection.
        window.find(QStringLiteral("resourceTable"))->forceActiveFocus();
        QTest::keyClick(window.window(), Qt::Key_Delete);
        QTRY_VERIFY(dialog->property("opened").toBool());
        QCOMPARE(dialog->property("actionId").toString(), QStringLiteral("delete"));
        QVERIFY(QMetaObject::invokeMethod(dialog, "reject"));
        QTRY_VERIFY(!dialog->property("opened").toBool());
        QVERIFY(!deploymentOf(window, QStringLiteral("web")).isEmpty());
        QTest::keyClick(window.window(), Qt::Key_Delete);
        QTRY_VERIFY(dialog->property("opened").toBool());
        QVERIFY(QMetaObject::invokeMethod(dialog, "accept"));
        QTRY_VERIFY_WITH_TIMEOUT(deploymentOf(window, QStringLiteral("web")).isEmpty(), 10000);
        QVERIFY(!deploymentOf(window, QStringLiteral("api")).isEmpty());
        QTRY_VERIFY(!window.visibleNames().contains(QStringLiteral("web")));
        QVERIFY(window.visibleNames().contains(QStringLiteral("api")));
        window.stop();
    }

    void forbiddenActionsAreDisabledWithTheReason() {
        testing::WindowHarness window;
        QString error;
        QVERIFY2(window.start(QStringLiteral("deployments"), &error, /*readOnly=*/true), qPrintable(error));
        QVERIFY(createDeployment(window, QStringLiteral("web")));
        QTRY_VERIFY_WITH_TIMEOUT(window.visibleNames().contains(QStringLiteral("web")), 15000);
        selectRowOf(window, QStringLiteral("web"));
        QVERIFY(QMetaObject::invokeMethod(window.find(QStringLiteral("resourceTable"))->parentItem(),
                                          "contextMenuRequested"));
        QTRY_VERIFY(menuItem(window, QStringLiteral("delete")) != nullptr);
        QObject* actions = window.find<QObject>(QStringLiteral("objectActions"));
        QTRY_VERIFY_WITH_TIMEOUT(!actions->property("checking").toBool(), 10000);
        // The menu's items are made again whenever the actions change: look each one up afresh.
        const auto deleteText = [&] {
            return menuItem(window, QStringLiteral("delete"))->property("text").toString();
        };
        QTRY_VERIFY2_WITH_TIMEOUT(deleteText().contains(QStringLiteral("not allowed")),
                                  qPrintable(deleteText()), 10000);
        QVERIFY(!menuItem(window, QStringLiteral("delete"))->property("enabled").toBool());
        QVERIFY(!menuItem(window, QStringLiteral("scale"))->property("enabled").toBool());
        QVERIFY(menuItem(window, QStringLiteral("viewYaml"))->property("enabled").toBool());
        window.stop();
    }

private:
    static void selectRowOf(const testing::WindowHarness& window, const QString& name) {
        QQuickItem* table = window.find(QStringLiteral("resourceTable"));
        const int row = int(window.visibleNames().indexOf(name));
        QVERIFY(row >= 0);
        QQuickItem* resourceTable = table->parentItem();
        QVERIFY(QMetaObject::invokeMethod(resourceTable, "selectRow", Q_ARG(int, row), Q_ARG(int, 0)));
        QTRY_COMPARE(window.window()->property("selectedObjects").toList().size(), 1);
    }
    static QJsonObject deploymentOf(const testing::WindowHarness& window, const QString& name) {
        sim::ResourceStorage* storage = window.simulator().storage();
        const auto object = storage->get(storage->type(QStringLiteral("apps"), QStringLiteral("deployments")),
                                         QStringLiteral("default"), name);
        return object ? object->object : QJsonObject();
    }
    static int replicasOf(const testing::WindowHarness& window, const QString& name) {
        return deploymentOf(window, name).value("spec").toObject().value("replicas").toInt(-1);
    }
};

QTEST_MAIN(TestActionsUi)
#include "tst_actionsui.moc"
