#include "fixtures.h"
#include "tableprinters.h"

#include <QTest>

using namespace binnacle::sim;
using binnacle::sim::testing::json;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00Z"), Qt::ISODate);

} // namespace

class TestClusterPrinters : public QObject {
    Q_OBJECT

private slots:
    void horizontalPodAutoscalerTargets_data() {
        QTest::addColumn<QJsonObject>("autoscaler");
        QTest::addColumn<QString>("targets");
        QTest::newRow("utilization")
            << json(R"({"spec":{"metrics":[{"type":"Resource","resource":{"name":"cpu",
                "target":{"type":"Utilization","averageUtilization":80}}}]},"status":{"currentMetrics":[{"type":"Resource",
                "resource":{"name":"cpu","current":{"averageUtilization":50,"averageValue":"100m"}}}]}})")
            << "cpu: 50%/80%";
        QTest::newRow("no metrics yet")
            << json(R"({"spec":{"metrics":[{"type":"Resource","resource":{"name":"cpu",
                "target":{"type":"Utilization","averageUtilization":80}}}]}})")
            << "cpu: <unknown>/80%";
        QTest::newRow("three metrics") << json(R"({"spec":{"metrics":[
                {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}},
                {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"10"}}},
                {"type":"External","external":{"metric":{"name":"queue"},"target":{"type":"Value","value":"30"}}}]}})")
                                       << "memory: <unknown>/500Mi, <unknown>/10 + 1 more...";
        QTest::newRow("autoscaling/v1") << json(R"({"spec":{"targetCPUUtilizationPercentage":70},
                "status":{"currentCPUUtilizationPercentage":12}})")
                                        << "cpu: 12%/70%";
        QTest::newRow("none") << json(R"({"spec":{}})") << "<none>";
    }

    void horizontalPodAutoscalerTargets() {
        QFETCH(QJsonObject, autoscaler);
        QFETCH(QString, targets);
        const QJsonArray cells =
            TablePrinters::row(QStringLiteral("autoscaling"), QStringLiteral("HorizontalPodAutoscaler"),
                               autoscaler, kNow)
                .cells;
        QCOMPARE(cells.at(2).toString(), targets);
    }

    void storageAndNetworking() {
        const QJsonObject storageClass = json(R"({"metadata":{"name":"standard","annotations":{
            "storageclass.kubernetes.io/is-default-class":"true"}},"provisioner":"rancher.io/local-path",
            "volumeBindingMode":"WaitForFirstConsumer"})");
        QCOMPARE(TablePrinters::row(QStringLiteral("storage.k8s.io"), QStringLiteral("StorageClass"),
                                    storageClass, kNow)
                     .cells,
                 (QJsonArray{"standard (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer",
                             false, "<unknown>"}));
        const QJsonObject claim =
            json(R"({"metadata":{"name":"data"},"spec":{"volumeName":"pv-1","storageClassName":"standard",
            "volumeMode":"Filesystem"},"status":{"phase":"Bound","accessModes":["ReadWriteMany","ReadWriteOnce"],"capacity":{"storage":"1Gi"}}})");
        QCOMPARE(TablePrinters::row(QString(), QStringLiteral("PersistentVolumeClaim"), claim, kNow).cells,
                 (QJsonArray{"data", "Bound", "pv-1", "1Gi", "RWO,RWX", "standard", "<unset>", "<unknown>",
                             "Filesystem"}));
        const QJsonObject ingress =
            json(R"({"metadata":{"name":"ing"},"spec":{"ingressClassName":"nginx","tls":[{}],
            "rules":[{"host":"a.example"},{},{"host":"b.example"}]},"status":{"loadBalancer":{"ingress":[{"ip":"172.18.0.2"}]}}})");
        QCOMPARE(
            TablePrinters::row(QStringLiteral("networking.k8s.io"), QStringLiteral("Ingress"), ingress, kNow)
                .cells,
            (QJsonArray{"ing", "nginx", "a.example,b.example", "172.18.0.2", "80, 443", "<unknown>"}));
        const QJsonObject slice =
            json(R"({"metadata":{"name":"web-abc"},"addressType":"IPv4","ports":[{"port":80},{"name":"x"}],
            "endpoints":[{"addresses":["10.0.0.1"]},{"addresses":["10.0.0.2"]},{"addresses":["10.0.0.3"]},{"addresses":["10.0.0.4"]}]})");
        QCOMPARE(
            TablePrinters::row(QStringLiteral("discovery.k8s.io"), QStringLiteral("EndpointSlice"), slice,
                               kNow)
                .cells,
            (QJsonArray{"web-abc", "IPv4", "80,x", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "<unknown>"}));
        const QJsonObject budget = json(
            R"({"metadata":{"name":"pdb"},"spec":{"minAvailable":"50%"},"status":{"disruptionsAllowed":1}})");
        QCOMPARE(
            TablePrinters::row(QStringLiteral("policy"), QStringLiteral("PodDisruptionBudget"), budget, kNow)
                .cells,
            (QJsonArray{"pdb", "50%", "N/A", 1, "<unknown>"}));
    }

    void roleBinding() {
        const QJsonObject binding =
            json(R"({"metadata":{"name":"rb"},"roleRef":{"kind":"ClusterRole","name":"view"},
            "subjects":[{"kind":"User","name":"alice"},{"kind":"Group","name":"devs"},
            {"kind":"ServiceAccount","namespace":"ci","name":"runner"},{"kind":"User","name":"bob"}]})");
        QCOMPARE(TablePrinters::row(QStringLiteral("rbac.authorization.k8s.io"),
                                    QStringLiteral("RoleBinding"), binding, kNow)
                     .cells,
                 (QJsonArray{"rb", "ClusterRole/view", "<unknown>", "alice, bob", "devs", "ci/runner"}));
    }
};

QTEST_GUILESS_MAIN(TestClusterPrinters)
#include "tst_clusterprinters.moc"
