// ClusterConnection and ResourceView without a window, against an in-process simulator over TLS: resource
// names resolve as kubectl resolves them, a view follows its kind and namespace, sorts, says when a kind is
// unknown, and Status cells read as good, warning or bad.
#include "clusterconnection.h"
#include "informerregistry.h"
#include "resourcestorage.h"
#include "resourceview.h"
#include "simulator.h"
#include "staticcredentialprovider.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace binnacle;

namespace {
const QString teamNamespace = QStringLiteral("team-b");
}

class TestResourceView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void severityOf_data();
    void severityOf();
    void findsResourcesByAnyName_data();
    void findsResourcesByAnyName();
    void followsKindAndNamespace();
    void sortsByColumn();
    void unknownKindIsSaid();

private:
    QStringList names(const ResourceView& view) const;

    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<ClusterConnection> m_connection;
};

void TestResourceView::initTestCase() {
    sim::SimulatorOptions options;
    options.controllers = false;
    m_simulator = std::make_unique<sim::Simulator>(options);
    QString error;
    QVERIFY2(m_simulator->start(&error), qPrintable(error));
    sim::ResourceStorage* storage = m_simulator->storage();
    QVERIFY(storage
                ->create(storage->type(QString(), QStringLiteral("namespaces")), QString(),
                         QJsonObject{{"apiVersion", "v1"},
                                     {"kind", "Namespace"},
                                     {"metadata", QJsonObject{{"name", teamNamespace}}}})
                .ok());
    for (const QString& name : {QStringLiteral("cm-9"), QStringLiteral("cm-10"), QStringLiteral("cm-1")}) {
        QVERIFY(
            storage
                ->create(storage->type(QString(), QStringLiteral("configmaps")), teamNamespace,
                         QJsonObject{{"apiVersion", "v1"},
                                     {"kind", "ConfigMap"},
                                     {"metadata", QJsonObject{{"name", name}, {"namespace", teamNamespace}}}})
                .ok());
    }
    m_connection = std::make_unique<ClusterConnection>();
    transport::ClusterEndpoint endpoint;
    endpoint.server = QUrl(m_simulator->serverUrl());
    endpoint.caPem = m_simulator->credentials().caPem;
    auth::StaticCredentialProvider::Settings settings;
    settings.token = m_simulator->credentials().adminToken;
    ClusterConnection::Options connectionOptions;
    connectionOptions.useDiscoveryCache = false;
    m_connection->connectTo(endpoint, std::make_unique<auth::StaticCredentialProvider>(settings),
                            QStringLiteral("test"), connectionOptions);
    QCOMPARE(m_connection->serverUrl(), m_simulator->serverUrl());
    QTRY_VERIFY_WITH_TIMEOUT(m_connection->connected(), 10000);
    QVERIFY(m_connection->kinds()->rowCount() > 10);
    QTRY_VERIFY(m_connection->namespaces().contains(teamNamespace));
}

void TestResourceView::cleanupTestCase() {
    m_connection.reset();
    m_simulator.reset();
}

QStringList TestResourceView::names(const ResourceView& view) const {
    QStringList result;
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        result.append(view.model()->index(row, 0).data(ResourceTableModel::NameRole).toString());
    }
    return result;
}

void TestResourceView::severityOf_data() {
    QTest::addColumn<QString>("status");
    QTest::addColumn<ResourceView::Severity>("severity");
    QTest::newRow("running") << "Running" << ResourceView::Severity::Good;
    QTest::newRow("completed") << "Completed" << ResourceView::Severity::Good;
    QTest::newRow("node ready") << "Ready" << ResourceView::Severity::Good;
    QTest::newRow("pending") << "Pending" << ResourceView::Severity::Warning;
    QTest::newRow("creating") << "ContainerCreating" << ResourceView::Severity::Warning;
    QTest::newRow("init") << "Init:0/2" << ResourceView::Severity::Warning;
    QTest::newRow("cordoned") << "Ready,SchedulingDisabled" << ResourceView::Severity::Warning;
    QTest::newRow("crashloop") << "CrashLoopBackOff" << ResourceView::Severity::Bad;
    QTest::newRow("error") << "Error" << ResourceView::Severity::Bad;
    QTest::newRow("failed") << "Failed" << ResourceView::Severity::Bad;
    QTest::newRow("init error") << "Init:Error" << ResourceView::Severity::Bad;
    QTest::newRow("image") << "ImagePullBackOff" << ResourceView::Severity::Bad;
    QTest::newRow("empty") << "" << ResourceView::Severity::Neutral;
    QTest::newRow("other") << "Whatever" << ResourceView::Severity::Neutral;
}

void TestResourceView::severityOf() {
    QFETCH(QString, status);
    QFETCH(ResourceView::Severity, severity);
    QCOMPARE(ResourceView::severityOf(status), severity);
}

void TestResourceView::findsResourcesByAnyName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("key");
    QTest::newRow("plural") << "pods"
                            << "pods";
    QTest::newRow("singular") << "pod"
                              << "pods";
    QTest::newRow("kind") << "Pod"
                          << "pods";
    QTest::newRow("short") << "po"
                           << "pods";
    QTest::newRow("grouped") << "deployments.apps"
                             << "deployments.apps";
    QTest::newRow("deploy") << "deploy"
                            << "deployments.apps";
    QTest::newRow("core events first") << "events"
                                       << "events";
    QTest::newRow("unknown") << "nosuchthing"
                             << "";
}

void TestResourceView::findsResourcesByAnyName() {
    QFETCH(QString, name);
    QFETCH(QString, key);
    const auto resource = m_connection->findResource(name);
    QCOMPARE(resource ? resource->groupResource() : QString(), key);
}

void TestResourceView::followsKindAndNamespace() {
    ResourceView view;
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.setConnection(m_connection.get());
    view.setResourceKey(QStringLiteral("cm"));
    QCOMPARE(view.resolvedKey(), QStringLiteral("configmaps"));
    QVERIFY(view.namespaced());
    QTRY_VERIFY(view.ready());
    QVERIFY(view.table()->showNamespace()); // all namespaces
    QTRY_COMPARE(view.healthText(), QStringLiteral("live"));

    view.setNamespaceName(teamNamespace);
    QVERIFY(!view.table()->showNamespace());
    QTRY_COMPARE(view.model()->rowCount(), 3);
    QCOMPARE(view.health()->objectCount(), 3);
    // The view's scope is the sidebar's: one informer for both.
    m_connection->kinds()->setNamespaceName(teamNamespace);
    m_connection->kinds()->setCountedResources({QStringLiteral("configmaps")});
    watch::WatchTarget target;
    target.resource = *m_connection->findResource(QStringLiteral("configmaps"));
    target.namespaceName = teamNamespace;
    target.form = watch::WatchTarget::Form::Table;
    QCOMPARE(m_connection->registry()->subscriberCount(target), 2);

    view.setResourceKey(QStringLiteral("namespaces")); // cluster-scoped: the namespace does not apply
    QVERIFY(!view.namespaced());
    QTRY_VERIFY(names(view).contains(teamNamespace));
}

void TestResourceView::sortsByColumn() {
    ResourceView view;
    view.setConnection(m_connection.get());
    view.setResourceKey(QStringLiteral("configmaps"));
    view.setNamespaceName(teamNamespace);
    QTRY_COMPARE(view.model()->rowCount(), 3);
    view.sortBy(0);
    QCOMPARE(view.sortColumn(), 0);
    QCOMPARE(view.sortOrder(), Qt::AscendingOrder);
    QCOMPARE(names(view), (QStringList{"cm-1", "cm-9", "cm-10"})); // natural order
    view.sortBy(0);
    QCOMPARE(view.sortOrder(), Qt::DescendingOrder);
    QCOMPARE(names(view), (QStringList{"cm-10", "cm-9", "cm-1"}));
}

void TestResourceView::unknownKindIsSaid() {
    ResourceView view;
    view.setConnection(m_connection.get());
    view.setResourceKey(QStringLiteral("nosuchkind"));
    QVERIFY(!view.health());
    QCOMPARE(view.resolvedKey(), QString());
    QVERIFY(view.healthText().contains(QStringLiteral("nosuchkind")));
    QVERIFY(!view.ready());
}

QTEST_GUILESS_MAIN(TestResourceView)
#include "tst_resourceview.moc"
