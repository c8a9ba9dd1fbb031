#include "compactjson.h"
#include "fixtures.h"
#include "printerutil.h"
#include "tableprinters.h"

#include <QTest>

using namespace binnacle::sim;
using binnacle::sim::testing::json;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00Z"), Qt::ISODate);

QStringList columnNames(const QList<TableColumn>& columns, int priority) {
    QStringList names;
    for (const auto& column : columns) {
        if (column.priority == priority)
            names << column.name;
    }
    return names;
}

} // namespace

class TestTablePrinters : public QObject {
    Q_OBJECT

private slots:
    void columns_data() {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("always");
        QTest::addColumn<QStringList>("wide");
        const QStringList none;
        QTest::newRow("Namespace") << ""
                                   << "Namespace" << QStringList{"Name", "Status", "Age"} << none;
        QTest::newRow("Node") << ""
                              << "Node" << QStringList{"Name", "Status", "Roles", "Age", "Version"}
                              << QStringList{"Internal-IP", "External-IP", "OS-Image", "Kernel-Version",
                                             "Container-Runtime"};
        QTest::newRow("Service") << ""
                                 << "Service"
                                 << QStringList{"Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age"}
                                 << QStringList{"Selector"};
        QTest::newRow("Endpoints") << ""
                                   << "Endpoints" << QStringList{"Name", "Endpoints", "Age"} << none;
        QTest::newRow("ConfigMap") << ""
                                   << "ConfigMap" << QStringList{"Name", "Data", "Age"} << none;
        QTest::newRow("Secret") << ""
                                << "Secret" << QStringList{"Name", "Type", "Data", "Age"} << none;
        QTest::newRow("ServiceAccount") << ""
                                        << "ServiceAccount" << QStringList{"Name", "Secrets", "Age"} << none;
        QTest::newRow("Event") << ""
                               << "Event" << QStringList{"Last Seen", "Type", "Reason", "Object", "Message"}
                               << QStringList{"Subobject", "Source", "First Seen", "Count", "Name"};
        QTest::newRow("events.k8s.io Event")
            << "events.k8s.io"
            << "Event" << QStringList{"Last Seen", "Type", "Reason", "Object", "Message"}
            << QStringList{"Subobject", "Source", "First Seen", "Count", "Name"};
        QTest::newRow("PersistentVolume")
            << ""
            << "PersistentVolume"
            << QStringList{"Name",  "Capacity",     "Access Modes",          "Reclaim Policy", "Status",
                           "Claim", "StorageClass", "VolumeAttributesClass", "Reason",         "Age"}
            << QStringList{"VolumeMode"};
        QTest::newRow("PersistentVolumeClaim")
            << ""
            << "PersistentVolumeClaim" << QStringList{"Name",
                                                      "Status",
                                                      "Volume",
                                                      "Capacity",
                                                      "Access Modes",
                                                      "StorageClass",
                                                      "VolumeAttributesClass",
                                                      "Age"}
            << QStringList{"VolumeMode"};
        QTest::newRow("ResourceQuota")
            << ""
            << "ResourceQuota" << QStringList{"Name", "Age", "Request", "Limit"} << none;
        QTest::newRow("Deployment") << "apps"
                                    << "Deployment"
                                    << QStringList{"Name", "Ready", "Up-to-date", "Available", "Age"}
                                    << QStringList{"Containers", "Images", "Selector"};
        QTest::newRow("ReplicaSet") << "apps"
                                    << "ReplicaSet"
                                    << QStringList{"Name", "Desired", "Current", "Ready", "Age"}
                                    << QStringList{"Containers", "Images", "Selector"};
        QTest::newRow("StatefulSet") << "apps"
                                     << "StatefulSet" << QStringList{"Name", "Ready", "Age"}
                                     << QStringList{"Containers", "Images"};
        QTest::newRow("DaemonSet") << "apps"
                                   << "DaemonSet"
                                   << QStringList{"Name",       "Desired",   "Current",       "Ready",
                                                  "Up-to-date", "Available", "Node Selector", "Age"}
                                   << QStringList{"Containers", "Images", "Selector"};
        QTest::newRow("ControllerRevision")
            << "apps"
            << "ControllerRevision" << QStringList{"Name", "Controller", "Revision", "Age"} << none;
        QTest::newRow("Job") << "batch"
                             << "Job" << QStringList{"Name", "Status", "Completions", "Duration", "Age"}
                             << QStringList{"Containers", "Images", "Selector"};
        QTest::newRow("CronJob") << "batch"
                                 << "CronJob" << QStringList{"Name",   "Schedule",      "Timezone", "Suspend",
                                                             "Active", "Last Schedule", "Age"}
                                 << QStringList{"Containers", "Images", "Selector"};
        QTest::newRow("Ingress") << "networking.k8s.io"
                                 << "Ingress"
                                 << QStringList{"Name", "Class", "Hosts", "Address", "Ports", "Age"} << none;
        QTest::newRow("IngressClass")
            << "networking.k8s.io"
            << "IngressClass" << QStringList{"Name", "Controller", "Parameters", "Age"} << none;
        QTest::newRow("NetworkPolicy")
            << "networking.k8s.io"
            << "NetworkPolicy" << QStringList{"Name", "Pod-Selector", "Age"} << none;
        QTest::newRow("EndpointSlice")
            << "discovery.k8s.io"
            << "EndpointSlice" << QStringList{"Name", "AddressType", "Ports", "Endpoints", "Age"} << none;
        QTest::newRow("StorageClass") << "storage.k8s.io"
                                      << "StorageClass" << QStringList{"Name",
                                                                       "Provisioner",
                                                                       "ReclaimPolicy",
                                                                       "VolumeBindingMode",
                                                                       "AllowVolumeExpansion",
                                                                       "Age"}
                                      << none;
        QTest::newRow("PodDisruptionBudget")
            << "policy"
            << "PodDisruptionBudget"
            << QStringList{"Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"} << none;
        QTest::newRow("RoleBinding") << "rbac.authorization.k8s.io"
                                     << "RoleBinding" << QStringList{"Name", "Role", "Age"}
                                     << QStringList{"Users", "Groups", "ServiceAccounts"};
        QTest::newRow("ClusterRoleBinding") << "rbac.authorization.k8s.io"
                                            << "ClusterRoleBinding" << QStringList{"Name", "Role", "Age"}
                                            << QStringList{"Users", "Groups", "ServiceAccounts"};
        QTest::newRow("HorizontalPodAutoscaler")
            << "autoscaling"
            << "HorizontalPodAutoscaler"
            << QStringList{"Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age"} << none;
        QTest::newRow("Lease") << "coordination.k8s.io"
                               << "Lease" << QStringList{"Name", "Holder", "Age"} << none;
        // Kinds without a printer get the default convertor's pair.
        QTest::newRow("Role") << "rbac.authorization.k8s.io"
                              << "Role" << QStringList{"Name", "Created At"} << none;
        QTest::newRow("ClusterRole") << "rbac.authorization.k8s.io"
                                     << "ClusterRole" << QStringList{"Name", "Created At"} << none;
        QTest::newRow("LimitRange") << ""
                                    << "LimitRange" << QStringList{"Name", "Created At"} << none;
        QTest::newRow("CustomResourceDefinition")
            << "apiextensions.k8s.io"
            << "CustomResourceDefinition" << QStringList{"Name", "Created At"} << none;
    }

    void columns() {
        QFETCH(QString, group);
        QFETCH(QString, kind);
        QFETCH(QStringList, always);
        QFETCH(QStringList, wide);
        const auto columns = TablePrinters::columns(group, kind);
        QCOMPARE(columnNames(columns, 0), always);
        QCOMPARE(columnNames(columns, 1), wide);
        int nameColumns = 0;
        for (const auto& column : columns) {
            QVERIFY2(!column.description.isEmpty(), qPrintable(column.name));
            QVERIFY(QStringList({"string", "integer", "number", "boolean", "date"}).contains(column.type));
            nameColumns += column.format == u"name" ? 1 : 0;
        }
        QCOMPARE(nameColumns, 1);
        // Every printer fills one cell per column, even for an object with nothing set.
        const TableRowData row =
            TablePrinters::row(group, kind, QJsonObject{{"metadata", QJsonObject{{"name", "x"}}}}, kNow);
        QCOMPARE(row.cells.size(), columns.size());
    }

    void defaultPrinterRow() {
        const QJsonObject role =
            json(R"({"metadata":{"name":"reader","creationTimestamp":"2024-04-30T10:00:00+02:00"}})");
        QVERIFY(
            !TablePrinters::hasPrinter(QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("Role")));
        const TableRowData row = TablePrinters::row(QStringLiteral("rbac.authorization.k8s.io"),
                                                    QStringLiteral("Role"), role, kNow);
        QCOMPARE(row.cells, (QJsonArray{"reader", "2024-04-30T08:00:00Z"}));
        QCOMPARE(TablePrinters::columns(QString(), QStringLiteral("LimitRange")).at(1).type,
                 QStringLiteral("date"));
    }

    // stringCells builds the row by parsing its JSON: it must hold exactly the strings it was given.
    void stringCellsHoldTheirStrings_data() {
        QTest::addColumn<QStringList>("cells");
        QTest::newRow("plain") << QStringList{"web-1", "1/1", "Running", "0", "5m", "10.0.0.1", "<none>"};
        QTest::newRow("empty") << QStringList{"", "", ""};
        QTest::newRow("escapes") << QStringList{"a\"b", "back\\slash", "tab\tnew\nline\r", QString(QChar(1)),
                                                "</script>"};
        QTest::newRow("non-ASCII") << QStringList{QStringLiteral("caf\u00e9"), QStringLiteral("\u65e5\u672c"),
                                                  QStringLiteral("\u00a0\u2028")};
        QTest::newRow("surrogate pair") << QStringList{QString::fromUtf16(u"\U0001F600 ok")};
        QTest::newRow("lone surrogate") << QStringList{QString(QChar(0xd800)), QString(QChar(0xdc00)) + u'x'};
    }
    void stringCellsHoldTheirStrings() {
        QFETCH(QStringList, cells);
        QJsonArray expected;
        for (const QString& cell : cells)
            expected.append(cell);
        QJsonArray actual;
        switch (cells.size()) {
        case 1:
            actual = printers::stringCells({cells[0]});
            break;
        case 2:
            actual = printers::stringCells({cells[0], cells[1]});
            break;
        case 3:
            actual = printers::stringCells({cells[0], cells[1], cells[2]});
            break;
        case 5:
            actual = printers::stringCells({cells[0], cells[1], cells[2], cells[3], cells[4]});
            break;
        default:
            QCOMPARE(cells.size(), 7);
            actual =
                printers::stringCells({cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]});
        }
        QCOMPARE(actual, expected);
        QCOMPARE(compactjson::toJson(actual), compactjson::toJson(expected));
    }
};

QTEST_GUILESS_MAIN(TestTablePrinters)
#include "tst_tableprinters.moc"
