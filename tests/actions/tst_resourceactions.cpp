// ResourceActions (Binnacle.Core) with its transport on a worker thread, against the simulator over TLS:
// the actions a kind offers, disabled with the RBAC reason for the read-only user, run() changing the
// server, and permission answers reused within their TTL.
#include "actionstesting.h"
#include "resourceactions.h"
#include "transportstats.h"

#include <QThread>

using namespace actionstesting;
using namespace binnacle;

namespace {
const QString ns = QStringLiteral("default");

QVariantMap actionById(const QVariantList& list, const QString& id) {
    for (const QVariant& each : list) {
        if (each.toMap().value(QStringLiteral("id")).toString() == id) {
            return each.toMap();
        }
    }
    return {};
}

QVariantList selection(const QStringList& names) {
    QVariantList list;
    for (const QString& name : names) {
        list.append(QVariantMap{{QStringLiteral("namespace"), ns}, {QStringLiteral("name"), name}});
    }
    return list;
}
} // namespace

// A transport living on a thread of its own, as ClusterConnection keeps it.
class WorkerTransport {
public:
    WorkerTransport(const sim::Simulator& simulator, const QString& bearer) {
        m_thread.start();
        m_token = new StaticToken(bearer);
        transport::ClusterEndpoint endpoint;
        endpoint.server = QUrl(simulator.serverUrl());
        endpoint.caPem = simulator.credentials().caPem;
        transport::TransportOptions options;
        options.qps = -1;
        m_transport = new transport::ClusterTransport(endpoint, m_token, options);
        m_transport->moveToThread(&m_thread);
    }
    ~WorkerTransport() {
        QMetaObject::invokeMethod(
            m_transport, [transport = m_transport] { delete transport; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        delete m_token;
    }
    transport::ClusterTransport* get() const { return m_transport; }
    qint64 requestsDone() const {
        qint64 done = 0;
        QMetaObject::invokeMethod(
            m_transport, [&] { done = m_transport->stats()->done(); }, Qt::BlockingQueuedConnection);
        return done;
    }

private:
    QThread m_thread;
    StaticToken* m_token = nullptr;
    transport::ClusterTransport* m_transport = nullptr;
};

class TestResourceActions : public QObject {
    Q_OBJECT

    Cluster m_cluster;
    std::unique_ptr<WorkerTransport> m_adminWorker;
    std::unique_ptr<WorkerTransport> m_readOnlyWorker;
    Calls calls() { return Calls(m_cluster.admin.client.get()); }

    std::unique_ptr<ResourceActions> actionsFor(WorkerTransport& worker, const client::ApiResource& resource,
                                                const QStringList& names) {
        auto actions = std::make_unique<ResourceActions>();
        actions->setTransport(worker.get());
        actions->setResource(resource);
        actions->setObjects(selection(names));
        return actions;
    }
    static bool settled(const ResourceActions& actions) {
        return !actions.actions().isEmpty() && !actions.checking();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        m_adminWorker = std::make_unique<WorkerTransport>(*m_cluster.simulator,
                                                          m_cluster.simulator->credentials().adminToken);
        m_readOnlyWorker = std::make_unique<WorkerTransport>(
            *m_cluster.simulator, m_cluster.simulator->credentials().readOnlyToken);
        for (const char* name : {"web", "api"}) {
            const QJsonObject deployment{
                {"apiVersion", "apps/v1"},
                {"kind", "Deployment"},
                {"metadata", QJsonObject{{"name", name}, {"namespace", ns}}},
                {"spec",
                 QJsonObject{
                     {"replicas", 1},
                     {"selector", QJsonObject{{"matchLabels", QJsonObject{{"app", name}}}}},
                     {"template",
                      QJsonObject{{"metadata", QJsonObject{{"labels", QJsonObject{{"app", name}}}}},
                                  {"spec", parse(R"({"containers":[{"name":"a","image":"b"}]})")}}}}}};
            QVERIFY(calls().create(deployments(), ns, deployment).ok());
        }
    }
    void cleanupTestCase() {
        m_adminWorker.reset();
        m_readOnlyWorker.reset();
    }

    void offersTheKindsActions_data() {
        QTest::addColumn<QString>("plural");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("deployments") << "deployments"
                                     << QStringList{"viewYaml", "edit", "logs", "scale", "restart", "delete"};
        QTest::newRow("nodes") << "nodes"
                               << QStringList{"viewYaml", "edit", "cordon", "uncordon", "drain", "delete"};
        QTest::newRow("cronjobs") << "cronjobs" << QStringList{"viewYaml", "edit",   "trigger",
                                                               "suspend",  "resume", "delete"};
        QTest::newRow("pods") << "pods" << QStringList{"viewYaml", "edit", "logs", "shell", "delete"};
    }
    void offersTheKindsActions() {
        QFETCH(QString, plural);
        QFETCH(QStringList, ids);
        const client::ApiResource resource = plural == QLatin1String("deployments") ? deployments()
                                             : plural == QLatin1String("nodes")     ? nodes()
                                             : plural == QLatin1String("cronjobs")  ? cronJobs()
                                                                                    : pods();
        auto actions = actionsFor(*m_adminWorker, resource, {});
        QTRY_VERIFY(!actions->actions().isEmpty());
        QStringList offered;
        for (const QVariant& each : actions->actions()) {
            offered.append(each.toMap().value(QStringLiteral("id")).toString());
            // Nothing selected: nothing enabled, and why.
            QCOMPARE(each.toMap().value(QStringLiteral("enabled")).toBool(), false);
            QCOMPARE(each.toMap().value(QStringLiteral("reason")).toString(),
                     QStringLiteral("select an object first"));
        }
        QCOMPARE(offered, ids);
        QCOMPARE(actionById(actions->actions(), "delete").value("destructive").toBool(), true);
    }

    void adminMayDoEverything() {
        auto actions = actionsFor(*m_adminWorker, deployments(), {"web"});
        QTRY_VERIFY_WITH_TIMEOUT(settled(*actions), 20000);
        for (const QVariant& each : actions->actions()) {
            QVERIFY2(each.toMap().value("enabled").toBool(),
                     qPrintable(each.toMap().value("reason").toString()));
        }
    }

    void readOnlyUserSeesWritesDisabledWithTheReason() {
        auto actions = actionsFor(*m_readOnlyWorker, deployments(), {"web"});
        QTRY_VERIFY_WITH_TIMEOUT(settled(*actions), 20000);
        const QVariantList list = actions->actions();
        for (const char* id : {"viewYaml", "logs"}) {
            QVERIFY2(actionById(list, id).value("enabled").toBool(), id);
        }
        for (const char* id : {"edit", "scale", "restart", "delete"}) {
            QVERIFY2(!actionById(list, id).value("enabled").toBool(), id);
        }
        QCOMPARE(actionById(list, "delete").value("reason").toString(),
                 QStringLiteral("RBAC: not allowed to delete deployments.apps in namespace \"default\""));
        QCOMPARE(
            actionById(list, "scale").value("reason").toString(),
            QStringLiteral("RBAC: not allowed to patch deployments.apps/scale in namespace \"default\""));
        // run() refuses without asking the server.
        QSignalSpy finished(actions.get(), &ResourceActions::finished);
        actions->run("delete");
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toBool(), false);
        QVERIFY(calls().exists(deployments(), ns, "web"));
    }

    void singleObjectActionsNeedOne() {
        auto actions = actionsFor(*m_adminWorker, deployments(), {"web", "api"});
        QTRY_VERIFY_WITH_TIMEOUT(settled(*actions), 20000);
        QCOMPARE(actionById(actions->actions(), "viewYaml").value("reason").toString(),
                 QStringLiteral("select one object"));
        QVERIFY(actionById(actions->actions(), "scale").value("enabled").toBool());
    }

    void runChangesTheServer() {
        auto actions = actionsFor(*m_adminWorker, deployments(), {"web", "api"});
        QTRY_VERIFY_WITH_TIMEOUT(settled(*actions), 20000);
        QSignalSpy finished(actions.get(), &ResourceActions::finished);
        actions->run("scale", {{"replicas", 3}});
        QVERIFY(actions->busy());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY(!actions->busy());
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("scale"));
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
        QCOMPARE(actions->lastResult(), QStringLiteral("scaled 2 deployments"));
        QCOMPARE(actions->lastItems().size(), 2);
        QCOMPARE(actions->lastItems().first().toMap().value("outcome").toString(), QStringLiteral("done"));
        QCOMPARE(calls()
                     .get(deployments(), ns, "api")
                     .object()[QLatin1String("spec")][QLatin1String("replicas")]
                     .toInt(),
                 3);

        actions->run("delete", {{"propagationPolicy", "Background"}});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
        QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(2).toString()));
        QVERIFY(!calls().exists(deployments(), ns, "web"));
        QVERIFY(!calls().exists(deployments(), ns, "api"));
    }

    void viewOnlyActionsAreNotRun() {
        auto actions = actionsFor(*m_adminWorker, pods(), {"p"});
        QTRY_VERIFY_WITH_TIMEOUT(settled(*actions), 20000);
        QSignalSpy finished(actions.get(), &ResourceActions::finished);
        actions->run("logs");
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(2).toString(), QStringLiteral("Logs is carried out by the view"));
    }

    void permissionsAreReusedWithinTheTtl() {
        auto actions = actionsFor(*m_readOnlyWorker, cronJobs(), {"a"});
        QTRY_VERIFY_WITH_TIMEOUT(settled(*actions), 20000);
        const qint64 before = m_readOnlyWorker->requestsDone();
        // Another object of the same namespace, the menu opened again: the same questions, no new review.
        actions->setObjects(selection({"b"}));
        QTRY_VERIFY_WITH_TIMEOUT(settled(*actions), 20000);
        actions->setObjects(selection({"a"}));
        QTRY_VERIFY_WITH_TIMEOUT(settled(*actions), 20000);
        QCOMPARE(m_readOnlyWorker->requestsDone(), before);
        QVERIFY(!actionById(actions->actions(), "trigger").value("enabled").toBool());
        // Asked again on request.
        actions->refreshPermissions();
        QTRY_VERIFY_WITH_TIMEOUT(m_readOnlyWorker->requestsDone() > before, 20000);
    }
};

QTEST_MAIN(TestResourceActions)
#include "tst_resourceactions.moc"
