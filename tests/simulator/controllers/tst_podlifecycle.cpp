// The scheduler, the kubelet (start-up, crash loops, graceful deletion) and Service endpoints.
#include "testcluster.h"

using namespace binnacle::sim;
using namespace binnacle::sim::testing;

namespace {

QJsonObject pod(const QString& name, const QString& image, const QJsonObject& labels = {},
                const QJsonObject& annotations = {}) {
    QJsonObject metadata{{QStringLiteral("name"), name}};
    if (!labels.isEmpty()) {
        metadata.insert(QStringLiteral("labels"), labels);
    }
    if (!annotations.isEmpty()) {
        metadata.insert(QStringLiteral("annotations"), annotations);
    }
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("metadata"), metadata},
        {QStringLiteral("spec"),
         QJsonObject{
             {QStringLiteral("containers"),
              QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("main")},
                                     {QStringLiteral("image"), image},
                                     {QStringLiteral("ports"),
                                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("http")},
                                                             {QStringLiteral("containerPort"), 8080}}}}}}}}},
    };
}

QJsonObject containerStatus(const ObjectPtr& object) {
    return TestCluster::at(object, QStringLiteral("status.containerStatuses")).toArray().at(0).toObject();
}

} // namespace

class TestPodLifecycle : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void podIsScheduledAndRuns() {
        TestCluster cluster;
        cluster.createObject(QString(), QStringLiteral("pods"),
                             pod(QStringLiteral("solo"), QStringLiteral("nginx")), QStringLiteral("default"));
        QTRY_VERIFY_WITH_TIMEOUT(objects::isPodReady(cluster.get("", "pods", QStringLiteral("solo"))->object),
                                 kTimeout);
        const ObjectPtr running = cluster.get("", "pods", QStringLiteral("solo"));
        QCOMPARE(TestCluster::at(running, QStringLiteral("status.phase")).toString(),
                 QStringLiteral("Running"));
        QVERIFY(TestCluster::at(running, QStringLiteral("spec.nodeName"))
                    .toString()
                    .startsWith(QLatin1String("node-")));
        QVERIFY(TestCluster::at(running, QStringLiteral("status.podIP"))
                    .toString()
                    .startsWith(QLatin1String("10.244.")));
        QVERIFY(TestCluster::at(running, QStringLiteral("status.hostIP"))
                    .toString()
                    .startsWith(QLatin1String("192.168.8.")));
        QCOMPARE(containerStatus(running).value(QLatin1String("image")).toString(),
                 QStringLiteral("docker.io/library/nginx:latest"));
        QVERIFY(containerStatus(running)
                    .value(QLatin1String("state"))
                    .toObject()
                    .contains(QLatin1String("running")));
        QTRY_VERIFY_WITH_TIMEOUT(
            cluster.eventReasons(QStringLiteral("solo")).contains(QStringLiteral("Started")), kTimeout);
        const QStringList reasons = cluster.eventReasons(QStringLiteral("solo"));
        for (const char* reason : {"Scheduled", "Pulling", "Pulled", "Created", "Started"}) {
            QVERIFY2(reasons.contains(QLatin1String(reason)), reason);
        }
    }

    void podsSpreadRoundRobin() {
        TestCluster cluster(2);
        for (int i = 0; i < 4; ++i) {
            cluster.createObject(QString(), QStringLiteral("pods"),
                                 pod(QStringLiteral("p%1").arg(i), QStringLiteral("nginx")),
                                 QStringLiteral("default"));
        }
        QHash<QString, int> perNode;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                perNode.clear();
                for (const ObjectPtr& scheduled : cluster.list("", "pods")) {
                    const QString node =
                        TestCluster::at(scheduled, QStringLiteral("spec.nodeName")).toString();
                    if (!node.isEmpty()) {
                        ++perNode[node];
                    }
                }
                return perNode.value(QStringLiteral("node-0")) + perNode.value(QStringLiteral("node-1")) == 4;
            }(),
            kTimeout);
        QCOMPARE(perNode.value(QStringLiteral("node-0")), 2);
        QCOMPARE(perNode.value(QStringLiteral("node-1")), 2);
    }

    void podNoNodeFitsStaysPending() {
        TestCluster cluster;
        QJsonObject picky = pod(QStringLiteral("picky"), QStringLiteral("nginx"));
        picky = objects::setObjectAt(picky, QStringLiteral("spec.nodeSelector"),
                                     QJsonObject{{QStringLiteral("disk"), QStringLiteral("ssd")}});
        cluster.createObject(QString(), QStringLiteral("pods"), picky, QStringLiteral("default"));
        QTRY_COMPARE_WITH_TIMEOUT(
            objects::findCondition(TestCluster::at(cluster.get("", "pods", QStringLiteral("picky")),
                                                   QStringLiteral("status.conditions"))
                                       .toArray(),
                                   QStringLiteral("PodScheduled"))
                .value(QLatin1String("reason"))
                .toString(),
            QStringLiteral("Unschedulable"), kTimeout);
        QVERIFY(cluster.eventReasons(QStringLiteral("picky")).contains(QStringLiteral("FailedScheduling")));
        QVERIFY(
            TestCluster::at(cluster.get("", "pods", QStringLiteral("picky")), QStringLiteral("spec.nodeName"))
                .toString()
                .isEmpty());
    }

    void crashLoopRestartsWithBackOff_data() {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("behavior");
        QTest::newRow("image") << QStringLiteral("example.com/crashloop:1") << QString();
        QTest::newRow("annotation") << QStringLiteral("busybox") << QStringLiteral("crashloop");
    }

    void crashLoopRestartsWithBackOff() {
        QFETCH(QString, image);
        QFETCH(QString, behavior);
        TestCluster cluster;
        QJsonObject annotations;
        if (!behavior.isEmpty()) {
            annotations.insert(QStringLiteral("sim.binnacle.io/behavior"), behavior);
        }
        cluster.createObject(QString(), QStringLiteral("pods"),
                             pod(QStringLiteral("crashy"), image, QJsonObject(), annotations),
                             QStringLiteral("default"));
        bool sawBackOff = false;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QJsonObject status = containerStatus(cluster.get("", "pods", QStringLiteral("crashy")));
                sawBackOff = sawBackOff ||
                             status.value(QLatin1String("state"))
                                     .toObject()
                                     .value(QLatin1String("waiting"))
                                     .toObject()
                                     .value(QLatin1String("reason")) == QLatin1String("CrashLoopBackOff");
                return status.value(QLatin1String("restartCount")).toInt() >= 2;
            }(),
            kTimeout);
        QVERIFY(sawBackOff);
        const QJsonObject status = containerStatus(cluster.get("", "pods", QStringLiteral("crashy")));
        QCOMPARE(status.value(QLatin1String("lastState"))
                     .toObject()
                     .value(QLatin1String("terminated"))
                     .toObject()
                     .value(QLatin1String("exitCode")),
                 QJsonValue(1));
        QVERIFY(cluster.eventReasons(QStringLiteral("crashy")).contains(QStringLiteral("BackOff")));
    }

    void gracefulDeletionRemovesPod() {
        TestCluster cluster;
        cluster.createObject(QString(), QStringLiteral("pods"),
                             pod(QStringLiteral("bye"), QStringLiteral("nginx")), QStringLiteral("default"));
        QTRY_VERIFY_WITH_TIMEOUT(objects::isPodReady(cluster.get("", "pods", QStringLiteral("bye"))->object),
                                 kTimeout);
        const WriteResult deleted = cluster.storage->remove(cluster.type("", "pods"),
                                                            QStringLiteral("default"), QStringLiteral("bye"));
        QVERIFY(deleted.ok());
        QVERIFY(!deleted.deleted); // a running pod terminates gracefully
        QVERIFY(objects::isDeleting(cluster.get("", "pods", QStringLiteral("bye"))->object));
        QTRY_VERIFY_WITH_TIMEOUT(!cluster.get("", "pods", QStringLiteral("bye")), kTimeout);
        QVERIFY(cluster.eventReasons(QStringLiteral("bye")).contains(QStringLiteral("Killing")));
    }

    void serviceGetsEndpointsOfReadyPods() {
        TestCluster cluster;
        const QJsonObject labels{{QStringLiteral("app"), QStringLiteral("web")}};
        for (const char* name : {"web-a", "web-b"}) {
            cluster.createObject(QString(), QStringLiteral("pods"),
                                 pod(QLatin1String(name), QStringLiteral("nginx"), labels),
                                 QStringLiteral("default"));
        }
        cluster.createObject(QString(), QStringLiteral("pods"),
                             pod(QStringLiteral("other"), QStringLiteral("nginx"),
                                 QJsonObject{{QStringLiteral("app"), QStringLiteral("other")}}),
                             QStringLiteral("default"));
        cluster.create("", "services", R"({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
            "spec": {"selector": {"app": "web"}, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}})");

        const auto readyAddresses = [&] {
            const QJsonArray subsets = TestCluster::at(cluster.get("", "endpoints", QStringLiteral("web")),
                                                       QStringLiteral("subsets"))
                                           .toArray();
            return subsets.isEmpty() ? QJsonArray()
                                     : subsets.at(0).toObject().value(QLatin1String("addresses")).toArray();
        };
        QTRY_COMPARE_WITH_TIMEOUT(readyAddresses().size(), 2, kTimeout);
        const QJsonObject subset =
            TestCluster::at(cluster.get("", "endpoints", QStringLiteral("web")), QStringLiteral("subsets"))
                .toArray()
                .at(0)
                .toObject();
        QCOMPARE(subset.value(QLatin1String("ports")).toArray().at(0).toObject().value(QLatin1String("port")),
                 QJsonValue(8080));
        for (const QJsonValue& address : readyAddresses()) {
            QVERIFY(address.toObject()
                        .value(QLatin1String("ip"))
                        .toString()
                        .startsWith(QLatin1String("10.244.")));
            QVERIFY(address.toObject()
                        .value(QLatin1String("targetRef"))
                        .toObject()
                        .value(QLatin1String("name"))
                        .toString()
                        .startsWith(QLatin1String("web-")));
        }
        const QList<ObjectPtr> slices = cluster.list("discovery.k8s.io", "endpointslices");
        QCOMPARE(slices.size(), 1);
        QCOMPARE(objects::labels(slices.first()->object)
                     .value(QLatin1String("kubernetes.io/service-name"))
                     .toString(),
                 QStringLiteral("web"));
        QTRY_COMPARE_WITH_TIMEOUT(TestCluster::at(cluster.list("discovery.k8s.io", "endpointslices").first(),
                                                  QStringLiteral("endpoints"))
                                      .toArray()
                                      .size(),
                                  2, kTimeout);

        cluster.storage->remove(cluster.type("", "pods"), QStringLiteral("default"), QStringLiteral("web-a"));
        QTRY_COMPARE_WITH_TIMEOUT(readyAddresses().size(), 1, kTimeout);
    }
};

QTEST_GUILESS_MAIN(TestPodLifecycle)
#include "tst_podlifecycle.moc"
