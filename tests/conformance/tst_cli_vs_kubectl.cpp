// binnacle-cli and real kubectl, same simulator, same data: `get` prints the same thing.
// Columns that tick between the two runs (AGE, LAST SEEN, RESTARTS) are compared for presence only,
// and the crash-looping demo pod, whose status changes by itself, is left out of row comparisons.
#include "conformancecluster.h"
#include "kubectltable.h"

#include <QProcess>
#include <QTest>

using namespace binnacle::sim::conformance;

namespace {
KubectlResult runCli(const QString& kubeconfig, const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(BINNACLE_CLI_EXECUTABLE),
                  QStringList{QStringLiteral("--kubeconfig"), kubeconfig} + arguments);
    KubectlResult result;
    if (!process.waitForFinished(120000)) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitCode();
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

// The table without the columns that move by themselves, and without the self-changing pod's rows.
QString stable(const QString& output) {
    const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty()) {
        return {};
    }
    const QStringList header = headerColumns(output);
    const KubectlTable table = KubectlTable::parse(output);
    QList<int> kept;
    for (int i = 0; i < header.size(); ++i) {
        if (header.at(i) != QLatin1String("AGE") && header.at(i) != QLatin1String("LAST SEEN") &&
            header.at(i) != QLatin1String("RESTARTS")) {
            kept.append(i);
        }
    }
    QStringList result;
    QStringList keptHeader;
    for (int i : kept) {
        keptHeader.append(header.at(i));
    }
    result.append(keptHeader.join(QLatin1Char('|')));
    for (const QStringList& row : table.rows()) {
        if (row.join(QLatin1Char(' ')).contains(QLatin1String("recommender"))) {
            continue;
        }
        QStringList cells;
        for (int i : kept) {
            cells.append(row.value(i));
        }
        result.append(cells.join(QLatin1Char('|')));
    }
    return result.join(QLatin1Char('\n'));
}
} // namespace

class TestCliVsKubectl : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        // Let the demo settle: every deployment but the crash-looping one available.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_cluster.kubectl()
                .run({"wait", "--for=condition=Available", "deploy/frontend", "-n", "shop", "--timeout=60s"})
                .succeeded(),
            90000);
    }

    void sameTables_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("pods -A") << QStringList{"get", "pods", "-A"};
        QTest::newRow("pods -n shop -o wide") << QStringList{"get", "pods", "-n", "shop", "-o", "wide"};
        QTest::newRow("deployments -A -o wide") << QStringList{"get", "deploy", "-A", "-o", "wide"};
        QTest::newRow("services -n shop") << QStringList{"get", "svc", "-n", "shop"};
        QTest::newRow("nodes -o wide") << QStringList{"get", "nodes", "-o", "wide"};
        QTest::newRow("configmaps -A, 3 per page") << QStringList{"get", "cm", "-A", "--chunk-size", "3"};
        QTest::newRow("label selector")
            << QStringList{"get", "pods", "-A", "-l", "app.kubernetes.io/name in (frontend,cart)"};
        QTest::newRow("field selector")
            << QStringList{"get", "pods", "-A", "--field-selector", "status.phase=Running"};
        QTest::newRow("statefulsets") << QStringList{"get", "statefulsets", "-n", "data"};
        QTest::newRow("CRD instances") << QStringList{"get", "certificates", "-A"};
        QTest::newRow("CRDs") << QStringList{"get", "crd"};
        QTest::newRow("cluster roles, no headers") << QStringList{"get", "clusterroles", "--no-headers"};
    }

    void sameTables() {
        QFETCH(QStringList, arguments);
        const bool exact = arguments.contains(QStringLiteral("--no-headers"));
        auto comparable = [exact](const QString& output) { return exact ? output : stable(output); };
        // The demo cluster is alive (a StatefulSet starts in order, a Job finishes): compare binnacle-cli
        // with kubectl only when two kubectl runs around it agree, so a change between runs is not a diff.
        for (int attempt = 0; attempt < 10; ++attempt) {
            const KubectlResult before = m_cluster.kubectl().run(arguments);
            const KubectlResult cli = runCli(m_cluster.simulator().kubeconfigPath(), arguments);
            const KubectlResult after = m_cluster.kubectl().run(arguments);
            QVERIFY2(before.succeeded(), qPrintable(before.describe()));
            QVERIFY2(cli.succeeded(), qPrintable(cli.describe()));
            if (comparable(before.out) != comparable(after.out)) {
                QTest::qWait(1000);
                continue;
            }
            QCOMPARE(comparable(cli.out), comparable(before.out));
            return;
        }
        QFAIL("the cluster did not hold still long enough to compare");
    }

    void sameNames_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("pods -A") << QStringList{"get", "pods", "-A", "-o", "name"};
        QTest::newRow("deployments") << QStringList{"get", "deployments", "-n", "shop", "-o", "name"};
        QTest::newRow("one object") << QStringList{"get",  "deployment", "frontend", "-n",
                                                   "shop", "-o",         "name"};
        QTest::newRow("cluster-scoped") << QStringList{"get", "nodes", "-o", "name"};
    }

    void sameNames() {
        QFETCH(QStringList, arguments);
        // As for tables: compare only against a state that two kubectl runs agree on.
        for (int attempt = 0; attempt < 10; ++attempt) {
            const KubectlResult before = m_cluster.kubectl().run(arguments);
            const KubectlResult cli = runCli(m_cluster.simulator().kubeconfigPath(), arguments);
            const KubectlResult after = m_cluster.kubectl().run(arguments);
            QVERIFY2(before.succeeded(), qPrintable(before.describe()));
            if (before.out != after.out) {
                QTest::qWait(1000);
                continue;
            }
            QCOMPARE(cli.out, before.out);
            return;
        }
        QFAIL("the cluster did not hold still long enough to compare");
    }

    void sameErrors() {
        const QStringList arguments{"get", "pods", "missing-pod", "-n", "shop"};
        const KubectlResult kubectl = m_cluster.kubectl().run(arguments);
        const KubectlResult cli = runCli(m_cluster.simulator().kubeconfigPath(), arguments);
        QCOMPARE(cli.exitCode, kubectl.exitCode);
        QCOMPARE(cli.err.trimmed(), kubectl.err.trimmed());
    }

    void sameApiResources() {
        const KubectlResult kubectl = m_cluster.kubectl().run({"api-resources"});
        const KubectlResult cli = runCli(m_cluster.simulator().kubeconfigPath(), {"api-resources"});
        QVERIFY2(cli.succeeded(), qPrintable(cli.describe()));
        QCOMPARE(cli.out, kubectl.out);
    }

    void configCommands() {
        const QString kubeconfig = m_cluster.simulator().kubeconfigPath();
        QCOMPARE(runCli(kubeconfig, {"config", "current-context"}).out, QStringLiteral("sim-admin\n"));
        QVERIFY(runCli(kubeconfig, {"config", "get-contexts"})
                    .out.contains(QStringLiteral("*         sim-admin")));
    }

private:
    ConformanceCluster m_cluster{{QStringLiteral("--demo")}};
};

BINNACLE_CONFORMANCE_MAIN(TestCliVsKubectl)
#include "tst_cli_vs_kubectl.moc"
