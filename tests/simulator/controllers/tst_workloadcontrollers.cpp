// Deployments, ReplicaSets, StatefulSets and DaemonSets driving pods in an in-process cluster.
#include "testcluster.h"

#include <QSignalSpy>

using namespace binnacle::sim;
using namespace binnacle::sim::testing;

namespace {

const char* kDeployment = R"({
  "apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "web"},
  "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
           "template": {"metadata": {"labels": {"app": "web"}},
                        "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}}})";

QString conditionReason(const ObjectPtr& object, const QString& type) {
    const QJsonArray conditions = TestCluster::at(object, QStringLiteral("status.conditions")).toArray();
    return objects::findCondition(conditions, type).value(QLatin1String("reason")).toString();
}

// Rolled out as `kubectl rollout status` sees it.
bool rolledOut(const ObjectPtr& deployment, int replicas) {
    const auto count = [&](const char* field) {
        return TestCluster::at(deployment, QStringLiteral("status.") + QLatin1String(field)).toInt();
    };
    return deployment && count("observedGeneration") >= objects::generation(deployment->object) &&
           count("updatedReplicas") == replicas && count("replicas") == replicas &&
           count("availableReplicas") == replicas &&
           conditionReason(deployment, QStringLiteral("Progressing")) ==
               QLatin1String("NewReplicaSetAvailable");
}

QJsonObject withSpecChange(const ObjectPtr& object, const QString& path, const QJsonValue& value) {
    return objects::setObjectAt(object->object, path, value);
}

} // namespace

class TestWorkloadControllers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deploymentCreatesReplicaSetAndReadyPods() {
        TestCluster cluster;
        cluster.create("apps", "deployments", kDeployment);
        QTRY_VERIFY_WITH_TIMEOUT(rolledOut(cluster.get("apps", "deployments", QStringLiteral("web")), 3),
                                 kTimeout);

        const ObjectPtr deployment = cluster.get("apps", "deployments", QStringLiteral("web"));
        QCOMPARE(objects::annotation(deployment->object, QStringLiteral("deployment.kubernetes.io/revision")),
                 QStringLiteral("1"));
        QCOMPARE(conditionReason(deployment, QStringLiteral("Available")),
                 QStringLiteral("MinimumReplicasAvailable"));
        const QList<ObjectPtr> replicaSets = cluster.list("apps", "replicasets");
        QCOMPARE(replicaSets.size(), 1);
        const QString hash =
            objects::labels(replicaSets.first()->object).value(QLatin1String("pod-template-hash")).toString();
        QVERIFY(!hash.isEmpty());
        QCOMPARE(replicaSets.first()->name(), QStringLiteral("web-") + hash);
        QVERIFY(objects::isControlledBy(replicaSets.first()->object, objects::uid(deployment->object)));

        const QList<ObjectPtr> pods = cluster.podsWithLabel(QStringLiteral("app"), QStringLiteral("web"));
        QCOMPARE(pods.size(), 3);
        for (const ObjectPtr& pod : pods) {
            QVERIFY(pod->name().startsWith(replicaSets.first()->name() + QLatin1Char('-')));
            QCOMPARE(pod->name().size(), replicaSets.first()->name().size() + 6);
            QVERIFY(objects::isControlledBy(pod->object, objects::uid(replicaSets.first()->object)));
            QCOMPARE(TestCluster::at(pod, QStringLiteral("status.phase")).toString(),
                     QStringLiteral("Running"));
        }
        QVERIFY(cluster.eventReasons(QStringLiteral("web")).contains(QStringLiteral("ScalingReplicaSet")));
        QVERIFY(
            cluster.eventReasons(replicaSets.first()->name()).contains(QStringLiteral("SuccessfulCreate")));
    }

    void scaling_data() {
        QTest::addColumn<int>("replicas");
        QTest::newRow("up to 5") << 5;
        QTest::newRow("down to 1") << 1;
        QTest::newRow("down to 0") << 0;
    }

    void scaling() {
        QFETCH(int, replicas);
        TestCluster cluster;
        cluster.create("apps", "deployments", kDeployment);
        QTRY_VERIFY_WITH_TIMEOUT(rolledOut(cluster.get("apps", "deployments", QStringLiteral("web")), 3),
                                 kTimeout);

        const ObjectPtr deployment = cluster.get("apps", "deployments", QStringLiteral("web"));
        QVERIFY(cluster.storage
                    ->update(cluster.type("apps", "deployments"), QStringLiteral("default"),
                             QStringLiteral("web"),
                             withSpecChange(deployment, QStringLiteral("spec.replicas"), replicas))
                    .ok());
        QTRY_COMPARE_WITH_TIMEOUT(cluster.podsWithLabel(QStringLiteral("app"), QStringLiteral("web")).size(),
                                  qsizetype(replicas), kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(
            cluster.intAt("apps", "deployments", QStringLiteral("web"), "status.availableReplicas"), replicas,
            kTimeout);
        QCOMPARE(cluster.list("apps", "replicasets").size(), 1);
    }

    void rollingUpdateReplacesPods() {
        TestCluster cluster;
        cluster.create("apps", "deployments", kDeployment);
        QTRY_VERIFY_WITH_TIMEOUT(rolledOut(cluster.get("apps", "deployments", QStringLiteral("web")), 3),
                                 kTimeout);
        const QString firstReplicaSet = cluster.list("apps", "replicasets").first()->name();

        const ObjectPtr deployment = cluster.get("apps", "deployments", QStringLiteral("web"));
        QJsonArray containers =
            TestCluster::at(deployment, QStringLiteral("spec.template.spec.containers")).toArray();
        QJsonObject container = containers.at(0).toObject();
        container.insert(QStringLiteral("image"), QStringLiteral("nginx:1.28"));
        containers.replace(0, container);
        QVERIFY(cluster.storage
                    ->update(cluster.type("apps", "deployments"), QStringLiteral("default"),
                             QStringLiteral("web"),
                             withSpecChange(deployment, QStringLiteral("spec.template.spec.containers"),
                                            containers))
                    .ok());

        QTRY_VERIFY_WITH_TIMEOUT(rolledOut(cluster.get("apps", "deployments", QStringLiteral("web")), 3),
                                 kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(cluster.podsWithLabel(QStringLiteral("app"), QStringLiteral("web")).size(),
                                  3, kTimeout);
        for (const ObjectPtr& pod : cluster.podsWithLabel(QStringLiteral("app"), QStringLiteral("web"))) {
            QCOMPARE(TestCluster::at(pod, QStringLiteral("spec.containers"))
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(QLatin1String("image")),
                     QJsonValue(QStringLiteral("nginx:1.28")));
            QVERIFY(!pod->name().startsWith(firstReplicaSet));
        }
        QCOMPARE(cluster.intAt("apps", "replicasets", firstReplicaSet, "spec.replicas"), 0);
        QCOMPARE(objects::annotation(cluster.get("apps", "deployments", QStringLiteral("web"))->object,
                                     QStringLiteral("deployment.kubernetes.io/revision")),
                 QStringLiteral("2"));
    }

    void rolloutRestartMakesNewReplicaSet() {
        TestCluster cluster;
        cluster.create("apps", "deployments", kDeployment);
        QTRY_VERIFY_WITH_TIMEOUT(rolledOut(cluster.get("apps", "deployments", QStringLiteral("web")), 3),
                                 kTimeout);

        // What `kubectl rollout restart` patches in.
        const ObjectPtr deployment = cluster.get("apps", "deployments", QStringLiteral("web"));
        QVERIFY(cluster.storage
                    ->update(cluster.type("apps", "deployments"), QStringLiteral("default"),
                             QStringLiteral("web"),
                             withSpecChange(deployment, QStringLiteral("spec.template.metadata.annotations"),
                                            QJsonObject{{QStringLiteral("kubectl.kubernetes.io/restartedAt"),
                                                         QStringLiteral("2025-01-01T00:00:00Z")}}))
                    .ok());
        QTRY_COMPARE_WITH_TIMEOUT(cluster.list("apps", "replicasets").size(), 2, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(rolledOut(cluster.get("apps", "deployments", QStringLiteral("web")), 3),
                                 kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(cluster.podsWithLabel(QStringLiteral("app"), QStringLiteral("web")).size(),
                                  3, kTimeout);
        for (const ObjectPtr& pod : cluster.podsWithLabel(QStringLiteral("app"), QStringLiteral("web"))) {
            QVERIFY(!objects::annotation(pod->object, QStringLiteral("kubectl.kubernetes.io/restartedAt"))
                         .isEmpty());
        }
    }

    void statefulSetCreatesPodsInOrderWithClaims() {
        TestCluster cluster;
        // Whenever pod web-N appears, web-(N-1) must already be Running and Ready.
        QStringList violations;
        QObject::connect(
            cluster.store.get(), &ObjectStore::eventRecorded, cluster.store.get(),
            [&](const WatchEvent& event) {
                if (event.typeKey != QLatin1String("/pods") || event.type != WatchEvent::Type::Added) {
                    return;
                }
                const int ordinal = event.object->name().section(QLatin1Char('-'), -1).toInt();
                if (ordinal == 0) {
                    return;
                }
                const ObjectPtr previous = cluster.get("", "pods", QStringLiteral("web-%1").arg(ordinal - 1));
                if (!previous || !objects::isPodReady(previous->object)) {
                    violations.append(event.object->name());
                }
            });
        cluster.create("apps", "statefulsets", R"({
          "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web"},
          "spec": {"replicas": 3, "serviceName": "web", "selector": {"matchLabels": {"app": "db"}},
                   "template": {"metadata": {"labels": {"app": "db"}},
                                "spec": {"containers": [{"name": "db", "image": "postgres:16"}]}},
                   "volumeClaimTemplates": [{"metadata": {"name": "data"},
                       "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}})");
        QTRY_COMPARE_WITH_TIMEOUT(
            cluster.intAt("apps", "statefulsets", QStringLiteral("web"), "status.readyReplicas"), 3,
            kTimeout);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(QLatin1Char(','))));
        for (int i = 0; i < 3; ++i) {
            const ObjectPtr pod = cluster.get("", "pods", QStringLiteral("web-%1").arg(i));
            QVERIFY(pod);
            QCOMPARE(TestCluster::at(pod, QStringLiteral("spec.hostname")).toString(),
                     QStringLiteral("web-%1").arg(i));
            const ObjectPtr claim =
                cluster.get("", "persistentvolumeclaims", QStringLiteral("data-web-%1").arg(i));
            QVERIFY(claim);
            QCOMPARE(TestCluster::at(claim, QStringLiteral("status.phase")).toString(),
                     QStringLiteral("Bound"));
        }
        const ObjectPtr statefulSet = cluster.get("apps", "statefulsets", QStringLiteral("web"));
        const QString revision =
            TestCluster::at(statefulSet, QStringLiteral("status.updateRevision")).toString();
        QVERIFY(revision.startsWith(QLatin1String("web-")));
        QCOMPARE(TestCluster::at(statefulSet, QStringLiteral("status.currentRevision")).toString(), revision);
        QVERIFY(cluster.get("apps", "controllerrevisions", revision));
    }

    void daemonSetRunsOnePodPerNode() {
        TestCluster cluster(3);
        cluster.create("apps", "daemonsets", R"({
          "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent"},
          "spec": {"selector": {"matchLabels": {"app": "agent"}},
                   "template": {"metadata": {"labels": {"app": "agent"}},
                                "spec": {"containers": [{"name": "agent", "image": "fluent-bit:3"}]}}}})");
        QTRY_COMPARE_WITH_TIMEOUT(
            cluster.intAt("apps", "daemonsets", QStringLiteral("agent"), "status.numberReady"), 3, kTimeout);
        QSet<QString> nodes;
        for (const ObjectPtr& pod : cluster.podsWithLabel(QStringLiteral("app"), QStringLiteral("agent"))) {
            nodes.insert(TestCluster::at(pod, QStringLiteral("spec.nodeName")).toString());
        }
        QCOMPARE(nodes.size(), 3);
        QCOMPARE(
            cluster.intAt("apps", "daemonsets", QStringLiteral("agent"), "status.desiredNumberScheduled"), 3);

        cluster.addNode(QStringLiteral("node-new"), QStringLiteral("192.168.8.99"));
        QTRY_COMPARE_WITH_TIMEOUT(
            cluster.intAt("apps", "daemonsets", QStringLiteral("agent"), "status.numberAvailable"), 4,
            kTimeout);
        QCOMPARE(
            cluster.intAt("apps", "daemonsets", QStringLiteral("agent"), "status.updatedNumberScheduled"), 4);
    }
};

QTEST_GUILESS_MAIN(TestWorkloadControllers)
#include "tst_workloadcontrollers.moc"
