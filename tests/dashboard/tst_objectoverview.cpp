// The details panel's overview, on real objects captured from clusters (../shared/fixtures) and on small
// objects written here: the fields that matter per kind, with tones; Secret values never in the sections.
#include "manifestreader.h"
#include "objectoverview.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace binnacle;

namespace {

QJsonObject fixture(const char* name) {
    QFile file(QStringLiteral(BINNACLE_FIXTURES_DIR "/%1").arg(QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<QJsonObject> objects;
    QString error;
    if (!cli::readManifest(file.readAll(), &objects, &error) || objects.isEmpty()) {
        qWarning() << error;
        return {};
    }
    return objects.first();
}

// The row `label` of section `title` as {value, tone}; empty when absent.
QVariantMap rowOf(const QVariantList& sections, const QString& title, const QString& label) {
    for (const QVariant& section : sections) {
        if (section.toMap().value("title").toString() != title) {
            continue;
        }
        for (const QVariant& row : section.toMap().value("rows").toList()) {
            if (row.toMap().value("label").toString() == label) {
                return row.toMap();
            }
        }
    }
    return {};
}

QStringList titles(const QVariantList& sections) {
    QStringList result;
    for (const QVariant& section : sections) {
        result.append(section.toMap().value("title").toString());
    }
    return result;
}

} // namespace

class TestObjectOverview : public QObject {
    Q_OBJECT
private slots:
    void podFromARealCluster() {
        const QJsonObject pod = fixture("pod-replicaset-owned-managedfields.yaml");
        if (pod.isEmpty()) {
            QSKIP("fixture not readable");
        }
        const QVariantList sections = ObjectOverview::sectionsFor(QStringLiteral("Pod"), pod);
        QCOMPARE(titles(sections).mid(0, 2), (QStringList{"Pod", "Conditions"}));
        QVERIFY(titles(sections).contains(QStringLiteral("Init container init-0")));
        QVERIFY(titles(sections).contains(QStringLiteral("Container main")));
        QVERIFY(titles(sections).contains(QStringLiteral("Container sidecar")));
        QCOMPARE(rowOf(sections, "Pod", "Host IP").value("value").toString(), QStringLiteral("192.168.8.8"));
        QCOMPARE(rowOf(sections, "Pod", "Pod IPs").value("value").toString(), QStringLiteral("10.244.7.83"));
        const QVariantMap ready = rowOf(sections, "Conditions", "Ready");
        QVERIFY(ready.value("value").toString().startsWith(QStringLiteral("False (ContainersNotReady)")));
        QCOMPARE(ready.value("tone").toString(), QStringLiteral("warning"));
        QCOMPARE(rowOf(sections, "Conditions", "PodScheduled").value("tone").toString(),
                 QStringLiteral("good"));
        const QVariantMap state = rowOf(sections, "Container main", "State");
        QCOMPARE(state.value("value").toString(), QStringLiteral("Waiting: PodInitializing"));
        QCOMPARE(state.value("tone").toString(), QStringLiteral("warning"));
        QCOMPARE(rowOf(sections, "Container main", "Image").value("value").toString(),
                 QStringLiteral("registry.k8s.io/pause:3.9"));
        QCOMPARE(rowOf(sections, "Init container init-0", "State").value("value").toString(),
                 QStringLiteral("Terminated: Completed (exit code 0)"));
    }

    void crashingContainerIsBad() {
        const QJsonObject pod{
            {"spec", QJsonObject{{"containers", QJsonArray{QJsonObject{{"name", "app"}, {"image", "a:1"}}}}}},
            {"status",
             QJsonObject{
                 {"phase", "Running"},
                 {"containerStatuses",
                  QJsonArray{QJsonObject{
                      {"name", "app"},
                      {"ready", false},
                      {"restartCount", 7},
                      {"state", QJsonObject{{"waiting", QJsonObject{{"reason", "CrashLoopBackOff"}}}}},
                      {"lastState",
                       QJsonObject{{"terminated", QJsonObject{{"reason", "Error"}, {"exitCode", 2}}}}}}}}}}};
        const QVariantList sections = ObjectOverview::sectionsFor(QStringLiteral("Pod"), pod);
        QCOMPARE(rowOf(sections, "Container app", "State").value("tone").toString(), QStringLiteral("bad"));
        QCOMPARE(rowOf(sections, "Container app", "Restarts").value("value").toString(),
                 QStringLiteral("7 (last: Terminated: Error (exit code 2))"));
        QCOMPARE(rowOf(sections, "Container app", "Restarts").value("tone").toString(),
                 QStringLiteral("warning"));
    }

    void nodeFromARealCluster() {
        const QJsonObject node = fixture("node-gke.yaml");
        if (node.isEmpty()) {
            QSKIP("fixture not readable");
        }
        const QVariantList sections = ObjectOverview::sectionsFor(QStringLiteral("Node"), node);
        QVERIFY(titles(sections).contains(QStringLiteral("Capacity / allocatable")));
        QVERIFY(
            rowOf(sections, "Capacity / allocatable", "cpu").value("value").toString().startsWith("4 / "));
        QVERIFY(rowOf(sections, "Node", "Kubelet").value("value").toString().startsWith(u'v'));
        QVERIFY(titles(sections).contains(QStringLiteral("Conditions")));
    }

    void deploymentFromARealCluster() {
        const QJsonObject deployment = fixture("deployment-live-managedfields.yaml");
        if (deployment.isEmpty()) {
            QSKIP("fixture not readable");
        }
        const QVariantList sections = ObjectOverview::sectionsFor(QStringLiteral("Deployment"), deployment);
        QCOMPARE(titles(sections).first(), QStringLiteral("Deployment"));
        QVERIFY(rowOf(sections, "Deployment", "Replicas").value("value").toString().contains("desired"));
        QVERIFY(!rowOf(sections, "Deployment", "Strategy").value("value").toString().isEmpty());
        QVERIFY(!rowOf(sections, "Deployment", "Selector").value("value").toString().isEmpty());
    }

    void serviceHasPortsAndSelector() {
        const QJsonObject service{
            {"spec", QJsonObject{{"type", "NodePort"},
                                 {"clusterIPs", QJsonArray{"10.0.0.7"}},
                                 {"selector", QJsonObject{{"app", "web"}}},
                                 {"ports", QJsonArray{QJsonObject{{"name", "http"},
                                                                  {"port", 80},
                                                                  {"targetPort", 8080},
                                                                  {"nodePort", 30080},
                                                                  {"protocol", "TCP"}}}}}}};
        const QVariantList sections = ObjectOverview::sectionsFor(QStringLiteral("Service"), service);
        QCOMPARE(rowOf(sections, "Service", "Ports").value("value").toString(),
                 QStringLiteral("http 80→8080/TCP (node port 30080)"));
        QCOMPARE(rowOf(sections, "Service", "Selector").value("value").toString(), QStringLiteral("app=web"));
        QCOMPARE(rowOf(sections, "Service", "Cluster IPs").value("value").toString(),
                 QStringLiteral("10.0.0.7"));
    }

    void secretValuesStayOut() {
        const QJsonObject secret{
            {"type", "Opaque"},
            {"data", QJsonObject{{"password", QString::fromLatin1(QByteArray("hunter2").toBase64())}}}};
        const QVariantList sections = ObjectOverview::sectionsFor(QStringLiteral("Secret"), secret);
        const QVariantMap row = rowOf(sections, "Data", "password");
        QCOMPARE(row.value("value").toString(), QStringLiteral("7 bytes"));
        QCOMPARE(row.value("tone").toString(), QStringLiteral("secret"));
        // Nowhere in the sections, encoded or not.
        const QString everything =
            QVariant(sections).toString() + QString::fromUtf8(QJsonDocument::fromVariant(sections).toJson());
        QVERIFY(!everything.contains(QStringLiteral("hunter2")));
        QVERIFY(!everything.contains(QString::fromLatin1(QByteArray("hunter2").toBase64())));
    }

    void customResourcesAsATree() {
        const QJsonObject widget{{"apiVersion", "example.com/v1"},
                                 {"kind", "Widget"},
                                 {"spec", QJsonObject{{"size", 3},
                                                      {"tags", QJsonArray{"a", "b"}},
                                                      {"nested", QJsonObject{{"deep", true}}}}},
                                 {"status", QJsonObject{{"phase", "Ready"}}}};
        const QVariantList sections = ObjectOverview::sectionsFor(QStringLiteral("Widget"), widget);
        QCOMPARE(titles(sections), (QStringList{"Spec", "Status"}));
        QCOMPARE(rowOf(sections, "Spec", "size").value("value").toString(), QStringLiteral("3"));
        QCOMPARE(rowOf(sections, "Spec", "deep").value("depth").toInt(), 1);
        QCOMPARE(rowOf(sections, "Spec", "[1]").value("value").toString(), QStringLiteral("b"));
        QCOMPARE(rowOf(sections, "Status", "phase").value("value").toString(), QStringLiteral("Ready"));
    }
};

QTEST_GUILESS_MAIN(TestObjectOverview)
#include "tst_objectoverview.moc"
