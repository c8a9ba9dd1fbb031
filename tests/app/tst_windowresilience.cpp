// The real window offscreen against an in-process simulator that misbehaves: with no kubeconfig it opens
// on the start screen and the demo button connects; when watches drop, requests get 429s, or the server
// stops and comes back, the window says so (health text, banner) and then shows the server's current data,
// without a crash and without losing the rows it had.
#include "clusterconnection.h"
#include "connectionsingleton.h"
#include "contextsmodel.h"
#include "faultinjector.h"
#include "kubeconfiglocation.h"
#include "resourcestorage.h"
#include "resourceview.h"
#include "simulator.h"
#include "staticcredentialprovider.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace binnacle;

namespace {
bool createConfigMap(sim::Simulator& simulator, const QString& name) {
    sim::ResourceStorage* storage = simulator.storage();
    return storage
        ->create(storage->type(QString(), QStringLiteral("configmaps")), QStringLiteral("default"),
                 QJsonObject{{"apiVersion", "v1"},
                             {"kind", "ConfigMap"},
                             {"metadata", QJsonObject{{"name", name}, {"namespace", "default"}}}})
        .ok();
}
} // namespace

class TestWindowResilience : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDirectory.path());
        sim::SimulatorOptions options;
        options.controllers = false;
        m_simulator = std::make_unique<sim::Simulator>(options);
        QString error;
        QVERIFY2(m_simulator->start(&error), qPrintable(error));
        QVERIFY(createConfigMap(*m_simulator, QStringLiteral("before-trouble")));

        m_connection = std::make_unique<ClusterConnection>();
        ConnectionSingleton::s_instance = m_connection.get();
        m_connection->setInitialView(QStringLiteral("configmaps"));
        m_contexts = std::make_unique<ContextsModel>(m_connection.get());
        ContextsSingleton::s_instance = m_contexts.get();
        // No kubeconfig at all; the "demo" is this test's simulator.
        m_contexts->setLocation(
            config::KubeconfigLocation::fromFiles({m_settingsDirectory.filePath("none")}));
        m_contexts->setDemo([this] {
            transport::ClusterEndpoint endpoint;
            endpoint.server = QUrl(m_simulator->serverUrl());
            endpoint.caPem = m_simulator->credentials().caPem;
            auth::StaticCredentialProvider::Settings settings;
            settings.token = m_simulator->credentials().adminToken;
            ClusterConnection::Options connectionOptions;
            connectionOptions.useDiscoveryCache = false;
            connectionOptions.transportOptions.qps = -1;
            // Quick reconnects, so that the test does not wait out the production backoff.
            connectionOptions.reflectorOptions.initialBackoff = std::chrono::milliseconds(100);
            connectionOptions.reflectorOptions.maxBackoff = std::chrono::milliseconds(500);
            m_connection->connectTo(endpoint, std::make_unique<auth::StaticCredentialProvider>(settings),
                                    ContextsModel::kDemoContext, connectionOptions);
        });

        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->addImportPath(QStringLiteral("qrc:/"));
        m_engine->load(QUrl(QStringLiteral("qrc:/Binnacle/Ui/Main.qml")));
        QCOMPARE(m_engine->rootObjects().size(), 1);
        m_window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanupTestCase() {
        m_engine.reset();
        m_contexts.reset();
        m_connection.reset();
        m_simulator.reset();
    }

    void startScreenOffersTheDemo() {
        auto* start = m_window->findChild<QQuickItem*>(QStringLiteral("startScreen"));
        auto* button = m_window->findChild<QQuickItem*>(QStringLiteral("startDemoButton"));
        QVERIFY(start && button);
        QVERIFY(start->isVisible());
        QVERIFY(button->isVisible());
        QVERIFY(QMetaObject::invokeMethod(button, "clicked")); // as a click does, wherever layout put it
        QTRY_COMPARE(m_connection->contextName(), ContextsModel::kDemoContext);
        QTRY_VERIFY(!start->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(names().contains(QStringLiteral("before-trouble")), 15000);
    }

    void droppedWatchesShowAndRecover() {
        ResourceView* view = currentView();
        QTRY_COMPARE(view->healthText(), QStringLiteral("live"));
        m_simulator->faults()->configure(QJsonObject{{"dropWatches", true}});
        QVERIFY(createConfigMap(*m_simulator, QStringLiteral("during-drop")));
        // Whatever states it passes through, it comes back live with the change made meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(names().contains(QStringLiteral("during-drop")), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(view->healthText(), QStringLiteral("live"), 15000);
        QVERIFY(names().contains(QStringLiteral("before-trouble")));
    }

    void restartIsShownThenRecovered() {
        ResourceView* view = currentView();
        auto* banner = m_window->findChild<QQuickItem*>(QStringLiteral("banner"));
        QVERIFY(banner);
        QStringList statesSeen;
        QObject scope; // the connections below end with this test function
        QObject::connect(view, &ResourceView::healthChanged, &scope,
                         [&] { statesSeen.append(view->healthText().section(u' ', 0, 0)); });
        bool bannerShown = false;
        QObject::connect(banner, &QQuickItem::visibleChanged, &scope,
                         [&] { bannerShown |= banner->isVisible(); });
        m_simulator->faults()->configure(QJsonObject{{"restart", QJsonObject{{"downMs", 1500}}}});
        QTRY_VERIFY_WITH_TIMEOUT(statesSeen.contains(QStringLiteral("reconnecting")), 15000);
        QTRY_VERIFY(bannerShown);    // the trouble is said in the banner, not only in the corner
        QVERIFY(!names().isEmpty()); // the rows stay while it reconnects
        QVERIFY(createConfigMap(*m_simulator, QStringLiteral("after-restart")));
        QTRY_VERIFY_WITH_TIMEOUT(names().contains(QStringLiteral("after-restart")), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(view->healthText(), QStringLiteral("live"), 20000);
        QTRY_VERIFY(!banner->isVisible());
    }

    void throttlingIsRetried() {
        m_simulator->faults()->configure(
            QJsonObject{{"failNext", QJsonObject{{"count", 3}, {"code", 429}, {"retryAfterSeconds", 1}}}});
        m_simulator->faults()->configure(QJsonObject{{"dropWatches", true}});
        QVERIFY(createConfigMap(*m_simulator, QStringLiteral("after-throttling")));
        QTRY_VERIFY_WITH_TIMEOUT(names().contains(QStringLiteral("after-throttling")), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(currentView()->healthText(), QStringLiteral("live"), 20000);
    }

private:
    ResourceView* currentView() const {
        return m_window->findChild<ResourceView*>(QStringLiteral("currentView"));
    }
    QStringList names() const {
        QStringList result;
        const QAbstractItemModel* model = currentView()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            result.append(model->index(row, 0).data(ResourceTableModel::NameRole).toString());
        }
        return result;
    }

    QTemporaryDir m_settingsDirectory;
    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<ClusterConnection> m_connection;
    std::unique_ptr<ContextsModel> m_contexts;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
};

QTEST_MAIN(TestWindowResilience)
#include "tst_windowresilience.moc"
