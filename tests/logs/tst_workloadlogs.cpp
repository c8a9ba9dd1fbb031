// WorkloadLogs against the in-process simulator: the pods of a Deployment (and a Job) found through its
// selector, their logs merged in timestamp order and tagged, a pod that appears picked up, one deleted
// dropped; and the selector text built from LabelSelectors.
#include "logmerger.h"
#include "logtesting.h"
#include "workloadlogs.h"

using namespace testing;
using binnacle::logs::WorkloadLogOptions;
using binnacle::logs::WorkloadLogs;
using binnacle::logs::WorkloadRef;

namespace {
WorkloadLogOptions followOptions() {
    WorkloadLogOptions options;
    options.stream.follow = true;
    // Generous: every stream's history must arrive within it for a strict order on a loaded machine.
    options.mergeHold = std::chrono::milliseconds(1500);
    options.watch.initialBackoff = std::chrono::milliseconds(20);
    options.watch.maxBackoff = std::chrono::milliseconds(200);
    return options;
}

struct WorkloadRecorder {
    LogLines lines;
    QStringList added;
    QStringList removed;
    QList<binnacle::logs::LogError> errors;

    void attach(WorkloadLogs* logs) {
        QObject::connect(logs, &WorkloadLogs::linesReceived, logs,
                         [this](const LogLines& batch) { lines += batch; });
        QObject::connect(logs, &WorkloadLogs::podAdded, logs,
                         [this](const QString& pod) { added.append(pod); });
        QObject::connect(logs, &WorkloadLogs::podRemoved, logs,
                         [this](const QString& pod) { removed.append(pod); });
        QObject::connect(logs, &WorkloadLogs::errorOccurred, logs,
                         [this](const binnacle::logs::LogError& error) { errors.append(error); });
    }
    qsizetype linesOf(const QString& pod) const {
        return std::count_if(lines.cbegin(), lines.cend(),
                             [&](const LogLine& line) { return line.pod == pod; });
    }
};

PodSpec webPod(const QString& name, int startedSecondsAgo, const QString& app = QStringLiteral("web")) {
    ContainerSpec main{QStringLiteral("main")};
    main.startedSecondsAgo = startedSecondsAgo;
    ContainerSpec proxy{QStringLiteral("proxy")};
    proxy.startedSecondsAgo = startedSecondsAgo - 3;
    proxy.image = QStringLiteral("nginx:1.27");
    return PodSpec{name, {main, proxy}, {}, {}, QJsonObject{{"app", app}}};
}

QJsonObject podTemplate(const QString& app, const QString& restartPolicy) {
    const QJsonArray containers{QJsonObject{{"name", "main"}, {"image", "busybox"}}};
    const QJsonObject spec{{"restartPolicy", restartPolicy}, {"containers", containers}};
    return QJsonObject{{"metadata", QJsonObject{{"labels", QJsonObject{{"app", app}}}}}, {"spec", spec}};
}

QJsonObject deploymentJson() {
    const QJsonObject selector{{"matchLabels", QJsonObject{{"app", "web"}}}};
    const QJsonObject spec{
        {"replicas", 2}, {"selector", selector}, {"template", podTemplate("web", "Always")}};
    const QJsonObject metadata{{"name", "web"}};
    return QJsonObject{
        {"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", metadata}, {"spec", spec}};
}

QJsonObject jobJson() {
    const QJsonObject expression{{"key", "app"}, {"operator", "In"}, {"values", QJsonArray{"batch"}}};
    const QJsonObject selector{{"matchExpressions", QJsonArray{expression}}};
    const QJsonObject spec{
        {"manualSelector", true}, {"selector", selector}, {"template", podTemplate("batch", "Never")}};
    const QJsonObject metadata{{"name", "crunch"}};
    return QJsonObject{{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"metadata", metadata}, {"spec", spec}};
}

bool createWorkload(LogCluster& cluster, const char* group, const char* resource, const QJsonObject& object) {
    const auto& type = cluster.storage()->type(QLatin1String(group), QLatin1String(resource));
    const auto result = cluster.storage()->create(type, logNamespace, object);
    if (!result.ok()) {
        qWarning("%s not created: %s", resource, qPrintable(result.error->message));
    }
    return result.ok();
}

LogLines linesOf(const LogLines& lines, const QString& pod, const QString& container) {
    LogLines own;
    for (const LogLine& line : lines) {
        if (line.pod == pod && line.container == container) {
            own.append(line);
        }
    }
    return own;
}
} // namespace

class TestWorkloadLogs : public QObject {
    Q_OBJECT

    LogCluster m_cluster;

private slots:
    void initTestCase() {
        QVERIFY(m_cluster.start());
        QVERIFY(createWorkload(m_cluster, "apps", "deployments", deploymentJson()));
        QVERIFY(m_cluster.createPod(webPod(QStringLiteral("web-a"), 100)));
        QVERIFY(m_cluster.createPod(webPod(QStringLiteral("web-b"), 62)));
        QVERIFY(m_cluster.createPod(webPod(QStringLiteral("other"), 100, QStringLiteral("other"))));
    }

    void deploymentPodsMergedInTimestampOrder() {
        WorkloadLogs logs(m_cluster.transport(), WorkloadRef{"Deployment", logNamespace, "web"},
                          followOptions());
        WorkloadRecorder recorder;
        recorder.attach(&logs);
        QSignalSpy ready(&logs, &WorkloadLogs::ready);
        logs.start();
        QVERIFY(ready.wait(logTimeoutMs));
        QCOMPARE(logs.labelSelector(), QStringLiteral("app=web"));
        QCOMPARE(logs.pods(), (QStringList{"web-a", "web-b"}));
        // web-a: main 20 lines, proxy 20 (started 97 s ago); web-b: 13 and 12.
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.size(), 20 + 20 + 13 + 12, logTimeoutMs);
        QCOMPARE(recorder.linesOf("other"), 0);
        for (qsizetype i = 1; i < recorder.lines.size(); ++i) {
            QVERIFY2(recorder.lines.at(i - 1).timestampNs <= recorder.lines.at(i).timestampNs,
                     qPrintable(QStringLiteral("line %1 out of order").arg(i)));
        }
        // Each container's own lines are there exactly once, tagged, with the server's text.
        for (const QString pod : {"web-a", "web-b"}) {
            for (const QString container : {"main", "proxy"}) {
                QUrlQuery query;
                query.addQueryItem("container", container);
                QCOMPARE(render(linesOf(recorder.lines, pod, container), false),
                         m_cluster.serverLog(pod, query));
            }
        }

        // A new pod of the workload is picked up; a deleted one is dropped.
        QVERIFY(m_cluster.createPod(webPod(QStringLiteral("web-c"), 12)));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.added.size(), 3, logTimeoutMs);
        QCOMPARE(recorder.added.last(), QStringLiteral("web-c"));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.linesOf("web-c"), 3 + 2, logTimeoutMs);
        QVERIFY(m_cluster.deletePod(QStringLiteral("web-a")));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.removed, QStringList{"web-a"}, logTimeoutMs);
        QCOMPARE(logs.pods(), (QStringList{"web-b", "web-c"}));
        const qsizetype fromA = recorder.linesOf("web-a");
        m_cluster.advance(10);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.linesOf("web-c"), 5 + 4, logTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.linesOf("web-b"), 25 + 4, logTimeoutMs);
        QCOMPARE(recorder.linesOf("web-a"), fromA);
        QCOMPARE(logs.activeStreams(), 4);
        QVERIFY(recorder.errors.isEmpty());
        logs.stop();
        QCOMPARE(logs.activeStreams(), 0);
    }

    void restartedContainerIsFollowed() {
        QVERIFY(m_cluster.createPod(
            PodSpec{QStringLiteral("crashy-a"),
                    {ContainerSpec{QStringLiteral("main"), ContainerSpec::State::Running, 30}},
                    {},
                    {},
                    QJsonObject{{"app", "crashy"}}}));
        WorkloadLogOptions options = followOptions();
        options.stream.restartPollInterval = std::chrono::milliseconds(50);
        WorkloadLogs logs(m_cluster.transport(), logNamespace, QStringLiteral("app=crashy"), options);
        WorkloadRecorder recorder;
        recorder.attach(&logs);
        QSignalSpy restarted(&logs, &WorkloadLogs::containerRestarted);
        logs.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.size(), 6, logTimeoutMs);
        // Dies in 4 s, back 3 s later: its last line, a marker tagged with the pod, then the new instance.
        QVERIFY(m_cluster.restartContainer(QStringLiteral("crashy-a"), 1, 30, -4, -7));
        m_cluster.advance(20);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.size(), 6 + 1 + 1 + 3, logTimeoutMs);
        QCOMPARE(restarted.count(), 1);
        QCOMPARE(restarted.first().at(0).toString(), QStringLiteral("crashy-a"));
        QCOMPARE(restarted.first().at(1).toString(), QStringLiteral("main"));
        const LogLine& marker = recorder.lines.at(7);
        QVERIFY(marker.marker);
        QCOMPARE(marker.pod, QStringLiteral("crashy-a"));
        for (qsizetype i = 1; i < recorder.lines.size(); ++i) {
            QVERIFY(recorder.lines.at(i - 1).timestampNs < recorder.lines.at(i).timestampNs);
            QCOMPARE(recorder.lines.at(i).marker, i == 7);
        }
        QCOMPARE(logs.activeStreams(), 1);
        QVERIFY(recorder.errors.isEmpty());
        logs.stop();
    }

    void jobPodsThroughItsSelector() {
        QVERIFY(createWorkload(m_cluster, "batch", "jobs", jobJson()));
        QVERIFY(m_cluster.createPod(webPod(QStringLiteral("crunch-1"), 30, QStringLiteral("batch"))));
        WorkloadLogOptions options = followOptions();
        options.stream.follow = false;
        options.containers = QStringList{QStringLiteral("main")};
        WorkloadLogs logs(m_cluster.transport(), WorkloadRef{"Job", logNamespace, "crunch"}, options);
        WorkloadRecorder recorder;
        recorder.attach(&logs);
        logs.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.size(), 6, logTimeoutMs);
        QCOMPARE(logs.labelSelector(), QStringLiteral("app in (batch)"));
        for (const LogLine& line : std::as_const(recorder.lines)) {
            QCOMPARE(line.pod, QStringLiteral("crunch-1"));
            QCOMPARE(line.container, QStringLiteral("main"));
        }
    }

    void unknownWorkloadIsAnError() {
        WorkloadLogs logs(m_cluster.transport(), WorkloadRef{"StatefulSet", logNamespace, "absent"},
                          followOptions());
        WorkloadRecorder recorder;
        recorder.attach(&logs);
        logs.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.errors.size(), 1, logTimeoutMs);
        QCOMPARE(recorder.errors.first().apiError.httpStatus(), 404);
    }

    void selectorText_data() {
        QTest::addColumn<QByteArray>("workload");
        QTest::addColumn<QString>("selector");
        QTest::newRow("matchLabels")
            << QByteArray(R"({"spec":{"selector":{"matchLabels":{"app":"web","tier":"fe"}}}})")
            << "app=web,tier=fe";
        QTest::newRow("expressions")
            << QByteArray(R"({"spec":{"selector":{"matchLabels":{"app":"db"},"matchExpressions":[
                {"key":"tier","operator":"In","values":["a","b"]},{"key":"env","operator":"NotIn","values":["dev"]},
                {"key":"canary","operator":"DoesNotExist"},{"key":"owner","operator":"Exists"}]}}})")
            << "app=db,tier in (a,b),env notin (dev),!canary,owner";
        QTest::newRow("replication controller map")
            << QByteArray(R"({"spec":{"selector":{"app":"legacy"}}})") << "app=legacy";
        QTest::newRow("none") << QByteArray(R"({"spec":{}})") << "";
    }
    void selectorText() {
        QFETCH(QByteArray, workload);
        QFETCH(QString, selector);
        QCOMPARE(binnacle::logs::workloadselector::podSelector(QJsonDocument::fromJson(workload).object()),
                 selector);
    }

    void workloadPaths() {
        using binnacle::logs::workloadselector::pathFor;
        QCOMPARE(*pathFor(WorkloadRef{"DaemonSet", "kube-system", "proxy"}),
                 QStringLiteral("/apis/apps/v1/namespaces/kube-system/daemonsets/proxy"));
        QCOMPARE(*pathFor(WorkloadRef{"StatefulSet", "db", "pg"}),
                 QStringLiteral("/apis/apps/v1/namespaces/db/statefulsets/pg"));
        QCOMPARE(*pathFor(WorkloadRef{"Job", "ci", "build"}),
                 QStringLiteral("/apis/batch/v1/namespaces/ci/jobs/build"));
        QVERIFY(!pathFor(WorkloadRef{"Service", "ci", "build"}));
    }
};

QTEST_GUILESS_MAIN(TestWorkloadLogs)
#include "tst_workloadlogs.moc"
