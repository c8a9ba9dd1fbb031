#include "fixtures.h"
#include "tableprinters.h"

#include <QTest>

using namespace binnacle::sim;
using binnacle::sim::testing::json;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00Z"), Qt::ISODate);

} // namespace

class TestCorePrinters : public QObject {
    Q_OBJECT

private slots:
    void nodeFixture() {
        const QJsonObject node = testing::loadYamlFixture(QStringLiteral("node-gke.yaml"));
        const QDateTime now = QDateTime::fromString(QStringLiteral("2019-07-19T16:17:29Z"), Qt::ISODate);
        const TableRowData row = TablePrinters::row(QString(), QStringLiteral("Node"), node, now);
        const QJsonArray expected{"node-default-pool-something",
                                  "Ready",
                                  "<none>",
                                  "10d",
                                  "v1.11.10-gke.5",
                                  "10.0.0.1",
                                  "192.168.0.1",
                                  "Container-Optimized OS from Google",
                                  "4.14.127+",
                                  "docker://17.3.2"};
        QCOMPARE(row.cells, expected);
    }

    void nodeStatusAndRoles_data() {
        QTest::addColumn<QJsonObject>("node");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("roles");
        QTest::newRow("cordoned control plane")
            << json(
                   R"({"metadata":{"labels":{"node-role.kubernetes.io/control-plane":"","kubernetes.io/role":"master"}},
                        "spec":{"unschedulable":true},"status":{"conditions":[{"type":"Ready","status":"True"}]}})")
            << "Ready,SchedulingDisabled"
            << "control-plane,master";
        QTest::newRow("not ready worker")
            << json(
                   R"({"metadata":{"labels":{"node-role.kubernetes.io/worker":"true","node-role.kubernetes.io/":""}},
                        "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"Unknown"}]}})")
            << "NotReady"
            << "worker";
        QTest::newRow("no conditions") << json(R"({"metadata":{}})") << "Unknown"
                                       << "<none>";
    }

    void nodeStatusAndRoles() {
        QFETCH(QJsonObject, node);
        QFETCH(QString, status);
        QFETCH(QString, roles);
        const TableRowData row = TablePrinters::row(QString(), QStringLiteral("Node"), node, kNow);
        QCOMPARE(row.cells.at(1).toString(), status);
        QCOMPARE(row.cells.at(2).toString(), roles);
        QCOMPARE(row.cells.at(7).toString(), QStringLiteral("<unknown>")); // OS-Image unset
    }

    void service_data() {
        QTest::addColumn<QJsonObject>("service");
        QTest::addColumn<QJsonArray>("cells");
        QTest::newRow("ClusterIP")
            << json(R"({"metadata":{"name":"web","creationTimestamp":"2024-05-01T11:00:00Z"},
                "spec":{"type":"ClusterIP","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],"selector":{"app":"web","tier":"fe"},
                "ports":[{"port":80,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}})")
            << QJsonArray{"web",           "ClusterIP", "10.96.0.10",     "<none>",
                          "80/TCP,53/UDP", "60m",       "app=web,tier=fe"};
        QTest::newRow("NodePort")
            << json(R"({"metadata":{"name":"np"},"spec":{"type":"NodePort","clusterIPs":["10.96.1.1"],
                "externalIPs":["1.2.3.4"],"ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":443,"nodePort":30443,"protocol":"TCP"}]}})")
            << QJsonArray{"np",        "NodePort", "10.96.1.1", "1.2.3.4", "80:30080/TCP,443:30443/TCP",
                          "<unknown>", "<none>"};
        QTest::newRow("pending LoadBalancer")
            << json(R"({"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","clusterIPs":["10.96.2.2"],
                "ports":[{"port":443,"nodePort":31443,"protocol":"TCP"}]}})")
            << QJsonArray{"lb",        "LoadBalancer", "10.96.2.2", "<pending>", "443:31443/TCP",
                          "<unknown>", "<none>"};
        QTest::newRow("LoadBalancer ingress")
            << json(R"({"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","clusterIPs":["10.96.2.2"],
                "externalIPs":["9.9.9.9"],"ports":[]},"status":{"loadBalancer":{"ingress":[{"ip":"5.6.7.8"},{"hostname":"a-very-long-name.elb.example.com"}]}}})")
            << QJsonArray{
                   "lb",     "LoadBalancer", "10.96.2.2", "5.6.7.8,a-very-long-name.elb.example.com,9.9.9.9",
                   "<none>", "<unknown>",    "<none>"};
        QTest::newRow("ExternalName")
            << json(
                   R"({"metadata":{"name":"ext"},"spec":{"type":"ExternalName","externalName":"db.example.com"}})")
            << QJsonArray{"ext", "ExternalName", "<none>", "db.example.com", "<none>", "<unknown>", "<none>"};
        QTest::newRow("headless")
            << json(
                   R"({"metadata":{"name":"h"},"spec":{"type":"ClusterIP","clusterIP":"None","clusterIPs":["None"],
                "ports":[{"port":5432,"protocol":"TCP"}]}})")
            << QJsonArray{"h", "ClusterIP", "None", "<none>", "5432/TCP", "<unknown>", "<none>"};
    }

    void service() {
        QFETCH(QJsonObject, service);
        QFETCH(QJsonArray, cells);
        QCOMPARE(TablePrinters::row(QString(), QStringLiteral("Service"), service, kNow).cells, cells);
    }

    void endpoints() {
        const QJsonObject endpoints = json(R"({"metadata":{"name":"web"},"subsets":[
            {"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"port":8080},{"port":8443}]},
            {"addresses":[{"ip":"fd00::1"}],"ports":[{"port":80}]}]})");
        QCOMPARE(TablePrinters::row(QString(), QStringLiteral("Endpoints"), endpoints, kNow)
                     .cells.at(1)
                     .toString(),
                 QStringLiteral("10.0.0.1:8080,10.0.0.2:8080,10.0.0.1:8443 + 2 more..."));
        const QJsonObject empty = json(R"({"metadata":{"name":"none"}})");
        QCOMPARE(
            TablePrinters::row(QString(), QStringLiteral("Endpoints"), empty, kNow).cells.at(1).toString(),
            QStringLiteral("<none>"));
    }

    void simpleCoreKinds() {
        const QJsonObject configMap =
            json(R"({"metadata":{"name":"cm","creationTimestamp":"2024-05-01T11:59:00Z"},
            "data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}})");
        QCOMPARE(TablePrinters::row(QString(), QStringLiteral("ConfigMap"), configMap, kNow).cells,
                 (QJsonArray{"cm", 3, "60s"}));
        const QJsonObject secret = json(
            R"({"metadata":{"name":"s"},"type":"kubernetes.io/tls","data":{"tls.crt":"","tls.key":""}})");
        QCOMPARE(TablePrinters::row(QString(), QStringLiteral("Secret"), secret, kNow).cells,
                 (QJsonArray{"s", "kubernetes.io/tls", 2, "<unknown>"}));
        const QJsonObject account = json(R"({"metadata":{"name":"default"}})");
        QCOMPARE(TablePrinters::row(QString(), QStringLiteral("ServiceAccount"), account, kNow).cells,
                 (QJsonArray{"default", 0, "<unknown>"}));
        const QJsonObject ns =
            json(R"({"metadata":{"name":"kube-system","creationTimestamp":"2024-04-01T12:00:00Z"},
            "status":{"phase":"Active"}})");
        QCOMPARE(TablePrinters::row(QStringLiteral("core"), QStringLiteral("Namespace"), ns, kNow).cells,
                 (QJsonArray{"kube-system", "Active", "30d"}));
    }

    void resourceQuota() {
        const QJsonObject quota = json(R"({"metadata":{"name":"q"},"status":{
            "hard":{"requests.cpu":"2","pods":"10","limits.memory":"4Gi","limits.cpu":"4"},
            "used":{"requests.cpu":"500m","pods":"3","limits.cpu":"1"}}})");
        QCOMPARE(TablePrinters::row(QString(), QStringLiteral("ResourceQuota"), quota, kNow).cells,
                 (QJsonArray{"q", "<unknown>", "pods: 3/10, requests.cpu: 500m/2",
                             "limits.cpu: 1/4, limits.memory: 0/4Gi"}));
    }
};

QTEST_GUILESS_MAIN(TestCorePrinters)
#include "tst_coreprinters.moc"
