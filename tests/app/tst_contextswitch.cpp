// Switching context in the real window (offscreen): two simulators named in one kubeconfig, the context
// switcher's popup opened and the other context clicked, as the user does. The visible table must switch
// to the other cluster's rows, and each context must get back the namespace chosen in it.
#include "clusterconnection.h"
#include "connectionsingleton.h"
#include "contextsmodel.h"
#include "kubeconfiglocation.h"
#include "resourcestorage.h"
#include "resourceview.h"
#include "simulator.h"

#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace binnacle;

namespace {

QString clusterEntry(const QString& name, const sim::Simulator& simulator) {
    return QStringLiteral("- name: %1\n  cluster:\n    server: %2\n    certificate-authority-data: %3\n")
        .arg(name, simulator.serverUrl(), QString::fromLatin1(simulator.credentials().caPem.toBase64()));
}

QString userEntry(const QString& name, const sim::Simulator& simulator) {
    return QStringLiteral("- name: %1\n  user:\n    token: %2\n")
        .arg(name, simulator.credentials().adminToken);
}

bool addConfigMap(sim::Simulator& simulator, const QString& namespaceName, const QString& name) {
    sim::ResourceStorage* storage = simulator.storage();
    return storage
        ->create(storage->type(QString(), QStringLiteral("configmaps")), namespaceName,
                 QJsonObject{{"apiVersion", "v1"},
                             {"kind", "ConfigMap"},
                             {"metadata", QJsonObject{{"name", name}, {"namespace", namespaceName}}}})
        .ok();
}

} // namespace

class TestContextSwitch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // the discovery cache goes to a test location
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_directory.filePath("settings"));
        sim::SimulatorOptions options;
        options.controllers = false;
        QString error;
        m_first = std::make_unique<sim::Simulator>(options);
        m_second = std::make_unique<sim::Simulator>(options);
        QVERIFY2(m_first->start(&error), qPrintable(error));
        QVERIFY2(m_second->start(&error), qPrintable(error));
        QVERIFY(addConfigMap(*m_first, QStringLiteral("default"), QStringLiteral("first-default")));
        QVERIFY(addConfigMap(*m_first, QStringLiteral("kube-system"), QStringLiteral("first-system")));
        QVERIFY(addConfigMap(*m_second, QStringLiteral("default"), QStringLiteral("second-default")));
        QVERIFY(addConfigMap(*m_second, QStringLiteral("kube-system"), QStringLiteral("second-system")));

        const QString kubeconfig = m_directory.filePath(QStringLiteral("config"));
        QFile file(kubeconfig);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            (QStringLiteral("apiVersion: v1\nkind: Config\ncurrent-context: first\nclusters:\n") +
             clusterEntry(QStringLiteral("cluster-one"), *m_first) +
             clusterEntry(QStringLiteral("cluster-two"), *m_second) + QStringLiteral("users:\n") +
             userEntry(QStringLiteral("admin-one"), *m_first) +
             userEntry(QStringLiteral("admin-two"), *m_second) +
             QStringLiteral("contexts:\n"
                            "- name: first\n  context:\n    cluster: cluster-one\n    user: admin-one\n"
                            "- name: second\n  context:\n    cluster: cluster-two\n    user: admin-two\n"))
                .toUtf8());
        file.close();

        m_connection = std::make_unique<ClusterConnection>();
        ConnectionSingleton::s_instance = m_connection.get();
        m_connection->setInitialView(QStringLiteral("configmaps"));
        m_contexts = std::make_unique<ContextsModel>(m_connection.get());
        ContextsSingleton::s_instance = m_contexts.get();
        m_contexts->setLocation(config::KubeconfigLocation::fromFiles({kubeconfig}));
        QVERIFY(m_contexts->switchTo(QStringLiteral("first")));

        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->addImportPath(QStringLiteral("qrc:/"));
        m_engine->load(QUrl(QStringLiteral("qrc:/Binnacle/Ui/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanupTestCase() {
        m_engine.reset();
        m_contexts.reset();
        m_connection.reset();
        m_second.reset();
        m_first.reset();
    }

    void switchesTheVisibleTable() {
        // All namespaces on the first cluster, then one chosen there.
        QTRY_COMPARE_WITH_TIMEOUT(visibleNames(), (QStringList{"first-default", "first-system"}), 15000);
        chooseNamespaces({QStringLiteral("kube-system")});
        QTRY_COMPARE_WITH_TIMEOUT(visibleNames(), QStringList{QStringLiteral("first-system")}, 15000);

        // The other context, chosen in the switcher's popup: its rows, in all namespaces (nothing chosen
        // there yet); then a namespace chosen there too.
        chooseContext(QStringLiteral("second"));
        QCOMPARE(m_connection->contextName(), QStringLiteral("second"));
        QTRY_COMPARE_WITH_TIMEOUT(visibleNames(), (QStringList{"second-default", "second-system"}), 15000);
        QCOMPARE(currentView()->namespaceName(), QString());
        chooseNamespaces({QStringLiteral("default")});
        QTRY_COMPARE_WITH_TIMEOUT(visibleNames(), QStringList{QStringLiteral("second-default")}, 15000);

        // Back: the first cluster's rows in the namespace chosen there; and again the second's.
        chooseContext(QStringLiteral("first"));
        QTRY_COMPARE_WITH_TIMEOUT(visibleNames(), QStringList{QStringLiteral("first-system")}, 15000);
        QCOMPARE(currentView()->namespaceName(), QStringLiteral("kube-system"));
        QCOMPARE(m_window->findChild<QQuickItem*>(QStringLiteral("namespaceSelector"))->property("text"),
                 QVariant(QStringLiteral("kube-system")));
        chooseContext(QStringLiteral("second"));
        QTRY_COMPARE_WITH_TIMEOUT(visibleNames(), QStringList{QStringLiteral("second-default")}, 15000);
        QCOMPARE(currentView()->namespaceName(), QStringLiteral("default"));
    }

private:
    ResourceView* currentView() const {
        return m_window->findChild<ResourceView*>(QStringLiteral("currentView"));
    }

    QStringList visibleNames() const {
        QStringList names;
        const QAbstractItemModel* model = currentView()->columns();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString name = model->index(row, 0).data(ResourceTableModel::NameRole).toString();
            // Only the test's own: the simulator's base system has configmaps of its own.
            if (name.startsWith(QLatin1String("first-")) || name.startsWith(QLatin1String("second-"))) {
                names.append(name);
            }
        }
        names.sort();
        return names;
    }

    void click(QQuickItem* item) const {
        const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
    }

    // As the namespace selector does once a choice is made.
    void chooseNamespaces(const QStringList& namespaces) const {
        QVERIFY(QMetaObject::invokeMethod(m_window, "setNamespaces", Q_ARG(QVariant, QVariant(namespaces))));
    }

    // Opens the context switcher with a click and clicks the context's row in its popup.
    void chooseContext(const QString& name) const {
        auto* switcher = m_window->findChild<QQuickItem*>(QStringLiteral("contextSwitcher"));
        QVERIFY(switcher);
        click(switcher);
        QTRY_VERIFY(switcher->property("popupOpened").toBool());
        auto* list = m_window->findChild<QQuickItem*>(QStringLiteral("contextList"));
        QVERIFY(list);
        QQuickItem* row = nullptr;
        for (int index = 0; index < m_contexts->rowCount() && !row; ++index) {
            if (m_contexts->index(index).data(ContextsModel::NameRole).toString() == name) {
                QTRY_VERIFY(QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, row),
                                                      Q_ARG(int, index)) &&
                            row != nullptr);
            }
        }
        QVERIFY2(row, qPrintable(name));
        QVERIFY(row->isVisible() && row->height() > 0);
        click(row);
        QTRY_VERIFY(!switcher->property("popupOpened").toBool());
        QCOMPARE(m_contexts->currentContext(), name);
    }

    QTemporaryDir m_directory;
    std::unique_ptr<sim::Simulator> m_first;
    std::unique_ptr<sim::Simulator> m_second;
    std::unique_ptr<ClusterConnection> m_connection;
    std::unique_ptr<ContextsModel> m_contexts;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
};

QTEST_MAIN(TestContextSwitch)
#include "tst_contextswitch.moc"
