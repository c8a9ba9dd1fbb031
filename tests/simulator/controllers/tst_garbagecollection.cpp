// Owner-reference garbage collection (background, foreground, orphan) and namespace deletion.
#include "testcluster.h"

using namespace binnacle::sim;
using namespace binnacle::sim::testing;

namespace {

const char* kReplicaSet = R"({
  "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "cache"},
  "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "cache"}},
           "template": {"metadata": {"labels": {"app": "cache"}},
                        "spec": {"terminationGracePeriodSeconds": 1,
                                 "containers": [{"name": "redis", "image": "redis:7"}]}}}})";

int ownedPods(const TestCluster& cluster) {
    return int(cluster.podsWithLabel(QStringLiteral("app"), QStringLiteral("cache")).size());
}

} // namespace

class TestGarbageCollection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void backgroundDeletionRemovesDependents() {
        TestCluster cluster;
        cluster.create("apps", "replicasets", kReplicaSet);
        QTRY_COMPARE_WITH_TIMEOUT(cluster.readyPodsWithLabel(QStringLiteral("app"), QStringLiteral("cache")),
                                  2, kTimeout);
        DeleteOptions options;
        options.propagationPolicy = QStringLiteral("Background");
        QVERIFY(cluster.storage
                    ->remove(cluster.type("apps", "replicasets"), QStringLiteral("default"),
                             QStringLiteral("cache"), options)
                    .deleted);
        QTRY_COMPARE_WITH_TIMEOUT(ownedPods(cluster), 0, kTimeout);
    }

    void foregroundDeletionWaitsForDependents() {
        TestCluster cluster;
        cluster.create("apps", "replicasets", kReplicaSet);
        QTRY_COMPARE_WITH_TIMEOUT(cluster.readyPodsWithLabel(QStringLiteral("app"), QStringLiteral("cache")),
                                  2, kTimeout);
        // Record whether the ReplicaSet ever vanished while a pod still existed.
        bool ownerWentFirst = false;
        QObject::connect(cluster.store.get(), &ObjectStore::eventRecorded, cluster.store.get(),
                         [&](const WatchEvent& event) {
                             if (event.type == WatchEvent::Type::Deleted &&
                                 event.typeKey == QLatin1String("apps/replicasets")) {
                                 ownerWentFirst = ownerWentFirst || ownedPods(cluster) > 0;
                             }
                         });
        DeleteOptions options;
        options.propagationPolicy = QStringLiteral("Foreground");
        const WriteResult result = cluster.storage->remove(
            cluster.type("apps", "replicasets"), QStringLiteral("default"), QStringLiteral("cache"), options);
        QVERIFY(result.ok());
        QVERIFY(!result.deleted);
        QVERIFY(objects::hasFinalizer(cluster.get("apps", "replicasets", QStringLiteral("cache"))->object,
                                      QStringLiteral("foregroundDeletion")));
        QTRY_VERIFY_WITH_TIMEOUT(!cluster.get("apps", "replicasets", QStringLiteral("cache")), kTimeout);
        QCOMPARE(ownedPods(cluster), 0);
        QVERIFY(!ownerWentFirst);
    }

    void orphanDeletionKeepsDependents() {
        TestCluster cluster;
        cluster.create("apps", "replicasets", kReplicaSet);
        QTRY_COMPARE_WITH_TIMEOUT(cluster.readyPodsWithLabel(QStringLiteral("app"), QStringLiteral("cache")),
                                  2, kTimeout);
        DeleteOptions options;
        options.propagationPolicy = QStringLiteral("Orphan");
        QVERIFY(cluster.storage
                    ->remove(cluster.type("apps", "replicasets"), QStringLiteral("default"),
                             QStringLiteral("cache"), options)
                    .ok());
        QTRY_VERIFY_WITH_TIMEOUT(!cluster.get("apps", "replicasets", QStringLiteral("cache")), kTimeout);
        QTest::qWait(100); // let any wrongful cascade happen
        const QList<ObjectPtr> pods = cluster.podsWithLabel(QStringLiteral("app"), QStringLiteral("cache"));
        QCOMPARE(pods.size(), 2);
        for (const ObjectPtr& pod : pods) {
            QVERIFY(!objects::metadata(pod->object).contains(QLatin1String("ownerReferences")));
            QVERIFY(!objects::isDeleting(pod->object));
        }
    }

    void deploymentCascadesThroughReplicaSets() {
        TestCluster cluster;
        cluster.create("apps", "deployments",
                       R"({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api"},
            "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "cache"}},
                     "template": {"metadata": {"labels": {"app": "cache"}},
                                  "spec": {"containers": [{"name": "api", "image": "api:1"}]}}}})");
        QTRY_COMPARE_WITH_TIMEOUT(cluster.readyPodsWithLabel(QStringLiteral("app"), QStringLiteral("cache")),
                                  2, kTimeout);
        cluster.storage->remove(cluster.type("apps", "deployments"), QStringLiteral("default"),
                                QStringLiteral("api"));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.list("apps", "replicasets").isEmpty(), kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ownedPods(cluster), 0, kTimeout);
    }

    void namespaceDeletionRemovesItsObjects() {
        TestCluster cluster;
        cluster.create("", "namespaces",
                       R"({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team"}})",
                       QString());
        cluster.create("", "configmaps",
                       R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"},
            "data": {"a": "b"}})",
                       QStringLiteral("team"));
        cluster.create("apps", "replicasets", kReplicaSet, QStringLiteral("team"));
        QTRY_COMPARE_WITH_TIMEOUT(cluster.list("", "pods", QStringLiteral("team")).size(), 2, kTimeout);

        QVERIFY(
            cluster.storage->remove(cluster.type("", "namespaces"), QString(), QStringLiteral("team")).ok());
        QCOMPARE(TestCluster::at(cluster.get("", "namespaces", QStringLiteral("team")),
                                 QStringLiteral("status.phase"))
                     .toString(),
                 QStringLiteral("Terminating"));
        QTRY_VERIFY_WITH_TIMEOUT(!cluster.get("", "namespaces", QStringLiteral("team")), kTimeout);
        QVERIFY(cluster.list("", "configmaps", QStringLiteral("team")).isEmpty());
        QVERIFY(cluster.list("apps", "replicasets", QStringLiteral("team")).isEmpty());
        QVERIFY(cluster.list("", "pods", QStringLiteral("team")).isEmpty());
        QVERIFY(cluster.get("", "namespaces", QStringLiteral("default")));
    }
};

QTEST_GUILESS_MAIN(TestGarbageCollection)
#include "tst_garbagecollection.moc"
