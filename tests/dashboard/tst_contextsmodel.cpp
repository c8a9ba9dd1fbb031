// The context switcher's model against two in-process simulators named in one kubeconfig: every context is
// listed, switching reconnects the same ClusterConnection to the other cluster and its views show that
// cluster's objects, an unusable context is refused with the reason while the current one stays, and a
// reload picks up a context added to the file.
#include "clusterconnection.h"
#include "contextsmodel.h"
#include "kubeconfiglocation.h"
#include "resourcestorage.h"
#include "resourceview.h"
#include "simulator.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
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

bool addConfigMap(sim::Simulator& simulator, const QString& name) {
    sim::ResourceStorage* storage = simulator.storage();
    return storage
        ->create(storage->type(QString(), QStringLiteral("configmaps")), QStringLiteral("default"),
                 QJsonObject{{"apiVersion", "v1"},
                             {"kind", "ConfigMap"},
                             {"metadata", QJsonObject{{"name", name}, {"namespace", "default"}}}})
        .ok();
}

QStringList names(const ResourceView& view) {
    QStringList result;
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        result.append(view.model()->index(row, 0).data(ResourceTableModel::NameRole).toString());
    }
    result.removeAll(QStringLiteral("kube-root-ca.crt"));
    return result;
}

} // namespace

class TestContextsModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // the discovery cache goes to a test location
        sim::SimulatorOptions options;
        options.controllers = false;
        QString error;
        m_first = std::make_unique<sim::Simulator>(options);
        m_second = std::make_unique<sim::Simulator>(options);
        QVERIFY2(m_first->start(&error), qPrintable(error));
        QVERIFY2(m_second->start(&error), qPrintable(error));
        QVERIFY(addConfigMap(*m_first, QStringLiteral("only-on-first")));
        QVERIFY(addConfigMap(*m_second, QStringLiteral("only-on-second")));
        m_kubeconfigPath = m_directory.filePath(QStringLiteral("config"));
        writeKubeconfig(false);
    }

    void cleanupTestCase() {
        m_second.reset();
        m_first.reset();
    }

    void listsAndSwitches() {
        ClusterConnection connection;
        ContextsModel contexts(&connection);
        QAbstractItemModelTester tester(&contexts, QAbstractItemModelTester::FailureReportingMode::QtTest);
        contexts.setLocation(config::KubeconfigLocation::fromFiles({m_kubeconfigPath}));
        QVERIFY2(contexts.error().isEmpty(), qPrintable(contexts.error()));
        QVERIFY(!contexts.noKubeconfig());
        QCOMPARE(contexts.rowCount(), 3);
        QCOMPARE(contexts.index(0).data(ContextsModel::NameRole).toString(), QStringLiteral("first"));
        QCOMPARE(contexts.index(1).data(ContextsModel::ServerRole).toString(), m_second->serverUrl());
        QCOMPARE(contexts.kubeconfigCurrentContext(), QStringLiteral("first"));

        ResourceView view;
        view.setConnection(&connection);
        view.setResourceKey(QStringLiteral("configmaps"));
        view.setNamespaceName(QStringLiteral("default"));

        QVERIFY(contexts.switchTo(QStringLiteral("first")));
        QCOMPARE(contexts.currentContext(), QStringLiteral("first"));
        QVERIFY(contexts.index(0).data(ContextsModel::IsCurrentRole).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(names(view), QStringList{QStringLiteral("only-on-first")}, 15000);

        QSignalSpy sessions(&connection, &ClusterConnection::sessionChanged);
        QSignalSpy currentChanges(&contexts, &QAbstractItemModel::dataChanged);
        QVERIFY(contexts.switchTo(QStringLiteral("second")));
        QVERIFY(sessions.size() >= 1);
        QCOMPARE(connection.contextName(), QStringLiteral("second"));
        QVERIFY(!contexts.index(0).data(ContextsModel::IsCurrentRole).toBool());
        QVERIFY(contexts.index(1).data(ContextsModel::IsCurrentRole).toBool());
        QCOMPARE(currentChanges.size(), 2); // the old current row and the new one, nothing else
        QTRY_COMPARE_WITH_TIMEOUT(names(view), QStringList{QStringLiteral("only-on-second")}, 15000);

        // Switching to the current context again does not reconnect.
        sessions.clear();
        QVERIFY(contexts.switchTo(QStringLiteral("second")));
        QCOMPARE(sessions.size(), 0);

        // A context whose cluster is missing is refused with the reason; the connection stays.
        QVERIFY(!contexts.switchTo(QStringLiteral("broken")));
        QVERIFY2(contexts.error().contains(QStringLiteral("missing-cluster")), qPrintable(contexts.error()));
        QCOMPARE(connection.contextName(), QStringLiteral("second"));
        QCOMPARE(contexts.currentContext(), QStringLiteral("second"));
        QVERIFY(!contexts.switchTo(QStringLiteral("no-such-context")));
        QVERIFY(contexts.error().contains(QStringLiteral("does not exist")));
        QCOMPARE(names(view), QStringList{QStringLiteral("only-on-second")});
    }

    void reloadSeesNewContexts() {
        ClusterConnection connection;
        ContextsModel contexts(&connection);
        contexts.setLocation(config::KubeconfigLocation::fromFiles({m_kubeconfigPath}));
        QCOMPARE(contexts.rowCount(), 3);
        writeKubeconfig(true);
        QSignalSpy resets(&contexts, &QAbstractItemModel::modelReset);
        contexts.reload();
        QCOMPARE(resets.size(), 1);
        QCOMPARE(contexts.rowCount(), 4);
        QCOMPARE(contexts.index(3).data(ContextsModel::NameRole).toString(), QStringLiteral("added-later"));
        writeKubeconfig(false);
    }

    void demoIsOfferedLast() {
        ClusterConnection connection;
        ContextsModel contexts(&connection);
        contexts.setLocation(config::KubeconfigLocation::fromFiles({m_directory.filePath("absent")}));
        QVERIFY(contexts.noKubeconfig());
        QCOMPARE(contexts.rowCount(), 0);
        int started = 0;
        contexts.setDemo([&started] { ++started; });
        QCOMPARE(contexts.rowCount(), 1);
        QCOMPARE(contexts.index(0).data(ContextsModel::NameRole).toString(), ContextsModel::kDemoContext);
        QVERIFY(contexts.index(0).data(ContextsModel::IsDemoRole).toBool());
        QVERIFY(contexts.switchTo(ContextsModel::kDemoContext));
        QCOMPARE(started, 1);
    }

private:
    void writeKubeconfig(bool withExtraContext) {
        QString text =
            QStringLiteral("apiVersion: v1\nkind: Config\ncurrent-context: first\nclusters:\n") +
            clusterEntry(QStringLiteral("cluster-one"), *m_first) +
            clusterEntry(QStringLiteral("cluster-two"), *m_second) + QStringLiteral("users:\n") +
            userEntry(QStringLiteral("admin-one"), *m_first) +
            userEntry(QStringLiteral("admin-two"), *m_second) +
            QStringLiteral("contexts:\n"
                           "- name: first\n  context:\n    cluster: cluster-one\n    user: admin-one\n"
                           "- name: second\n  context:\n    cluster: cluster-two\n    user: admin-two\n"
                           "- name: broken\n  context:\n    cluster: missing-cluster\n    user: admin-one\n");
        if (withExtraContext) {
            text += QStringLiteral(
                "- name: added-later\n  context:\n    cluster: cluster-one\n    user: admin-one\n");
        }
        QFile file(m_kubeconfigPath);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text.toUtf8());
    }

    QTemporaryDir m_directory;
    QString m_kubeconfigPath;
    std::unique_ptr<sim::Simulator> m_first;
    std::unique_ptr<sim::Simulator> m_second;
};

QTEST_MAIN(TestContextsModel)
#include "tst_contextsmodel.moc"
