// ObjectModel against an in-process simulator over TLS: one object live with its events and related
// objects (owners up, owned down, selected pods, used ConfigMaps/Secrets/PVCs), deletion keeping the last
// state, and exact signal counts for scripted changes.
#include "informerregistry.h"
#include "objectmodel.h"
#include "objectmodeltesting.h"
#include "transporttesting.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace binnacle;
using namespace testing;

namespace {

const QString ns = QStringLiteral("objects");

watch::ReflectorOptions quickOptions() {
    watch::ReflectorOptions options;
    options.initialBackoff = std::chrono::milliseconds(50);
    options.maxBackoff = std::chrono::milliseconds(200);
    return options;
}

// Waits until the event loop has run for a while without the model changing: so that exact signal counts
// are not read while a batch is still on its way.
void settle() {
    QTest::qWait(300);
}

} // namespace

class TestObjectModel : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void showsOneObjectLive();
    void deletionKeepsTheLastState();
    void eventsAreLive();
    void ownerChainResolvedBothWays();
    void serviceSelectsPodsLive();
    void podUsesConfigMapSecretAndClaim();
    void releasesItsInformers();

private:
    std::unique_ptr<ObjectModel> watchObject(const QString& resource, const QString& name);

    Cluster m_cluster;
    std::unique_ptr<ObjectWriter> m_writer;
    std::unique_ptr<informers::InformerRegistry> m_registry;
};

void TestObjectModel::init() {
    m_cluster = startCluster();
    QVERIFY(m_cluster.simulator);
    m_writer = std::make_unique<ObjectWriter>(m_cluster.simulator.get(), ns);
    QVERIFY(m_writer->createNamespace());
    m_registry = std::make_unique<informers::InformerRegistry>(m_cluster.transport.get(), quickOptions());
    m_registry->setLinger(std::chrono::milliseconds(0));
}

void TestObjectModel::cleanup() {
    m_registry.reset();
    m_writer.reset();
    m_cluster = {};
}

std::unique_ptr<ObjectModel> TestObjectModel::watchObject(const QString& resource, const QString& name) {
    auto model = std::make_unique<ObjectModel>();
    model->setRegistry(m_registry.get());
    model->setResourceName(resource);
    model->setNamespaceName(ns);
    model->setName(name);
    return model;
}

void TestObjectModel::showsOneObjectLive() {
    QVERIFY(!m_writer->create({}, "configmaps", configMap("settings", "one")).isEmpty());
    QVERIFY(!m_writer->create({}, "configmaps", configMap("other")).isEmpty());
    const auto model = watchObject("configmaps", "settings");
    QTRY_VERIFY(model->loaded());
    QVERIFY(model->exists());
    QVERIFY(!model->deleted());
    QCOMPARE(model->kind(), QStringLiteral("ConfigMap"));
    QCOMPARE(model->json().value("data").toObject().value("value").toString(), QStringLiteral("one"));
    QVERIFY(!model->json().value("metadata").toObject().contains("managedFields"));
    QCOMPARE(
        model->uid(),
        m_writer->get({}, "configmaps", "settings").value("metadata").toObject().value("uid").toString());
    QTRY_COMPARE(model->stateName(), QStringLiteral("live"));

    QSignalSpy changes(model.get(), &ObjectModel::objectChanged);
    QVERIFY(m_writer->update({}, "configmaps", configMap("settings", "two")));
    QVERIFY(m_writer->update({}, "configmaps", configMap("other", "changed"))); // not ours: no signal
    QTRY_COMPARE(model->objectMap().value("data").toMap().value("value").toString(), QStringLiteral("two"));
    settle();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(model->resourceVersion(), m_writer->get({}, "configmaps", "settings")
                                           .value("metadata")
                                           .toObject()
                                           .value("resourceVersion")
                                           .toString());

    // A name nobody uses: loaded, and not there.
    const auto missing = watchObject("configmaps", "nothing-here");
    QTRY_VERIFY(missing->loaded());
    QVERIFY(!missing->exists());
    QVERIFY(!missing->deleted());
}

void TestObjectModel::deletionKeepsTheLastState() {
    QJsonObject labelled = configMap("settings", "last");
    labelled["metadata"] = metadata("settings", QJsonObject{{"team", "core"}});
    const QString uid = m_writer->create({}, "configmaps", labelled);
    const auto model = watchObject("configmaps", "settings");
    QTRY_VERIFY(model->exists());
    QCOMPARE(model->labels().value("team").toString(), QStringLiteral("core"));

    QSignalSpy changes(model.get(), &ObjectModel::objectChanged);
    QVERIFY(m_writer->remove({}, "configmaps", "settings"));
    QTRY_VERIFY(model->deleted());
    QVERIFY(!model->exists());
    QCOMPARE(model->uid(), uid); // the last state stays
    QCOMPARE(model->json().value("data").toObject().value("value").toString(), QStringLiteral("last"));
    QCOMPARE(model->labels().value("team").toString(), QStringLiteral("core"));
    settle();
    QCOMPARE(changes.size(), 1);

    // Re-created under the same name: another object, shown as such.
    const QString again = m_writer->create({}, "configmaps", configMap("settings", "new"));
    QTRY_VERIFY(model->exists());
    QVERIFY(!model->deleted());
    QCOMPARE(model->uid(), again);
    QVERIFY(again != uid);
}

void TestObjectModel::eventsAreLive() {
    const QString uid = m_writer->create({}, "configmaps", configMap("settings"));
    QVERIFY(!m_writer->create({}, "events", eventObject("e-old", uid, "Created", "2026-01-01T10:00:00Z"))
                 .isEmpty());
    QVERIFY(!m_writer->create({}, "events", eventObject("e-mid", uid, "Updated", "2026-01-01T10:05:00Z"))
                 .isEmpty());
    QVERIFY(!m_writer
                 ->create({}, "events",
                          eventObject("e-other", "another-uid", "Elsewhere", "2026-01-01T10:06:00Z"))
                 .isEmpty());
    const auto model = watchObject("configmaps", "settings");
    EventsModel* events = model->events();
    QAbstractItemModelTester tester(events, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(describe(*events), (QStringList{"Updated x1", "Created x1"}));
    const QModelIndex top = events->index(0);
    QCOMPARE(top.data(EventsModel::SourceRole).toString(), QStringLiteral("kubelet/node-1"));
    QCOMPARE(top.data(EventsModel::LastTimestampRole).toDateTime(),
             QDateTime(QDate(2026, 1, 1), QTime(10, 5), Qt::UTC));
    QCOMPARE(top.data(EventsModel::MessageRole).toString(), QStringLiteral("Updated happened"));
    settle();

    QSignalSpy inserts(events, &QAbstractItemModel::rowsInserted);
    QSignalSpy removes(events, &QAbstractItemModel::rowsRemoved);
    QSignalSpy moves(events, &QAbstractItemModel::rowsMoved);
    QSignalSpy changes(events, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(events, &QAbstractItemModel::modelReset);
    // A new warning goes on top.
    QVERIFY(!m_writer
                 ->create({}, "events",
                          eventObject("e-new", uid, "BackOff", "2026-01-01T10:10:00Z", 1, "Warning"))
                 .isEmpty());
    QTRY_COMPARE(describe(*events), (QStringList{"BackOff x1", "Updated x1", "Created x1"}));
    QCOMPARE(events->warningCount(), 1);
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(inserts.first().at(1).toInt(), 0);
    // The oldest is seen again: it counts up and moves to the top.
    QVERIFY(m_writer->update({}, "events", eventObject("e-old", uid, "Created", "2026-01-01T10:20:00Z", 2)));
    QTRY_COMPARE(describe(*events), (QStringList{"Created x2", "BackOff x1", "Updated x1"}));
    QCOMPARE(moves.size(), 1);
    QCOMPARE(changes.size(), 1);
    // One goes away.
    QVERIFY(m_writer->remove({}, "events", "e-mid"));
    QTRY_COMPARE(describe(*events), (QStringList{"Created x2", "BackOff x1"}));
    settle();
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(removes.size(), 1);
    QCOMPARE(moves.size(), 1);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(resets.size(), 0);
}

void TestObjectModel::ownerChainResolvedBothWays() {
    const QJsonObject labels{{"app", "web"}};
    const QString deployment = m_writer->create("apps", "deployments", workload("Deployment", "web", labels));
    const QString replicaSet = m_writer->create(
        "apps", "replicasets",
        workload("ReplicaSet", "web-7d9", labels, ownedBy("apps/v1", "Deployment", "web", deployment)));
    for (const char* name : {"web-7d9-a", "web-7d9-b"}) {
        QVERIFY(!m_writer
                     ->create({}, "pods",
                              pod(name, labels, ownedBy("apps/v1", "ReplicaSet", "web-7d9", replicaSet)))
                     .isEmpty());
    }
    QVERIFY(!m_writer->create({}, "pods", pod("stray", labels)).isEmpty()); // selected, owned by nobody
    QVERIFY(!m_writer->create({}, "pods", pod("db-0", QJsonObject{{"app", "db"}})).isEmpty());

    const auto down = watchObject("deployments.apps", "web");
    QAbstractItemModelTester downTester(down->related(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(describe(*down->related()),
                 (QStringList{"owned 1 ReplicaSet/web-7d9", "owned 2 Pod/web-7d9-a", "owned 2 Pod/web-7d9-b",
                              "selects 1 Pod/stray"}));
    const QModelIndex podRow = down->related()->index(1);
    QCOMPARE(podRow.data(RelatedObjectsModel::StatusRole).toString(), QStringLiteral("Pending"));
    QCOMPARE(podRow.data(RelatedObjectsModel::RelationRole).toString(), QStringLiteral("owned"));
    QCOMPARE(podRow.data(RelatedObjectsModel::NamespaceRole).toString(), ns);

    const auto up = watchObject("pods", "web-7d9-a");
    QAbstractItemModelTester upTester(up->related(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(describe(*up->related()),
                 (QStringList{"owner 1 ReplicaSet/web-7d9", "owner 2 Deployment/web"}));
    QCOMPARE(up->related()->rows().at(1).uid, deployment);
    QCOMPARE(up->related()->rows().at(0).detail, QStringLiteral("controller"));

    // The ReplicaSet goes: the pod's owner shows as missing, the chain above it is no longer known.
    QVERIFY(m_writer->remove("apps", "replicasets", "web-7d9"));
    QTRY_COMPARE(describe(*up->related()), (QStringList{"owner 1 ReplicaSet/web-7d9 missing"}));
    // The deployment's pods are orphans now, and still selected.
    QTRY_COMPARE(describe(*down->related()),
                 (QStringList{"selects 1 Pod/stray", "selects 1 Pod/web-7d9-a", "selects 1 Pod/web-7d9-b"}));
}

void TestObjectModel::serviceSelectsPodsLive() {
    const QJsonObject labels{{"app", "web"}};
    for (const char* name : {"web-1", "web-2"}) {
        QVERIFY(!m_writer->create({}, "pods", pod(name, labels)).isEmpty());
    }
    QVERIFY(!m_writer->create({}, "pods", pod("db-0", QJsonObject{{"app", "db"}})).isEmpty());
    QVERIFY(!m_writer->create({}, "services", service("web", labels)).isEmpty());
    const auto model = watchObject("services", "web");
    RelatedObjectsModel* related = model->related();
    QAbstractItemModelTester tester(related, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(describe(*related), (QStringList{"selects 1 Pod/web-1", "selects 1 Pod/web-2"}));
    settle();

    QSignalSpy inserts(related, &QAbstractItemModel::rowsInserted);
    QSignalSpy removes(related, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changes(related, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(related, &QAbstractItemModel::modelReset);
    QVERIFY(!m_writer->create({}, "pods", pod("web-3", labels)).isEmpty());
    QVERIFY(m_writer->update({}, "pods", pod("web-1", QJsonObject{{"app", "old"}}))); // no longer selected
    QVERIFY(m_writer->update({}, "pods", pod("db-0", QJsonObject{{"app", "db"}, {"x", "y"}}))); // irrelevant
    QTRY_COMPARE(describe(*related), (QStringList{"selects 1 Pod/web-2", "selects 1 Pod/web-3"}));
    settle();
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(removes.size(), 1);
    QCOMPARE(changes.size(), 0);
    QCOMPARE(resets.size(), 0);
}

void TestObjectModel::podUsesConfigMapSecretAndClaim() {
    QVERIFY(
        !m_writer->create({}, "pods", pod("app", QJsonObject{{"app", "x"}}, {}, volumesAndEnv())).isEmpty());
    QVERIFY(!m_writer->create({}, "configmaps", configMap("cm-a")).isEmpty());
    QVERIFY(!m_writer->create({}, "secrets", secret("sec-a")).isEmpty());
    QVERIFY(!m_writer->create({}, "persistentvolumeclaims", claim("data")).isEmpty());

    const auto model = watchObject("pods", "app");
    RelatedObjectsModel* related = model->related();
    QAbstractItemModelTester tester(related, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(describe(*related),
                 (QStringList{"uses 1 ConfigMap/cm-a", "uses 1 ConfigMap/cm-b missing",
                              "uses 1 PersistentVolumeClaim/data", "uses 1 Secret/sec-a"}));
    const RelatedObject& claimRow = related->rows().at(2);
    QCOMPARE(claimRow.detail, QStringLiteral("volume data"));
    QVERIFY(!claimRow.status.isEmpty()); // the PVC's Status cell (Pending without controllers)
    QCOMPARE(related->rows().at(3).detail, QStringLiteral("env PASSWORD"));
    settle();

    // The missing ConfigMap appears: the same row changes, nothing is inserted.
    QSignalSpy inserts(related, &QAbstractItemModel::rowsInserted);
    QSignalSpy changes(related, &QAbstractItemModel::dataChanged);
    QVERIFY(!m_writer->create({}, "configmaps", configMap("cm-b")).isEmpty());
    QTRY_COMPARE(describe(*related),
                 (QStringList{"uses 1 ConfigMap/cm-a", "uses 1 ConfigMap/cm-b",
                              "uses 1 PersistentVolumeClaim/data", "uses 1 Secret/sec-a"}));
    settle();
    QCOMPARE(inserts.size(), 0);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().at(0).toModelIndex().row(), 1);
}

void TestObjectModel::releasesItsInformers() {
    const QJsonObject labels{{"app", "web"}};
    QVERIFY(!m_writer->create("apps", "deployments", workload("Deployment", "web", labels)).isEmpty());
    auto model = watchObject("deployments", "web");
    QTRY_VERIFY(model->exists());
    // The object, its events, and its ReplicaSets and Pods (owned and selected share one), ConfigMaps etc.
    // are not needed: its template names none.
    QTRY_COMPARE(model->relatedSubscriptionCount(), 2);
    QCOMPARE(m_registry->informerCount(), 4);
    model.reset();
    QTRY_COMPARE(m_registry->informerCount(), 0);
}

QTEST_GUILESS_MAIN(TestObjectModel)
#include "tst_objectmodel.moc"
