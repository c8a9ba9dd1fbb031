// kubectl get -w --output-watch-events: a background watch sees another kubectl create, label and delete a
// configmap, as ADDED, MODIFIED and DELETED lines under kubectl's EVENT column.
#include "conformancecluster.h"

#include <QRegularExpression>

using namespace binnacle::sim::conformance;

namespace {
const QString kNamespace = QStringLiteral("conf-watch");
constexpr int kEventTimeoutMs = 15000;

QRegularExpression eventLine(const char* event, const char* name) {
    return QRegularExpression(QStringLiteral("^%1\\s+%2\\s").arg(QLatin1String(event), QLatin1String(name)));
}
} // namespace

class TestKubectlWatch : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        QVERIFY2(m_cluster.createNamespace(kNamespace, &error), qPrintable(error));
        const KubectlResult seeded = m_cluster.create(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: existing}\ndata: {a: b}\n", kNamespace);
        QVERIFY2(seeded.succeeded(), qPrintable(seeded.describe()));
    }

    void watchSeesAddedModifiedDeleted() {
        const Kubectl kubectl = m_cluster.kubectl();
        auto watch =
            kubectl.start({QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-n"),
                           kNamespace, QStringLiteral("-w"), QStringLiteral("--output-watch-events")});

        // The initial list comes first, as ADDED events, under a header with the EVENT column in front.
        const QString header =
            watch->waitForLine(QRegularExpression(QStringLiteral("^EVENT\\s")), kEventTimeoutMs);
        QVERIFY2(!header.isEmpty(), qPrintable(watch->describe()));
        QCOMPARE(headerColumns(header), (QStringList{"EVENT", "NAME", "DATA", "AGE"}));
        QVERIFY2(!watch->waitForLine(eventLine("ADDED", "existing"), kEventTimeoutMs).isEmpty(),
                 qPrintable(watch->describe()));

        const KubectlResult created = m_cluster.create(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: watched}\ndata: {a: b, c: d}\n", kNamespace);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        const QString added = watch->waitForLine(eventLine("ADDED", "watched"), kEventTimeoutMs);
        QVERIFY2(!added.isEmpty(), qPrintable(watch->describe()));
        QCOMPARE(KubectlTable::parse(header + '\n' + added).rows().value(0).value(2), QStringLiteral("2"));

        const KubectlResult labelled =
            kubectl.run({QStringLiteral("label"), QStringLiteral("configmap"), QStringLiteral("watched"),
                         QStringLiteral("color=blue"), QStringLiteral("-n"), kNamespace});
        QVERIFY2(labelled.succeeded(), qPrintable(labelled.describe()));
        QCOMPARE(labelled.out.trimmed(), QStringLiteral("configmap/watched labeled"));
        QVERIFY2(!watch->waitForLine(eventLine("MODIFIED", "watched"), kEventTimeoutMs).isEmpty(),
                 qPrintable(watch->describe()));

        const KubectlResult deleted =
            kubectl.run({QStringLiteral("delete"), QStringLiteral("configmap"), QStringLiteral("watched"),
                         QStringLiteral("-n"), kNamespace});
        QVERIFY2(deleted.succeeded(), qPrintable(deleted.describe()));
        QCOMPARE(deleted.out.trimmed(), QStringLiteral("configmap \"watched\" deleted"));
        QVERIFY2(!watch->waitForLine(eventLine("DELETED", "watched"), kEventTimeoutMs).isEmpty(),
                 qPrintable(watch->describe()));

        const KubectlResult stopped = watch->stop();
        // Nothing about "existing" changed, so it appears exactly once.
        QCOMPARE(stopped.out.count(QStringLiteral(" existing ")), 1);
    }

    void watchWithLabelSelectorFiltersEvents() {
        const Kubectl kubectl = m_cluster.kubectl();
        auto watch = kubectl.start({QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-n"),
                                    kNamespace, QStringLiteral("-w"), QStringLiteral("--output-watch-events"),
                                    QStringLiteral("-l"), QStringLiteral("watch=yes"), QStringLiteral("-o"),
                                    QStringLiteral("name")});
        const KubectlResult created = m_cluster.create(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ignored}\n---\n"
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: selected, labels: {watch: \"yes\"}}\n",
            kNamespace);
        QVERIFY2(created.succeeded(), qPrintable(created.describe()));
        // The name printer has no EVENT column: the line is just the name.
        const QString line =
            watch->waitForLine(QRegularExpression(QStringLiteral("^configmap/selected$")), kEventTimeoutMs);
        QVERIFY2(!line.isEmpty(), qPrintable(watch->describe()));
        const KubectlResult stopped = watch->stop();
        QVERIFY2(!stopped.out.contains(QStringLiteral("ignored")), qPrintable(stopped.out));
    }

private:
    ConformanceCluster m_cluster;
};

BINNACLE_CONFORMANCE_MAIN(TestKubectlWatch)
#include "tst_kubectl_watch.moc"
