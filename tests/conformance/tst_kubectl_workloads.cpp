// kubectl commands that need the simulator's controllers: scale, rollout restart/status, wait for a
// condition, and delete with each cascading policy. Timeouts are generous and no duration is asserted: only
// outcomes.
#include "conformancecluster.h"

using namespace binnacle::sim::conformance;

namespace {
const QString kNamespace = QStringLiteral("conf-work");
constexpr int kControllerTimeoutMs = 60000;

QByteArray deployment(const QString& name, int replicas) {
    return QStringLiteral(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: %1}
spec:
  replicas: %2
  selector: {matchLabels: {app: %1}}
  template:
    metadata: {labels: {app: %1}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
)")
        .arg(name)
        .arg(replicas)
        .toUtf8();
}
} // namespace

class TestKubectlWorkloads : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kNamespace, &error), qPrintable(error));
        QByteArray all;
        for (const char* name : {"web", "cascade-background", "cascade-foreground", "cascade-orphan"}) {
            all += deployment(QLatin1String(name), name == QLatin1String("web") ? 1 : 2) + "---\n";
        }
        const KubectlResult created = m_cluster.create(all, kNamespace);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
    }

    void waitForAvailable() {
        const KubectlResult result =
            kubectl({QStringLiteral("wait"), QStringLiteral("--for=condition=Available"),
                     QStringLiteral("deployment/web"), QStringLiteral("--timeout=60s")},
                    kControllerTimeoutMs + 10000);
        QVERIFY2(result.succeeded(), qPrintable(result.describe()));
        QCOMPARE(result.out.trimmed(), QStringLiteral("deployment.apps/web condition met"));
    }

    void scaleDeployment() {
        const KubectlResult scaled = kubectl(
            {QStringLiteral("scale"), QStringLiteral("deployment/web"), QStringLiteral("--replicas=3")});
        QVERIFY2(scaled.succeeded(), qPrintable(scaled.describe()));
        QCOMPARE(scaled.out.trimmed(), QStringLiteral("deployment.apps/web scaled"));
        QCOMPARE(jsonPath(QStringLiteral("deployment/web"), QStringLiteral("{.spec.replicas}")),
                 QStringLiteral("3"));

        const KubectlResult status = rolloutStatus(QStringLiteral("deployment/web"));
        QVERIFY2(status.succeeded(), qPrintable(status.describe()));
        QVERIFY2(status.outLines().last() == QStringLiteral("deployment \"web\" successfully rolled out"),
                 qPrintable(status.out));
        QCOMPARE(jsonPath(QStringLiteral("deployment/web"), QStringLiteral("{.status.readyReplicas}")),
                 QStringLiteral("3"));
        const KubectlResult table =
            kubectl({QStringLiteral("get"), QStringLiteral("deployment"), QStringLiteral("web")});
        const KubectlTable parsed = KubectlTable::parse(table.out);
        QCOMPARE(parsed.column(QStringLiteral("READY")), QStringList{QStringLiteral("3/3")});
        QCOMPARE(parsed.column(QStringLiteral("UP-TO-DATE")), QStringList{QStringLiteral("3")});
        QCOMPARE(parsed.column(QStringLiteral("AVAILABLE")), QStringList{QStringLiteral("3")});
    }

    void rolloutRestart() {
        const KubectlResult restarted =
            kubectl({QStringLiteral("rollout"), QStringLiteral("restart"), QStringLiteral("deployment/web")});
        QVERIFY2(restarted.succeeded(), qPrintable(restarted.describe()));
        QCOMPARE(restarted.out.trimmed(), QStringLiteral("deployment.apps/web restarted"));
        QVERIFY(!jsonPath(QStringLiteral("deployment/web"),
                          QStringLiteral(
                              "{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}"))
                     .isEmpty());

        const KubectlResult status = rolloutStatus(QStringLiteral("deployment/web"));
        QVERIFY2(status.succeeded(), qPrintable(status.describe()));
        QCOMPARE(status.outLines().last(), QStringLiteral("deployment \"web\" successfully rolled out"));
        // A new ReplicaSet took over: two in all, the old one scaled to zero.
        const KubectlResult sets =
            kubectl({QStringLiteral("get"), QStringLiteral("replicasets"), QStringLiteral("-l"),
                     QStringLiteral("app=web"), QStringLiteral("-o"),
                     QStringLiteral("jsonpath={range .items[*]}{.spec.replicas}{\"\\n\"}{end}")});
        QVERIFY2(sets.succeeded(), qPrintable(sets.describe()));
        QStringList replicas = sets.outLines();
        replicas.sort();
        QCOMPARE(replicas, (QStringList{QStringLiteral("0"), QStringLiteral("3")}));
        const KubectlResult history =
            kubectl({QStringLiteral("rollout"), QStringLiteral("history"), QStringLiteral("deployment/web")});
        QVERIFY2(history.succeeded(), qPrintable(history.describe()));
        QCOMPARE(KubectlTable::parse(history.outLines().mid(1).join('\n')).column(QStringLiteral("REVISION")),
                 (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
    }

    void deleteCascade_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("cascade");
        QTest::addColumn<bool>("dependentsRemain");
        QTest::newRow("background") << "cascade-background"
                                    << "background" << false;
        QTest::newRow("foreground") << "cascade-foreground"
                                    << "foreground" << false;
        QTest::newRow("orphan") << "cascade-orphan"
                                << "orphan" << true;
    }

    void deleteCascade() {
        QFETCH(QString, name);
        QFETCH(QString, cascade);
        QFETCH(bool, dependentsRemain);
        const QStringList listReplicaSets{QStringLiteral("get"), QStringLiteral("replicasets"),
                                          QStringLiteral("-l"),  QStringLiteral("app=") + name,
                                          QStringLiteral("-o"),  QStringLiteral("name"),
                                          QStringLiteral("-n"),  kNamespace};
        // The deployment controller must have made the ReplicaSet first.
        const KubectlResult before = m_cluster.poll(
            listReplicaSets, [](const KubectlResult& r) { return r.succeeded() && !r.out.isEmpty(); },
            kControllerTimeoutMs);
        QVERIFY2(!before.out.isEmpty(), qPrintable(before.describe()));

        const KubectlResult deleted =
            kubectl({QStringLiteral("delete"), QStringLiteral("deployment"), name,
                     QStringLiteral("--cascade=") + cascade, QStringLiteral("--wait=true"),
                     QStringLiteral("--timeout=60s")},
                    kControllerTimeoutMs + 10000);
        QVERIFY2(deleted.succeeded(), qPrintable(deleted.describe()));
        QCOMPARE(deleted.out.trimmed(), QStringLiteral("deployment.apps \"%1\" deleted").arg(name));
        // --wait: the deployment is gone when kubectl returns.
        const KubectlResult gone = kubectl({QStringLiteral("get"), QStringLiteral("deployment"), name});
        QCOMPARE(gone.exitCode, 1);
        QCOMPARE(gone.err.trimmed(),
                 QStringLiteral("Error from server (NotFound): deployments.apps \"%1\" not found").arg(name));

        if (cascade == QLatin1String("foreground")) {
            // Foreground deletion removes the deployment only after its blocking dependents.
            const KubectlResult after = m_cluster.kubectl().run(listReplicaSets);
            QVERIFY2(after.succeeded() && after.out.isEmpty(), qPrintable(after.describe()));
        } else if (dependentsRemain) {
            // Orphaned: the ReplicaSet stays and loses its owner reference.
            const KubectlResult orphaned = m_cluster.poll(
                {QStringLiteral("get"), QStringLiteral("replicasets"), QStringLiteral("-l"),
                 QStringLiteral("app=") + name, QStringLiteral("-o"),
                 QStringLiteral("jsonpath={.items[*].metadata.ownerReferences}"), QStringLiteral("-n"),
                 kNamespace},
                [](const KubectlResult& r) { return r.succeeded() && r.out.isEmpty(); },
                kControllerTimeoutMs);
            QVERIFY2(orphaned.succeeded() && orphaned.out.isEmpty(), qPrintable(orphaned.describe()));
            QCOMPARE(m_cluster.kubectl().run(listReplicaSets).outLines().size(), 1);
        } else {
            // Background: the garbage collector removes the ReplicaSet afterwards.
            const KubectlResult after = m_cluster.poll(
                listReplicaSets, [](const KubectlResult& r) { return r.succeeded() && r.out.isEmpty(); },
                kControllerTimeoutMs);
            QVERIFY2(after.succeeded() && after.out.isEmpty(), qPrintable(after.describe()));
        }
    }

    void deleteWaitsForFinalizers() {
        // A finalizer keeps the object; delete --wait=false returns at once, and the object shows a
        // deletionTimestamp until the finalizer is removed.
        QVERIFY(m_cluster
                    .create("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: finalized, finalizers: "
                            "[conformance.binnacle.test/hold]}\n",
                            kNamespace)
                    .succeeded());
        const KubectlResult deleted = kubectl({QStringLiteral("delete"), QStringLiteral("configmap"),
                                               QStringLiteral("finalized"), QStringLiteral("--wait=false")});
        QVERIFY2(deleted.succeeded(), qPrintable(deleted.describe()));
        QVERIFY(
            !jsonPath(QStringLiteral("configmap/finalized"), QStringLiteral("{.metadata.deletionTimestamp}"))
                 .isEmpty());
        const KubectlResult patched =
            kubectl({QStringLiteral("patch"), QStringLiteral("configmap"), QStringLiteral("finalized"),
                     QStringLiteral("--type=json"), QStringLiteral("-p"),
                     QStringLiteral(R"([{"op":"remove","path":"/metadata/finalizers"}])")});
        QVERIFY2(patched.succeeded(), qPrintable(patched.describe()));
        const KubectlResult waited =
            kubectl({QStringLiteral("wait"), QStringLiteral("--for=delete"),
                     QStringLiteral("configmap/finalized"), QStringLiteral("--timeout=30s")});
        QVERIFY2(waited.succeeded(), qPrintable(waited.describe()));
    }

private:
    KubectlResult kubectl(const QStringList& arguments, int timeoutMs = 30000) const {
        return m_cluster.kubectl().run(arguments + QStringList{QStringLiteral("-n"), kNamespace}, {},
                                       timeoutMs);
    }

    QString jsonPath(const QString& object, const QString& path) const {
        return kubectl(
                   {QStringLiteral("get"), object, QStringLiteral("-o"), QStringLiteral("jsonpath=") + path})
            .out;
    }

    KubectlResult rolloutStatus(const QString& object) const {
        return kubectl(
            {QStringLiteral("rollout"), QStringLiteral("status"), object, QStringLiteral("--timeout=60s")},
            kControllerTimeoutMs + 10000);
    }

    ConformanceCluster m_cluster{{QStringLiteral("--time-scale"), QStringLiteral("0.1")}};
};

BINNACLE_CONFORMANCE_MAIN(TestKubectlWorkloads)
#include "tst_kubectl_workloads.moc"
