#include "fixtures.h"
#include "tableprinters.h"

#include <QJsonDocument>
#include <QTest>

using namespace binnacle::sim;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2026-04-23T12:28:01Z"), Qt::ISODate);

// A pod created an hour before kNow, with the given spec and status (JSON text).
QJsonObject pod(const char* spec, const char* status, const char* extraMetadata = "") {
    const QString text =
        QStringLiteral(R"({"metadata":{"name":"p","creationTimestamp":"2026-04-23T11:28:01Z"%3},
                                           "spec":%1,"status":%2})")
            .arg(QLatin1String(spec), QLatin1String(status), QLatin1String(extraMetadata));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test pod: %s", qPrintable(error.errorString()));
    return document.object();
}

} // namespace

class TestPodPrinter : public QObject {
    Q_OBJECT

private slots:
    void columns() {
        const auto columns = TablePrinters::columns(QString(), QStringLiteral("Pod"));
        QStringList names;
        QList<int> priorities;
        for (const auto& column : columns) {
            names << column.name;
            priorities << column.priority;
            QVERIFY(!column.description.isEmpty());
        }
        QCOMPARE(names, QStringList({"Name", "Ready", "Status", "Restarts", "Age", "IP", "Node",
                                     "Nominated Node", "Readiness Gates"}));
        QCOMPARE(priorities, QList<int>({0, 0, 0, 0, 0, 1, 1, 1, 1}));
        QCOMPARE(columns.first().format, QStringLiteral("name"));
        QCOMPARE(columns.at(3).type, QStringLiteral("string")); // Restarts carries "3 (5m ago)" since 1.25
    }

    void fixtureRow() {
        // A ReplicaSet pod whose second init container is still running.
        const QJsonObject object =
            testing::loadYamlFixture(QStringLiteral("pod-replicaset-owned-managedfields.yaml"));
        const TableRowData row = TablePrinters::row(QString(), QStringLiteral("Pod"), object, kNow);
        const QJsonArray expected{"small-deployment-10-67cc84df8d-88gxr",
                                  "0/2",
                                  "Init:1/2",
                                  "0",
                                  "5m",
                                  "10.244.7.83",
                                  "kind-worker6",
                                  "<none>",
                                  "<none>"};
        QCOMPARE(row.cells, expected);
        QVERIFY(row.conditions.isEmpty());
    }

    void status_data() {
        QTest::addColumn<QJsonObject>("object");
        QTest::addColumn<QString>("ready");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("restarts");

        QTest::newRow("running") << pod(R"({"containers":[{"name":"a"}]})",
                                        R"({"phase":"Running","containerStatuses":[{"name":"a","ready":true,
                                            "restartCount":0,"state":{"running":{}}}]})")
                                 << "1/1"
                                 << "Running"
                                 << "0";
        QTest::newRow("CrashLoopBackOff with last restart")
            << pod(R"({"containers":[{"name":"a"}]})",
                   R"({"phase":"Running","containerStatuses":[{"name":"a","ready":false,"restartCount":3,
                       "state":{"waiting":{"reason":"CrashLoopBackOff"}},
                       "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-04-23T12:23:01Z"}}}]})")
            << "0/1"
            << "CrashLoopBackOff"
            << "3 (5m ago)";
        QTest::newRow("ContainerCreating") << pod(R"({"containers":[{"name":"a"},{"name":"b"}]})",
                                                  R"({"phase":"Pending","containerStatuses":[
                       {"name":"a","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}},
                       {"name":"b","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]})")
                                           << "0/2"
                                           << "ContainerCreating"
                                           << "0";
        QTest::newRow("Pending without statuses")
            << pod(R"({"containers":[{"name":"a"}]})", R"({"phase":"Pending"})") << "0/1"
            << "Pending"
            << "0";
        QTest::newRow("Terminating")
            << pod(R"({"containers":[{"name":"a"}]})",
                   R"({"phase":"Running","containerStatuses":[{"name":"a","ready":true,
                                                "restartCount":0,"state":{"running":{}}}]})",
                   R"(,"deletionTimestamp":"2026-04-23T12:28:00Z")")
            << "1/1"
            << "Terminating"
            << "0";
        QTest::newRow("Completed pod is not Terminating")
            << pod(R"({"containers":[{"name":"a"}]})",
                   R"({"phase":"Succeeded","containerStatuses":[{"name":"a","ready":false,"restartCount":0,
                       "state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]})",
                   R"(,"deletionTimestamp":"2026-04-23T12:28:00Z")")
            << "0/1"
            << "Completed"
            << "0";
        QTest::newRow("NodeLost while deleting is Unknown")
            << pod(R"({"containers":[{"name":"a"}]})",
                   R"({"phase":"Running","reason":"NodeLost","containerStatuses":[{"name":"a","ready":true,
                       "restartCount":0,"state":{"running":{}}}]})",
                   R"(,"deletionTimestamp":"2026-04-23T12:28:00Z")")
            << "1/1"
            << "Unknown"
            << "0";
        QTest::newRow("NodeLost")
            << pod(R"({"containers":[{"name":"a"}]})",
                   R"({"phase":"Running","reason":"NodeLost","containerStatuses":[{"name":"a",
                                             "ready":true,"restartCount":0,"state":{"running":{}}}]})")
            << "1/1"
            << "NodeLost"
            << "0";
        QTest::newRow("Init:0/2 while the first init container runs")
            << pod(R"({"initContainers":[{"name":"i0"},{"name":"i1"}],"containers":[{"name":"a"}]})",
                   R"({"phase":"Pending","initContainerStatuses":[
                       {"name":"i0","ready":false,"restartCount":0,"state":{"running":{}}},
                       {"name":"i1","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}],
                       "containerStatuses":[{"name":"a","ready":false,"restartCount":0,
                       "state":{"waiting":{"reason":"PodInitializing"}}}]})")
            << "0/1"
            << "Init:0/2"
            << "0";
        QTest::newRow("Init:CrashLoopBackOff counts init restarts")
            << pod(R"({"initContainers":[{"name":"i0"}],"containers":[{"name":"a"}]})",
                   R"({"phase":"Pending","initContainerStatuses":[{"name":"i0","ready":false,"restartCount":4,
                       "state":{"waiting":{"reason":"CrashLoopBackOff"}},
                       "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-04-23T12:26:01Z"}}}]})")
            << "0/1"
            << "Init:CrashLoopBackOff"
            << "4 (2m ago)";
        QTest::newRow("Init:Error")
            << pod(R"({"initContainers":[{"name":"i0"}],"containers":[{"name":"a"}]})",
                   R"({"phase":"Pending","initContainerStatuses":[{"name":"i0","ready":false,
                                               "restartCount":0,"state":{"terminated":{"exitCode":1,"reason":"Error"}}}]})")
            << "0/1"
            << "Init:Error"
            << "0";
        QTest::newRow("Init:ExitCode")
            << pod(R"({"initContainers":[{"name":"i0"}],"containers":[{"name":"a"}]})",
                   R"({"phase":"Pending","initContainerStatuses":[{"name":"i0",
                                                  "restartCount":0,"state":{"terminated":{"exitCode":2}}}]})")
            << "0/1"
            << "Init:ExitCode:2"
            << "0";
        QTest::newRow("Init:Signal")
            << pod(R"({"initContainers":[{"name":"i0"}],"containers":[{"name":"a"}]})",
                   R"({"phase":"Pending","initContainerStatuses":[{"name":"i0",
                                                "restartCount":0,"state":{"terminated":{"exitCode":137,"signal":9}}}]})")
            << "0/1"
            << "Init:Signal:9"
            << "0";
        QTest::newRow("PodInitializing after init")
            << pod(R"({"initContainers":[{"name":"i0"}],"containers":[{"name":"a"}]})",
                   R"({"phase":"Pending","conditions":[{"type":"Initialized","status":"True"}],
                       "initContainerStatuses":[{"name":"i0","ready":true,"restartCount":0,
                       "state":{"terminated":{"exitCode":0,"reason":"Completed"}}}],
                       "containerStatuses":[{"name":"a","ready":false,"restartCount":0,
                       "state":{"waiting":{"reason":"PodInitializing"}}}]})")
            << "0/1"
            << "PodInitializing"
            << "0";
        QTest::newRow("terminated without reason")
            << pod(R"({"containers":[{"name":"a"}]})",
                   R"({"phase":"Failed","containerStatuses":[{"name":"a","restartCount":0,
                       "state":{"terminated":{"exitCode":137}}}]})")
            << "0/1"
            << "ExitCode:137"
            << "0";
        QTest::newRow("sidecar counts towards ready")
            << pod(R"({"initContainers":[{"name":"s","restartPolicy":"Always"}],"containers":[{"name":"a"}]})",
                   R"({"phase":"Running","conditions":[{"type":"Initialized","status":"True"},
                       {"type":"Ready","status":"True"}],
                       "initContainerStatuses":[{"name":"s","ready":true,"started":true,"restartCount":1,
                       "state":{"running":{}},
                       "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-04-23T12:18:01Z"}}}],
                       "containerStatuses":[{"name":"a","ready":true,"restartCount":0,"state":{"running":{}}}]})")
            << "2/2"
            << "Running"
            << "1 (10m ago)";
        QTest::newRow("Completed container next to a running one")
            << pod(R"({"containers":[{"name":"a"},{"name":"b"}]})",
                   R"({"phase":"Running","conditions":[{"type":"Ready","status":"False"}],"containerStatuses":[
                       {"name":"a","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
                       {"name":"b","ready":true,"restartCount":0,"state":{"running":{}}}]})")
            << "1/2"
            << "NotReady"
            << "0";
        QTest::newRow("SchedulingGated") << pod(R"({"containers":[{"name":"a"}]})",
                                                R"({"phase":"Pending","conditions":[{"type":"PodScheduled",
                                                    "status":"False","reason":"SchedulingGated"}]})")
                                         << "0/1"
                                         << "SchedulingGated"
                                         << "0";
        QTest::newRow("restarts without a finish time")
            << pod(R"({"containers":[{"name":"a"}]})",
                   R"({"phase":"Running","containerStatuses":[{"name":"a","ready":true,"restartCount":2,
                       "state":{"running":{}}}]})")
            << "1/1"
            << "Running"
            << "2";
    }

    void status() {
        QFETCH(QJsonObject, object);
        QFETCH(QString, ready);
        QFETCH(QString, status);
        QFETCH(QString, restarts);
        const TableRowData row = TablePrinters::row(QString(), QStringLiteral("Pod"), object, kNow);
        QCOMPARE(row.cells.size(), 9);
        QCOMPARE(row.cells.at(1).toString(), ready);
        QCOMPARE(row.cells.at(2).toString(), status);
        QCOMPARE(row.cells.at(3).toString(), restarts);
        QCOMPARE(row.cells.at(4).toString(), QStringLiteral("60m"));
    }

    void conditions_data() {
        QTest::addColumn<QString>("phase");
        QTest::addColumn<QJsonArray>("expected");
        QTest::newRow("Running") << "Running" << QJsonArray();
        QTest::newRow("Succeeded") << "Succeeded"
                                   << QJsonArray{
                                          QJsonObject{{"type", "Completed"},
                                                      {"status", "True"},
                                                      {"reason", "Succeeded"},
                                                      {"message", "The pod has completed successfully."}}};
        QTest::newRow("Failed") << "Failed"
                                << QJsonArray{QJsonObject{{"type", "Completed"},
                                                          {"status", "True"},
                                                          {"reason", "Failed"},
                                                          {"message", "The pod failed."}}};
    }

    void conditions() {
        QFETCH(QString, phase);
        QFETCH(QJsonArray, expected);
        QJsonObject object = pod(R"({"containers":[{"name":"a"}]})", "{}");
        object.insert(QStringLiteral("status"), QJsonObject{{"phase", phase}});
        const TableRowData row = TablePrinters::row(QString(), QStringLiteral("Pod"), object, kNow);
        QCOMPARE(row.conditions, expected);
        QCOMPARE(row.toJson().contains(QStringLiteral("conditions")), !expected.isEmpty());
    }

    void wideCells() {
        const QJsonObject object =
            pod(R"({"nodeName":"n1","containers":[{"name":"a"}],
                    "readinessGates":[{"conditionType":"example.com/lb"},{"conditionType":"example.com/dns"}]})",
                R"({"phase":"Running","podIP":"10.0.0.5","podIPs":[{"ip":"10.0.0.5"},{"ip":"fd00::5"}],
                    "nominatedNodeName":"n2","conditions":[{"type":"example.com/lb","status":"True"},
                    {"type":"example.com/dns","status":"False"}]})");
        const TableRowData row = TablePrinters::row(QString(), QStringLiteral("Pod"), object, kNow);
        QCOMPARE(row.cells.at(5).toString(), QStringLiteral("10.0.0.5"));
        QCOMPARE(row.cells.at(6).toString(), QStringLiteral("n1"));
        QCOMPARE(row.cells.at(7).toString(), QStringLiteral("n2"));
        QCOMPARE(row.cells.at(8).toString(), QStringLiteral("1/2"));
    }
};

// The tests of the printer's cached facts (tst_podrowcache.cpp) run in this executable too.
int runPodRowCacheTests(int argc, char** argv);

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    TestPodPrinter printerTests;
    const int printerFailures = QTest::qExec(&printerTests, argc, argv);
    return printerFailures + runPodRowCacheTests(argc, argv);
}

#include "tst_podprinter.moc"
