// The actions on objects against the simulator (controllers on) over TLS: each changes on the server what
// it should, reports per object, and refuses kinds it does not apply to.
#include "actionstesting.h"
#include "cordonnodes.h"
#include "deleteobjects.h"
#include "rolloutrestart.h"
#include "runcronjobnow.h"
#include "scaleworkload.h"
#include "suspendcronjobs.h"

#include <QRegularExpression>

using namespace actionstesting;
using namespace binnacle;
using actions::ObjectRef;

namespace {
const QString ns = QStringLiteral("default");

QJsonObject workload(const char* kind, const QString& name, int replicas) {
    QJsonObject spec{
        {"selector", QJsonObject{{"matchLabels", QJsonObject{{"app", name}}}}},
        {"template", QJsonObject{{"metadata", QJsonObject{{"labels", QJsonObject{{"app", name}}}}},
                                 {"spec", parse(R"({"containers":[{"name":"app","image":"nginx:1"}]})")}}}};
    if (QByteArray(kind) != "DaemonSet") {
        spec.insert(QStringLiteral("replicas"), replicas);
    }
    if (QByteArray(kind) == "StatefulSet") {
        spec.insert(QStringLiteral("serviceName"), name);
    }
    return QJsonObject{{"apiVersion", "apps/v1"},
                       {"kind", QLatin1String(kind)},
                       {"metadata", QJsonObject{{"name", name}, {"namespace", ns}}},
                       {"spec", spec}};
}

QJsonObject cronJob(const QString& name) {
    QJsonObject object = parse(R"({"apiVersion":"batch/v1","kind":"CronJob","spec":{"schedule":"0 3 * * *",
        "jobTemplate":{"metadata":{"labels":{"team":"ops"},"annotations":{"note":"nightly"}},
          "spec":{"backoffLimit":2,"template":{"spec":{"restartPolicy":"Never",
            "containers":[{"name":"task","image":"busybox:1","command":["true"]}]}}}}}})");
    object.insert(QStringLiteral("metadata"), QJsonObject{{"name", name}, {"namespace", ns}});
    return object;
}
} // namespace

class TestActions : public QObject {
    Q_OBJECT

    Cluster m_cluster;
    dynamic::DynamicClient* client() { return m_cluster.admin.client.get(); }
    Calls calls() { return Calls(client()); }

    int countOwnedBy(const client::ApiResource& r, const QString& ownerUid) {
        int count = 0;
        bool done = false;
        client()->list(r, ns, {}, [&](const dynamic::ListPageResult& page) {
            for (const client::ObjectSummary& item : page.page.items) {
                count += item.ownerUids.contains(ownerUid) ? 1 : 0;
            }
            done = page.last;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000)) {
            qWarning("the list did not finish");
        }
        return count;
    }

private slots:
    void initTestCase() { QVERIFY(m_cluster.start(true, 0.05)); }

    void deleteSeveral_data() {
        QTest::addColumn<QString>("policy");
        QTest::newRow("Foreground") << "Foreground";
        QTest::newRow("Background") << "Background";
        QTest::newRow("Orphan") << "Orphan";
    }
    void deleteSeveral() {
        QFETCH(QString, policy);
        const QString prefix = QStringLiteral("del-") + policy.toLower();
        QList<ObjectRef> targets;
        QStringList uids;
        for (int i = 0; i < 2; ++i) {
            const QString name = QStringLiteral("%1-%2").arg(prefix).arg(i);
            const auto created = calls().create(deployments(), ns, workload("Deployment", name, 2));
            QVERIFY2(created.ok(), qPrintable(describe(created)));
            targets.append(ObjectRef{ns, name});
            uids.append(created.object()[QLatin1String("metadata")][QLatin1String("uid")].toString());
        }
        for (const QString& uid : uids) {
            QTRY_COMPARE_WITH_TIMEOUT(countOwnedBy(replicaSets(), uid), 1, 20000);
        }
        targets.append(ObjectRef{ns, prefix + QStringLiteral("-missing")});
        dynamic::DeleteOptions options;
        options.propagationPolicy = policy;
        const auto result = run(new actions::DeleteObjects(client(), deployments(), targets, options));
        QVERIFY(!result.ok); // the missing one
        QCOMPARE(result.items.size(), 3);
        QCOMPARE(result.items.at(0).outcome, actions::ItemOutcome::Done);
        QCOMPARE(result.items.at(1).outcome, actions::ItemOutcome::Done);
        QCOMPARE(result.items.at(2).outcome, actions::ItemOutcome::Failed);
        QCOMPARE(result.items.at(2).httpStatus, 404);
        QVERIFY2(result.message.startsWith(QLatin1String("deleted 2 of 3 deployments")),
                 qPrintable(result.message));
        for (int i = 0; i < 2; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(!calls().exists(deployments(), ns, targets.at(i).name), 20000);
        }
        if (policy == QLatin1String("Orphan")) {
            // The ReplicaSets stay, no longer owned.
            int left = 0;
            bool done = false;
            client()->list(replicaSets(), ns, {}, [&](const dynamic::ListPageResult& page) {
                for (const client::ObjectSummary& item : page.page.items) {
                    left += item.name.startsWith(prefix) ? 1 : 0;
                }
                done = page.last;
            });
            QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
            QCOMPARE(left, 2);
        } else {
            for (const QString& uid : uids) {
                QTRY_COMPARE_WITH_TIMEOUT(countOwnedBy(replicaSets(), uid), 0, 20000);
            }
        }
    }

    void foregroundLeavesNoOwnedObjects() {
        const auto created =
            calls().create(deployments(), ns, workload("Deployment", QStringLiteral("fg"), 2));
        QVERIFY(created.ok());
        const QString uid = created.object()[QLatin1String("metadata")][QLatin1String("uid")].toString();
        QTRY_COMPARE_WITH_TIMEOUT(countOwnedBy(replicaSets(), uid), 1, 20000);
        dynamic::DeleteOptions options;
        options.propagationPolicy = QStringLiteral("Foreground");
        options.gracePeriodSeconds = 0;
        const auto result =
            run(new actions::DeleteObjects(client(), deployments(), {ObjectRef{ns, "fg"}}, options));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.message, QStringLiteral("deleted deployment fg"));
        // Foreground: the deployment goes last, after its ReplicaSet and the pods.
        QTRY_VERIFY_WITH_TIMEOUT(!calls().exists(deployments(), ns, QStringLiteral("fg")), 30000);
        QCOMPARE(countOwnedBy(replicaSets(), uid), 0);
        bool done = false;
        int pods = 0;
        client()->list(actionstesting::pods(), ns, {}, [&](const dynamic::ListPageResult& page) {
            for (const client::ObjectSummary& item : page.page.items) {
                pods += item.name.startsWith(QLatin1String("fg-")) ? 1 : 0;
            }
            done = page.last;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
        QCOMPARE(pods, 0);
    }

    void scale_data() {
        QTest::addColumn<QByteArray>("kind");
        QTest::newRow("Deployment") << QByteArray("Deployment");
        QTest::newRow("StatefulSet") << QByteArray("StatefulSet");
        QTest::newRow("ReplicaSet") << QByteArray("ReplicaSet");
    }
    void scale() {
        QFETCH(QByteArray, kind);
        const auto r = kind == "Deployment"    ? deployments()
                       : kind == "StatefulSet" ? statefulSets()
                                               : replicaSets();
        const QString name = QStringLiteral("scale-") + QString::fromLatin1(kind).toLower();
        QVERIFY(calls().create(r, ns, workload(kind.constData(), name, 1)).ok());
        const auto result = run(new actions::ScaleWorkload(client(), r, {ObjectRef{ns, name}}, 4));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.object.value("kind").toString(), QStringLiteral("Scale"));
        QCOMPARE(calls().get(r, ns, name).object()[QLatin1String("spec")][QLatin1String("replicas")].toInt(),
                 4);
    }

    void scaleRefusesOtherKinds() {
        const auto result = run(new actions::ScaleWorkload(client(), daemonSets(), {ObjectRef{ns, "x"}}, 2));
        QVERIFY(!result.ok);
        QCOMPARE(result.message, QStringLiteral("scale does not apply to daemonsets.apps"));
    }

    void rolloutRestart_data() {
        QTest::addColumn<QByteArray>("kind");
        QTest::newRow("Deployment") << QByteArray("Deployment");
        QTest::newRow("StatefulSet") << QByteArray("StatefulSet");
        QTest::newRow("DaemonSet") << QByteArray("DaemonSet");
    }
    void rolloutRestart() {
        QFETCH(QByteArray, kind);
        const auto r = kind == "Deployment"    ? deployments()
                       : kind == "StatefulSet" ? statefulSets()
                                               : daemonSets();
        const QString name = QStringLiteral("restart-") + QString::fromLatin1(kind).toLower();
        QVERIFY(calls().create(r, ns, workload(kind.constData(), name, 1)).ok());
        const auto result = run(new actions::RolloutRestart(client(), r, {ObjectRef{ns, name}}));
        QVERIFY2(result.ok, qPrintable(result.message));
        const QString restartedAt =
            calls()
                .get(r, ns, name)
                .object()[QLatin1String("spec")][QLatin1String("template")][QLatin1String("metadata")]
                         [QLatin1String("annotations")]
                         [QLatin1String(actions::RolloutRestart::restartedAtAnnotation)]
                .toString();
        static const QRegularExpression rfc3339(
            QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$)"));
        QVERIFY2(rfc3339.match(restartedAt).hasMatch(), qPrintable(restartedAt));
    }

    void rfc3339Offsets() {
        const QDateTime utc(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC);
        QCOMPARE(actions::RolloutRestart::rfc3339(utc), QStringLiteral("2025-01-02T03:04:05Z"));
        QCOMPARE(actions::RolloutRestart::rfc3339(utc.toOffsetFromUtc(3600 + 1800)),
                 QStringLiteral("2025-01-02T04:34:05+01:30"));
        QCOMPARE(actions::RolloutRestart::rfc3339(utc.toOffsetFromUtc(-5 * 3600)),
                 QStringLiteral("2025-01-01T22:04:05-05:00"));
    }

    void cordonAndUncordon() {
        bool done = false;
        QString nodeName;
        client()->list(nodes(), {}, {}, [&](const dynamic::ListPageResult& page) {
            if (!page.page.items.isEmpty() && nodeName.isEmpty()) {
                nodeName = page.page.items.last().name;
            }
            done = page.last;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
        QVERIFY(!nodeName.isEmpty());
        auto cordoned = run(new actions::CordonNodes(client(), nodes(), {ObjectRef{{}, nodeName}}, true));
        QVERIFY2(cordoned.ok, qPrintable(cordoned.message));
        QCOMPARE(cordoned.message, QStringLiteral("cordoned node %1").arg(nodeName));
        QCOMPARE(calls()
                     .get(nodes(), {}, nodeName)
                     .object()[QLatin1String("spec")][QLatin1String("unschedulable")]
                     .toBool(),
                 true);
        auto uncordoned = run(new actions::CordonNodes(client(), nodes(), {ObjectRef{{}, nodeName}}, false));
        QVERIFY2(uncordoned.ok, qPrintable(uncordoned.message));
        QVERIFY(!calls()
                     .get(nodes(), {}, nodeName)
                     .object()[QLatin1String("spec")]
                     .toObject()
                     .contains(QLatin1String("unschedulable")));
    }

    void suspendAndResume() {
        QVERIFY(calls().create(cronJobs(), ns, cronJob(QStringLiteral("nightly"))).ok());
        QVERIFY(calls().create(cronJobs(), ns, cronJob(QStringLiteral("weekly"))).ok());
        const QList<ObjectRef> both{ObjectRef{ns, "nightly"}, ObjectRef{ns, "weekly"}};
        auto suspended = run(new actions::SuspendCronJobs(client(), cronJobs(), both, true));
        QVERIFY2(suspended.ok, qPrintable(suspended.message));
        QCOMPARE(suspended.message, QStringLiteral("suspended 2 cronjobs"));
        QCOMPARE(calls()
                     .get(cronJobs(), ns, "weekly")
                     .object()[QLatin1String("spec")][QLatin1String("suspend")]
                     .toBool(),
                 true);
        auto resumed = run(new actions::SuspendCronJobs(client(), cronJobs(), both, false));
        QVERIFY2(resumed.ok, qPrintable(resumed.message));
        QCOMPARE(calls()
                     .get(cronJobs(), ns, "nightly")
                     .object()[QLatin1String("spec")][QLatin1String("suspend")]
                     .toBool(true),
                 false);
    }

    void runNow_data() {
        QTest::addColumn<QString>("jobName");
        QTest::newRow("named") << "backup-now";
        QTest::newRow("default name") << "";
    }
    void runNow() {
        QFETCH(QString, jobName);
        const QString cron =
            QStringLiteral("backup-") + (jobName.isEmpty() ? QStringLiteral("a") : QStringLiteral("b"));
        const auto created = calls().create(cronJobs(), ns, cronJob(cron));
        QVERIFY(created.ok());
        const auto result =
            run(new actions::RunCronJobNow(client(), cronJobs(), ObjectRef{ns, cron}, jobName));
        QVERIFY2(result.ok, qPrintable(result.message));
        const QString name = result.object["metadata"][QLatin1String("name")].toString();
        if (jobName.isEmpty()) {
            QVERIFY2(
                QRegularExpression(QStringLiteral("^%1-manual-[bcdfghjklmnpqrstvwxz2456789]{4}$").arg(cron))
                    .match(name)
                    .hasMatch(),
                qPrintable(name));
        } else {
            QCOMPARE(name, jobName);
        }
        const QJsonObject job = calls().get(jobs(), ns, name).object();
        const QJsonObject metadata = job["metadata"].toObject();
        QCOMPARE(metadata["annotations"][QLatin1String("cronjob.kubernetes.io/instantiate")].toString(),
                 QStringLiteral("manual"));
        QCOMPARE(metadata["annotations"][QLatin1String("note")].toString(), QStringLiteral("nightly"));
        QCOMPARE(metadata["labels"][QLatin1String("team")].toString(), QStringLiteral("ops"));
        const QJsonObject owner = metadata["ownerReferences"].toArray().first().toObject();
        QCOMPARE(owner["kind"].toString(), QStringLiteral("CronJob"));
        QCOMPARE(owner["name"].toString(), cron);
        QCOMPARE(owner["uid"].toString(),
                 created.object()[QLatin1String("metadata")][QLatin1String("uid")].toString());
        QCOMPARE(job["spec"][QLatin1String("backoffLimit")].toInt(), 2);
    }

    void runNowOfAMissingCronJobFails() {
        const auto result = run(new actions::RunCronJobNow(client(), cronJobs(), ObjectRef{ns, "absent"}));
        QVERIFY(!result.ok);
        QCOMPARE(result.message, QStringLiteral("cronjob absent: cronjobs.batch \"absent\" not found"));
    }

    void defaultJobNameFitsALabel() {
        const QString name = actions::RunCronJobNow::defaultJobName(QString(80, QLatin1Char('c')));
        QCOMPARE(name.size(), 63);
        QVERIFY(name.contains(QLatin1String("-manual-")));
    }
};

QTEST_MAIN(TestActions)
#include "tst_actions.moc"
