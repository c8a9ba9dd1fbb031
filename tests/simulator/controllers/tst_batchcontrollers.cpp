// Jobs run pods to completion; CronJobs start Jobs on schedule.
#include "testcluster.h"

using namespace binnacle::sim;
using namespace binnacle::sim::testing;

namespace {

bool conditionTrue(const ObjectPtr& object, const QString& type) {
    return objects::findCondition(TestCluster::at(object, QStringLiteral("status.conditions")).toArray(),
                                  type)
               .value(QLatin1String("status"))
               .toString() == QLatin1String("True");
}

} // namespace

class TestBatchControllers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jobCompletes_data() {
        QTest::addColumn<int>("completions");
        QTest::addColumn<int>("parallelism");
        QTest::addColumn<QString>("mode");
        QTest::newRow("one pod") << 1 << 1 << QStringLiteral("NonIndexed");
        QTest::newRow("three, two at a time") << 3 << 2 << QStringLiteral("NonIndexed");
        QTest::newRow("indexed") << 3 << 3 << QStringLiteral("Indexed");
    }

    void jobCompletes() {
        QFETCH(int, completions);
        QFETCH(int, parallelism);
        QFETCH(QString, mode);
        TestCluster cluster;
        QJsonObject job = json(R"({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi"},
            "spec": {"template": {"metadata": {"annotations": {"sim.binnacle.io/run-seconds": "2"}},
                                  "spec": {"restartPolicy": "Never",
                                           "containers": [{"name": "pi", "image": "perl:5.34"}]}}}})");
        QJsonObject spec = job.value(QLatin1String("spec")).toObject();
        spec.insert(QStringLiteral("completions"), completions);
        spec.insert(QStringLiteral("parallelism"), parallelism);
        spec.insert(QStringLiteral("completionMode"), mode);
        job.insert(QStringLiteral("spec"), spec);
        cluster.createObject(QStringLiteral("batch"), QStringLiteral("jobs"), job, QStringLiteral("default"));

        int maxActive = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                maxActive = std::max(maxActive,
                                     cluster.intAt("batch", "jobs", QStringLiteral("pi"), "status.active"));
                return conditionTrue(cluster.get("batch", "jobs", QStringLiteral("pi")),
                                     QStringLiteral("Complete"));
            }(),
            kTimeout);
        const ObjectPtr done = cluster.get("batch", "jobs", QStringLiteral("pi"));
        QVERIFY(conditionTrue(done, QStringLiteral("SuccessCriteriaMet")));
        QCOMPARE(TestCluster::at(done, QStringLiteral("status.succeeded")).toInt(), completions);
        QVERIFY(!TestCluster::at(done, QStringLiteral("status.active")).toInt());
        QVERIFY(!TestCluster::at(done, QStringLiteral("status.startTime")).toString().isEmpty());
        QVERIFY(!TestCluster::at(done, QStringLiteral("status.completionTime")).toString().isEmpty());
        QVERIFY(maxActive <= parallelism);
        if (mode == QLatin1String("Indexed")) {
            QCOMPARE(TestCluster::at(done, QStringLiteral("status.completedIndexes")).toString(),
                     QStringLiteral("0-2"));
        }
        const QList<ObjectPtr> pods = cluster.podsWithLabel(QStringLiteral("job-name"), QStringLiteral("pi"));
        QCOMPARE(pods.size(), qsizetype(completions));
        for (const ObjectPtr& pod : pods) {
            QCOMPARE(TestCluster::at(pod, QStringLiteral("status.phase")).toString(),
                     QStringLiteral("Succeeded"));
        }
        QVERIFY(cluster.eventReasons(QStringLiteral("pi")).contains(QStringLiteral("Completed")));
    }

    void failingJobHitsBackoffLimit() {
        TestCluster cluster;
        cluster.create("batch", "jobs",
                       R"({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "bad"},
            "spec": {"backoffLimit": 1,
                     "template": {"metadata": {"annotations": {"sim.binnacle.io/behavior": "fail",
                                                               "sim.binnacle.io/run-seconds": "1"}},
                                  "spec": {"restartPolicy": "Never",
                                           "containers": [{"name": "bad", "image": "busybox"}]}}}})");
        QTRY_VERIFY_WITH_TIMEOUT(
            conditionTrue(cluster.get("batch", "jobs", QStringLiteral("bad")), QStringLiteral("Failed")),
            kTimeout);
        QCOMPARE(cluster.intAt("batch", "jobs", QStringLiteral("bad"), "status.failed"), 2);
    }

    void cronJobStartsJobOnSchedule() {
        TestCluster cluster;
        // A clock the test moves: the CronJob is created at 10:00:30 and the minute 10:01 comes later.
        QDateTime fakeNow(QDate(2025, 3, 14), QTime(10, 0, 30), Qt::UTC);
        cluster.storage->setClock([&fakeNow] { return fakeNow; });
        cluster.create("batch", "cronjobs",
                       R"({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "tick"},
            "spec": {"schedule": "* * * * *",
                     "jobTemplate": {"spec": {"template": {"metadata": {"annotations": {"sim.binnacle.io/run-seconds": "1"}},
                         "spec": {"restartPolicy": "OnFailure", "containers": [{"name": "t", "image": "busybox"}]}}}}}})");
        QTest::qWait(50);
        QVERIFY(cluster.list("batch", "jobs").isEmpty());

        fakeNow = QDateTime(QDate(2025, 3, 14), QTime(10, 1, 5), Qt::UTC);
        const QString expected = QStringLiteral("tick-%1").arg(
            QDateTime(QDate(2025, 3, 14), QTime(10, 1), Qt::UTC).toSecsSinceEpoch() / 60);
        QTRY_VERIFY_WITH_TIMEOUT(cluster.get("batch", "jobs", expected), kTimeout);
        const ObjectPtr job = cluster.get("batch", "jobs", expected);
        QVERIFY(objects::isControlledBy(
            job->object, objects::uid(cluster.get("batch", "cronjobs", QStringLiteral("tick"))->object)));
        QCOMPARE(objects::annotation(job->object,
                                     QStringLiteral("batch.kubernetes.io/cronjob-scheduled-timestamp")),
                 QStringLiteral("2025-03-14T10:01:00Z"));
        QTRY_COMPARE_WITH_TIMEOUT(TestCluster::at(cluster.get("batch", "cronjobs", QStringLiteral("tick")),
                                                  QStringLiteral("status.lastScheduleTime"))
                                      .toString(),
                                  QStringLiteral("2025-03-14T10:01:00Z"), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!TestCluster::at(cluster.get("batch", "cronjobs", QStringLiteral("tick")),
                                                  QStringLiteral("status.lastSuccessfulTime"))
                                      .toString()
                                      .isEmpty(),
                                 kTimeout);
        QCOMPARE(cluster.list("batch", "jobs").size(), 1);
        QVERIFY(cluster.eventReasons(QStringLiteral("tick")).contains(QStringLiteral("SuccessfulCreate")));
    }

    void suspendedCronJobStartsNothing() {
        TestCluster cluster;
        QDateTime fakeNow(QDate(2025, 3, 14), QTime(10, 0, 30), Qt::UTC);
        cluster.storage->setClock([&fakeNow] { return fakeNow; });
        cluster.create("batch", "cronjobs",
                       R"({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "idle"},
            "spec": {"schedule": "* * * * *", "suspend": true,
                     "jobTemplate": {"spec": {"template": {"spec": {"restartPolicy": "Never",
                         "containers": [{"name": "t", "image": "busybox"}]}}}}}})");
        fakeNow = fakeNow.addSecs(300);
        // Several resync rounds (10 s scaled to 100 ms) pass without a job.
        QTest::qWait(400);
        QVERIFY(cluster.list("batch", "jobs").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBatchControllers)
#include "tst_batchcontrollers.moc"
