// The real window (qrc:/Binnacle/Ui/Main.qml) offscreen against an in-process simulator over TLS: choosing a
// kind in the sidebar shows that kind's rows, the namespace and the filter narrow them, and a change made on
// the server appears in the visible table.
#include "clusterconnection.h"
#include "connectionsingleton.h"
#include "contextsmodel.h"
#include "resourcestorage.h"
#include "resourceview.h"
#include "simulator.h"
#include "staticcredentialprovider.h"

#include <QAbstractItemModel>
#include <QJsonArray>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace binnacle;

namespace {
const QString teamNamespace = QStringLiteral("team-a");

QJsonObject configMap(const QString& name) {
    return QJsonObject{{"apiVersion", "v1"},
                       {"kind", "ConfigMap"},
                       {"metadata", QJsonObject{{"name", name}, {"namespace", teamNamespace}}},
                       {"data", QJsonObject{{"key", "value"}}}};
}

QJsonObject pod(const QString& name, const QString& phase) {
    return QJsonObject{
        {"apiVersion", "v1"},
        {"kind", "Pod"},
        {"metadata", QJsonObject{{"name", name}, {"namespace", teamNamespace}}},
        {"spec",
         QJsonObject{{"containers", QJsonArray{QJsonObject{{"name", "app"}, {"image", "nginx:1.27"}}}}}},
        {"status", QJsonObject{{"phase", phase}}}};
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void showsTheInitialKind();
    void choosingAKindShowsItsRows();
    void serverChangesAppearInTheTable();
    void filterNarrowsTheRows();
    void enterOpensTheDetailsAndEscClosesThem();
    void commandPaletteJumpsToAKind();

private:
    static void failOnQmlWarnings();
    QAbstractItemModel* tableModel() const;
    QStringList visibleNames() const;
    void setNamespace(const QString& namespaceName);
    bool create(const QString& resource, const QJsonObject& object);

    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<ClusterConnection> m_connection;
    std::unique_ptr<ContextsModel> m_contexts;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QTemporaryDir m_settingsDirectory;
    QQuickWindow* m_window = nullptr;
};

bool TestMainWindow::create(const QString& resource, const QJsonObject& object) {
    sim::ResourceStorage* storage = m_simulator->storage();
    const auto& type = storage->type(QString(), resource);
    const QString namespaceName = object.value("metadata").toObject().value("namespace").toString();
    return storage->create(type, namespaceName, object).ok();
}

void TestMainWindow::init() {
    failOnQmlWarnings();
}

void TestMainWindow::failOnQmlWarnings() {
    // A QML error (a delegate that cannot be created, a bad binding) fails the test, not just the log.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QQmlComponent|qrc:/|TypeError|ReferenceError")));
}

void TestMainWindow::initTestCase() {
    failOnQmlWarnings();
    // The window's settings go to a scratch place, not the user's.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDirectory.path());
    sim::SimulatorOptions options;
    options.controllers = false;
    m_simulator = std::make_unique<sim::Simulator>(options);
    QString error;
    QVERIFY2(m_simulator->start(&error), qPrintable(error));
    QVERIFY(create(QStringLiteral("namespaces"),
                   QJsonObject{{"apiVersion", "v1"},
                               {"kind", "Namespace"},
                               {"metadata", QJsonObject{{"name", teamNamespace}}}}));
    for (const QString& name :
         {QStringLiteral("app-config"), QStringLiteral("db-config"), QStringLiteral("feature-flags")}) {
        QVERIFY(create(QStringLiteral("configmaps"), configMap(name)));
    }
    QVERIFY(create(QStringLiteral("pods"), pod(QStringLiteral("web-1"), QStringLiteral("Running"))));
    QVERIFY(create(QStringLiteral("pods"), pod(QStringLiteral("web-2"), QStringLiteral("Pending"))));

    m_connection = std::make_unique<ClusterConnection>();
    ConnectionSingleton::s_instance = m_connection.get();
    m_connection->setInitialView(QStringLiteral("configmaps"));
    m_contexts = std::make_unique<ContextsModel>(m_connection.get());
    ContextsSingleton::s_instance = m_contexts.get();
    transport::ClusterEndpoint endpoint;
    endpoint.server = QUrl(m_simulator->serverUrl());
    endpoint.caPem = m_simulator->credentials().caPem;
    auth::StaticCredentialProvider::Settings settings;
    settings.token = m_simulator->credentials().adminToken;
    ClusterConnection::Options connectionOptions;
    connectionOptions.useDiscoveryCache = false;
    connectionOptions.transportOptions.qps = -1;
    m_connection->connectTo(endpoint, std::make_unique<auth::StaticCredentialProvider>(settings),
                            QStringLiteral("test-context"), connectionOptions);

    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->addImportPath(QStringLiteral("qrc:/"));
    m_engine->load(QUrl(QStringLiteral("qrc:/Binnacle/Ui/Main.qml")));
    QCOMPARE(m_engine->rootObjects().size(), 1);
    m_window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().first());
    QVERIFY(m_window);
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QTRY_VERIFY_WITH_TIMEOUT(m_connection->connected(), 10000);
    setNamespace(teamNamespace);
}

void TestMainWindow::cleanupTestCase() {
    m_engine.reset(); // the views release their subscriptions before the connection goes
    m_contexts.reset();
    m_connection.reset();
    m_simulator.reset();
}

QAbstractItemModel* TestMainWindow::tableModel() const {
    auto* table = m_window->findChild<QQuickItem*>(QStringLiteral("resourceTable"));
    return table ? qobject_cast<QAbstractItemModel*>(table->property("model").value<QObject*>()) : nullptr;
}

QStringList TestMainWindow::visibleNames() const {
    QStringList names;
    QAbstractItemModel* model = tableModel();
    for (int row = 0; model && row < model->rowCount(); ++row) {
        names.append(model->index(row, 0).data(ResourceTableModel::NameRole).toString());
    }
    names.sort();
    return names;
}

void TestMainWindow::setNamespace(const QString& namespaceName) {
    // As the namespace selector does when one is ticked.
    auto* selector = m_window->findChild<QQuickItem*>(QStringLiteral("namespaceSelector"));
    QVERIFY(selector);
    QTRY_VERIFY(m_connection->namespaces().contains(namespaceName));
    QVERIFY(
        QMetaObject::invokeMethod(selector, "chosen", Q_ARG(QVariant, QVariant(QStringList{namespaceName}))));
    QCOMPARE(m_window->property("currentNamespace").toString(), namespaceName);
}

void TestMainWindow::showsTheInitialKind() {
    QTRY_COMPARE(visibleNames(), (QStringList{"app-config", "db-config", "feature-flags"}));
    auto* view = m_window->findChild<ResourceView*>(QStringLiteral("currentView"));
    QVERIFY(view);
    QCOMPARE(view->kind(), QStringLiteral("ConfigMap"));
    QTRY_COMPARE(view->healthText(), QStringLiteral("live"));
    auto* health = m_window->findChild<QQuickItem*>(QStringLiteral("healthLabel"));
    QVERIFY(health);
    QCOMPARE(health->property("text").toString(), QStringLiteral("live"));
    auto* context = m_window->findChild<QQuickItem*>(QStringLiteral("contextSwitcher"));
    QVERIFY(context);
    QCOMPARE(context->property("text").toString(), QStringLiteral("test-context"));
}

void TestMainWindow::choosingAKindShowsItsRows() {
    auto* kindList = m_window->findChild<QQuickItem*>(QStringLiteral("kindList"));
    QVERIFY(kindList);
    const int podsRow = m_connection->kinds()->rowOf(QStringLiteral("pods"));
    QVERIFY(podsRow >= 0);
    QVERIFY(QMetaObject::invokeMethod(kindList, "positionViewAtIndex", Q_ARG(int, podsRow),
                                      Q_ARG(int, 1 /* ListView.Center */)));
    QQuickItem* delegate = nullptr;
    QTRY_VERIFY(QMetaObject::invokeMethod(kindList, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, delegate),
                                          Q_ARG(int, podsRow)) &&
                delegate);
    // A click on the delegate, as the user does.
    QTest::qWait(50); // let the list settle after positioning
    // The entry's button is its lowest 28 pixels (the first entry of a section carries the section's title).
    const QPointF centre = delegate->mapToScene(QPointF(delegate->width() / 2, delegate->height() - 14));
    QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
    QTRY_COMPARE(visibleNames(), (QStringList{"web-1", "web-2"}));
    QAbstractItemModel* model = tableModel();
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
    QCOMPARE(model->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Status"));
    QCOMPARE(kindList->property("currentIndex").toInt(), podsRow);
    // The sidebar counts the namespace's pods.
    QTRY_COMPARE(m_connection->kinds()->index(podsRow).data(KindsModel::CountRole).toLongLong(), 2);
}

void TestMainWindow::serverChangesAppearInTheTable() {
    m_window->setProperty("currentKey", QStringLiteral("configmaps"));
    QTRY_COMPARE(visibleNames(), (QStringList{"app-config", "db-config", "feature-flags"}));
    QAbstractItemModel* model = tableModel();
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    QVERIFY(create(QStringLiteral("configmaps"), configMap(QStringLiteral("added-on-the-server"))));
    QTRY_COMPARE(visibleNames(),
                 (QStringList{"added-on-the-server", "app-config", "db-config", "feature-flags"}));
    QVERIFY(m_simulator->storage()
                ->remove(m_simulator->storage()->type(QString(), QStringLiteral("configmaps")), teamNamespace,
                         QStringLiteral("db-config"))
                .ok());
    QTRY_COMPARE(visibleNames(), (QStringList{"added-on-the-server", "app-config", "feature-flags"}));
    QCOMPARE(resets.size(), 0); // live updates, never a reset
    // The table view itself shows the rows the model holds.
    auto* table = m_window->findChild<QQuickItem*>(QStringLiteral("resourceTable"));
    QTRY_COMPARE(table->property("rows").toInt(), 3);
}

void TestMainWindow::filterNarrowsTheRows() {
    m_window->setProperty("currentKey", QStringLiteral("configmaps"));
    QTRY_VERIFY(visibleNames().contains(QStringLiteral("app-config")));
    auto* filter = m_window->findChild<QQuickItem*>(QStringLiteral("filterField"));
    QVERIFY(filter);
    // "/" focuses the filter box.
    m_window->contentItem()->forceActiveFocus();
    QTest::keyClick(m_window, Qt::Key_Slash);
    QTRY_VERIFY(filter->hasActiveFocus());
    for (const char letter : QByteArrayLiteral("config")) {
        QTest::keyClick(m_window, letter);
    }
    QTRY_COMPARE(visibleNames(), (QStringList{"app-config"}));
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTRY_COMPARE(visibleNames().size(), 3);
}

void TestMainWindow::enterOpensTheDetailsAndEscClosesThem() {
    m_window->setProperty("currentKey", QStringLiteral("configmaps"));
    QTRY_COMPARE(visibleNames().size(), 3);
    auto* table = m_window->findChild<QQuickItem*>(QStringLiteral("resourceTable"));
    auto* panel = m_window->findChild<QQuickItem*>(QStringLiteral("detailsPanel"));
    QVERIFY(table && panel);
    QVERIFY(!panel->isVisible());
    table->forceActiveFocus();
    QTRY_VERIFY(table->hasActiveFocus());
    // Home selects the first row, Down the second; Enter opens it.
    QTest::keyClick(m_window, Qt::Key_Home);
    QTest::keyClick(m_window, Qt::Key_Down);
    QAbstractItemModel* model = tableModel();
    const QString second = model->index(1, 0).data(ResourceTableModel::NameRole).toString();
    QTest::keyClick(m_window, Qt::Key_Return);
    QTRY_VERIFY(panel->isVisible());
    QCOMPARE(m_window->property("detailsName").toString(), second);
    auto* object = panel->findChild<QObject*>(QStringLiteral("detailsObject"));
    QVERIFY(object);
    QTRY_VERIFY(object->property("exists").toBool());
    QCOMPARE(object->property("kind").toString(), QStringLiteral("ConfigMap"));
    auto* overview = panel->findChild<QObject*>(QStringLiteral("detailsOverview"));
    QVERIFY(overview);
    QTRY_VERIFY(!overview->property("sections").toList().isEmpty());
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTRY_VERIFY(!panel->isVisible());
}

void TestMainWindow::commandPaletteJumpsToAKind() {
    m_window->setProperty("currentKey", QStringLiteral("configmaps"));
    auto* palette = m_window->findChild<QObject*>(QStringLiteral("commandPalette"));
    QVERIFY(palette);
    m_window->contentItem()->forceActiveFocus();
    QTest::keyClick(m_window, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(palette->property("opened").toBool());
    for (const char letter : QByteArrayLiteral("pods")) {
        if (letter != 0) {
            QTest::keyClick(m_window, letter);
        }
    }
    auto* results = palette->findChild<QAbstractItemModel*>(QStringLiteral("paletteResults"));
    QVERIFY(results);
    QTRY_VERIFY(results->rowCount() > 0);
    QTest::keyClick(m_window, Qt::Key_Return);
    QTRY_VERIFY(!palette->property("opened").toBool());
    QTRY_COMPARE(m_window->property("currentKey").toString(), QStringLiteral("pods"));
    QTRY_COMPARE(visibleNames(), (QStringList{"web-1", "web-2"}));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
