// kubectl drain against the simulator's pods/eviction: a node whose pods may go is drained (DaemonSet pods
// ignored, the Deployment's pods evicted and recreated elsewhere); a PodDisruptionBudget that allows no
// disruption makes kubectl retry the eviction until its --timeout, with the server's message.
#include "conformancecluster.h"

#include <QRegularExpression>

using namespace binnacle::sim::conformance;

namespace {
const QString kNamespace = QStringLiteral("conf-drain");
constexpr int kControllerTimeoutMs = 60000;

QByteArray deployment(const QString& name, int replicas, const QString& node) {
    return QStringLiteral(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: %1}
spec:
  replicas: %2
  selector: {matchLabels: {app: %1}}
  template:
    metadata: {labels: {app: %1}}
    spec:
      nodeSelector: {kubernetes.io/hostname: %3}
      terminationGracePeriodSeconds: 1
      containers: [{name: app, image: nginx:1.27}]
)")
        .arg(name)
        .arg(replicas)
        .arg(node)
        .toUtf8();
}
} // namespace

class TestKubectlDrain : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kNamespace, &error), qPrintable(error));
        const KubectlResult workers =
            m_cluster.kubectl().run({"get", "nodes", "-l", "!node-role.kubernetes.io/control-plane", "-o",
                                     "jsonpath={.items[*].metadata.name}"});
        QVERIFY2(workers.succeeded(), qPrintable(workers.describe()));
        m_workers = workers.out.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QVERIFY2(m_workers.size() >= 2, qPrintable(workers.out));
    }

    void drainEvictsAndIgnoresDaemonSets() {
        const QString node = m_workers.at(0);
        // Pinned to the node until the drain cordons it; the recreated pods then have nowhere to go, which a
        // drain does not wait for.
        QVERIFY(m_cluster.create(deployment(QStringLiteral("web"), 2, node), kNamespace).succeeded());
        QVERIFY(waitAvailable(QStringLiteral("web")));
        const KubectlResult drained = m_cluster.kubectl().run(
            {"drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=60s"}, {}, 90000);
        QVERIFY2(drained.succeeded(), qPrintable(drained.describe()));
        QVERIFY2(drained.out.contains(QStringLiteral("node/%1 cordoned").arg(node)),
                 qPrintable(drained.describe()));
        static const QRegularExpression evicting(QStringLiteral("evicting pod conf-drain/web-\\S+"));
        QVERIFY2(evicting.match(drained.describe()).hasMatch(), qPrintable(drained.describe()));
        static const QRegularExpression evicted(QStringLiteral("pod/web-\\S+ evicted"));
        QVERIFY2(evicted.match(drained.out).hasMatch(), qPrintable(drained.describe()));
        QVERIFY2(drained.out.contains(QStringLiteral("node/%1 drained").arg(node)),
                 qPrintable(drained.describe()));
        QVERIFY2(
            drained.err.contains(QLatin1String("Warning: ignoring DaemonSet-managed Pods: kube-system/")),
            qPrintable(drained.describe()));
        // Nothing but DaemonSet pods is left on the node.
        const KubectlResult left = m_cluster.kubectl().run(
            {"get", "pods", "-A", "--field-selector", "spec.nodeName=" + node, "-o",
             "jsonpath={range .items[*]}{.metadata.ownerReferences[0].kind}{\"\\n\"}{end}"});
        QVERIFY2(left.succeeded(), qPrintable(left.describe()));
        for (const QString& owner : left.outLines()) {
            QCOMPARE(owner, QStringLiteral("DaemonSet"));
        }
        QVERIFY(m_cluster.kubectl().run({"uncordon", node}).succeeded());
    }

    void budgetBlocksUntilTheTimeout() {
        const QString node = m_workers.at(1);
        QVERIFY(m_cluster.create(deployment(QStringLiteral("guarded"), 2, node), kNamespace).succeeded());
        QVERIFY(waitAvailable(QStringLiteral("guarded")));
        const QByteArray budget = R"(apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: guarded}
spec:
  minAvailable: 2
  selector: {matchLabels: {app: guarded}}
)";
        QVERIFY(m_cluster.create(budget, kNamespace).succeeded());
        const KubectlResult blocked = m_cluster.kubectl().run(
            {"drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=12s"}, {}, 60000);
        QVERIFY2(!blocked.succeeded(), qPrintable(blocked.describe()));
        static const QRegularExpression retrying(
            QStringLiteral("error when evicting pods/\"guarded-\\S+\" -n \"conf-drain\" \\(will retry after "
                           "5s\\): Cannot evict pod "
                           "as it would violate the pod's disruption budget\\."));
        QVERIFY2(retrying.match(blocked.err).hasMatch(), qPrintable(blocked.describe()));
        QVERIFY2(blocked.err.contains(QLatin1String("global timeout reached: 12s")),
                 qPrintable(blocked.describe()));
        QVERIFY2(blocked.err.contains(QStringLiteral("error: unable to drain node \"%1\"").arg(node)),
                 qPrintable(blocked.describe()));
        // The budget kept both pods.
        const KubectlResult pods =
            m_cluster.kubectl().run({"get", "pods", "-n", kNamespace, "-l", "app=guarded", "--field-selector",
                                     "status.phase=Running", "-o", "name"});
        QCOMPARE(pods.outLines().size(), 2);
        QVERIFY(m_cluster.kubectl().run({"uncordon", node}).succeeded());
    }

private:
    bool waitAvailable(const QString& name) const {
        const KubectlResult available = m_cluster.kubectl().run(
            {"wait", "-n", kNamespace, "--for=condition=Available", "deployment/" + name, "--timeout=60s"},
            {}, kControllerTimeoutMs + 10000);
        if (!available.succeeded()) {
            qWarning("%s", qPrintable(available.describe()));
        }
        return available.succeeded();
    }

    ConformanceCluster m_cluster{{QStringLiteral("--time-scale"), QStringLiteral("0.1")}};
    QStringList m_workers;
};

BINNACLE_CONFORMANCE_MAIN(TestKubectlDrain)
#include "tst_kubectl_drain.moc"
