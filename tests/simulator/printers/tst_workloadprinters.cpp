#include "fixtures.h"
#include "tableprinters.h"

#include <QTest>

using namespace binnacle::sim;
using binnacle::sim::testing::json;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00Z"), Qt::ISODate);

} // namespace

class TestWorkloadPrinters : public QObject {
    Q_OBJECT

private slots:
    void deploymentFixture() {
        const QJsonObject deployment =
            testing::loadYamlFixture(QStringLiteral("deployment-live-managedfields.yaml"));
        const QDateTime now = QDateTime::fromString(QStringLiteral("2022-09-20T23:50:25Z"), Qt::ISODate);
        const TableRowData row =
            TablePrinters::row(QStringLiteral("apps"), QStringLiteral("Deployment"), deployment, now);
        const QJsonArray expected{"nginx-deployment", "2/2",      2, 2, "2d", "nginx",
                                  "nginx:1.23.1",     "app=nginx"};
        QCOMPARE(row.cells, expected);
    }

    void job_data() {
        QTest::addColumn<QJsonObject>("job");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("completions");
        QTest::addColumn<QString>("duration");
        QTest::newRow("complete") << json(R"({"spec":{"completions":3},"status":{"succeeded":3,
                "startTime":"2024-05-01T11:00:00Z","completionTime":"2024-05-01T11:02:05Z",
                "conditions":[{"type":"Complete","status":"True"}]}})")
                                  << "Complete"
                                  << "3/3"
                                  << "2m5s";
        QTest::newRow("running in parallel")
            << json(R"({"spec":{"parallelism":4},"status":{"startTime":"2024-05-01T11:30:00Z"}})")
            << "Running"
            << "0/1 of 4"
            << "30m";
        QTest::newRow("not started") << json(R"({"spec":{"parallelism":1}})") << "Running"
                                     << "0/1"
                                     << "";
        QTest::newRow("failed") << json(R"({"spec":{"completions":1},"status":{"failed":1,
                "conditions":[{"type":"FailureTarget","status":"True"},{"type":"Failed","status":"True"}]}})")
                                << "Failed"
                                << "0/1"
                                << "";
        QTest::newRow("suspended")
            << json(
                   R"({"spec":{"completions":1},"status":{"conditions":[{"type":"Suspended","status":"True"}]}})")
            << "Suspended"
            << "0/1"
            << "";
        QTest::newRow("terminating")
            << json(R"({"metadata":{"deletionTimestamp":"2024-05-01T11:59:00Z"},"spec":{"completions":1}})")
            << "Terminating"
            << "0/1"
            << "";
    }

    void job() {
        QFETCH(QJsonObject, job);
        QFETCH(QString, status);
        QFETCH(QString, completions);
        QFETCH(QString, duration);
        const QJsonArray cells =
            TablePrinters::row(QStringLiteral("batch"), QStringLiteral("Job"), job, kNow).cells;
        QCOMPARE(cells.at(1).toString(), status);
        QCOMPARE(cells.at(2).toString(), completions);
        QCOMPARE(cells.at(3).toString(), duration);
    }

    void cronJob() {
        const QJsonObject cronJob =
            json(R"({"metadata":{"name":"backup"},"spec":{"schedule":"*/5 * * * *","suspend":false,
            "jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"busybox"}]}}}}},
            "status":{"active":[{"name":"backup-1"}],"lastScheduleTime":"2024-05-01T11:55:00Z"}})");
        QCOMPARE(TablePrinters::row(QStringLiteral("batch"), QStringLiteral("CronJob"), cronJob, kNow).cells,
                 (QJsonArray{"backup", "*/5 * * * *", "<none>", "False", 1, "5m", "<unknown>", "b", "busybox",
                             "<none>"}));
    }

    void selectorsAndOwners() {
        const QJsonObject replicaSet = json(R"({"metadata":{"name":"rs"},"spec":{"replicas":3,"selector":{
            "matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["fe","be"]},
            {"key":"canary","operator":"DoesNotExist"}]}},"status":{"replicas":3,"readyReplicas":2}})");
        QCOMPARE(
            TablePrinters::row(QStringLiteral("apps"), QStringLiteral("ReplicaSet"), replicaSet, kNow).cells,
            (QJsonArray{"rs", 3, 3, 2, "<unknown>", "", "", "app=web,!canary,tier in (be,fe)"}));
        const QJsonObject revision =
            json(R"({"metadata":{"name":"ds-5d8","ownerReferences":[{"apiVersion":"apps/v1",
            "kind":"DaemonSet","name":"fluentd","controller":true}]},"revision":4})");
        QCOMPARE(
            TablePrinters::row(QStringLiteral("apps"), QStringLiteral("ControllerRevision"), revision, kNow)
                .cells,
            (QJsonArray{"ds-5d8", "daemonset.apps/fluentd", 4, "<unknown>"}));
    }
};

QTEST_GUILESS_MAIN(TestWorkloadPrinters)
#include "tst_workloadprinters.moc"
