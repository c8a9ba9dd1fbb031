// FieldsV1 as Kubernetes writes it, checked against managedFields captured from real clusters.
#include "fieldset.h"
#include "patchtestsupport.h"

#include <QJsonArray>
#include <QTest>

using namespace binnacle::sim;
using binnacle::sim::test::json;
using binnacle::sim::test::jsonObject;
using binnacle::sim::test::loadYamlFixture;

class TestFieldSet : public QObject {
    Q_OBJECT

private slots:
    void fieldsV1RoundTrips_data();
    void fieldsV1RoundTrips();
    void pathString_data();
    void pathString();
    void appliedConfigurationMatchesRealApplyEntry();
    void compareReportsAddedModifiedRemoved();
};

// moc only needs the class above; the test bodies' raw JSON strings confuse its macro expansion.
#ifndef Q_MOC_RUN

void TestFieldSet::fieldsV1RoundTrips_data() {
    QTest::addColumn<QJsonObject>("fieldsV1");
    for (const char* fixture :
         {"deployment-live-managedfields.yaml", "pod-replicaset-owned-managedfields.yaml"}) {
        const QJsonObject object = loadYamlFixture(QString::fromLatin1(fixture));
        const QJsonArray entries = object["metadata"]["managedFields"].toArray();
        QVERIFY(!entries.isEmpty());
        for (const QJsonValue& entry : entries)
            QTest::addRow("%s %s", fixture, qPrintable(entry["manager"].toString()))
                << entry["fieldsV1"].toObject();
    }
}

void TestFieldSet::fieldsV1RoundTrips() {
    QFETCH(QJsonObject, fieldsV1);
    const FieldSet fields = FieldSet::fromFieldsV1(fieldsV1);
    QVERIFY(!fields.isEmpty());
    QCOMPARE(fields.toFieldsV1(), fieldsV1);
}

void TestFieldSet::pathString_data() {
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("field") << QStringList{"f:spec", "f:replicas"} << ".spec.replicas";
    QTest::newRow("keyed item")
        << QStringList{"f:spec", "f:template", "f:spec", "f:containers", R"(k:{"name":"nginx"})", "f:image"}
        << R"(.spec.template.spec.containers[name="nginx"].image)";
    QTest::newRow("two keys") << QStringList{"f:ports", R"(k:{"containerPort":80,"protocol":"TCP"})"}
                              << R"(.ports[containerPort=80,protocol="TCP"])";
    QTest::newRow("set item") << QStringList{"f:metadata", "f:finalizers", R"(v:"example.com/x")"}
                              << R"(.metadata.finalizers[="example.com/x"])";
}

void TestFieldSet::pathString() {
    QFETCH(QStringList, path);
    QFETCH(QString, expected);
    QCOMPARE(FieldSet::pathString(path), expected);
}

// The Deployment fixture's "argocd-controller" Apply entry is what server-side apply recorded for a
// configuration like this one; our field set of it must be the same, key by key.
void TestFieldSet::appliedConfigurationMatchesRealApplyEntry() {
    const QJsonObject live = loadYamlFixture(QStringLiteral("deployment-live-managedfields.yaml"));
    const QJsonObject applyEntry = live["metadata"]["managedFields"][0].toObject();
    QCOMPARE(applyEntry["operation"].toString(), QStringLiteral("Apply"));

    const QJsonObject config = jsonObject(R"({
        "metadata": {"labels": {"app": "missing", "applications.argoproj.io/app-name": "nginx", "something-else": "bla"}},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {
                "metadata": {"labels": {"app": "nginx", "applications.argoproj.io/app-name": "nginx"}},
                "spec": {"containers": [{
                    "name": "nginx", "image": "nginx:1.23.1", "imagePullPolicy": "Never",
                    "livenessProbe": {"exec": {"command": ["cat", "non-existent-file"]},
                                      "initialDelaySeconds": 5, "periodSeconds": 180},
                    "ports": [{"containerPort": 80}]
                }]}
            }
        }})");
    const FieldSet fields =
        fieldSetOf(config, MergeSchema::forKind(QStringLiteral("apps"), QStringLiteral("Deployment")));
    QCOMPARE(fields.toFieldsV1(), applyEntry["fieldsV1"].toObject());
}

void TestFieldSet::compareReportsAddedModifiedRemoved() {
    const MergeSchema& schema = MergeSchema::forKind(QString(), QStringLiteral("Pod"));
    const FieldComparison changes = compareFields(
        jsonObject(
            R"({"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"1"}]},"metadata":{"labels":{"x":"1"}}})"),
        jsonObject(
            R"({"spec":{"containers":[{"name":"a","image":"2"},{"name":"c","image":"1"}]},"metadata":{}})"),
        schema);

    const FieldPath containers{"f:spec", "f:containers"};
    QCOMPARE(changes.modified.toFieldsV1(),
             json(R"({"f:spec":{"f:containers":{"k:{\"name\":\"a\"}":{"f:image":{}}}}})"));
    QVERIFY(changes.added.contains(containers + FieldPath{R"(k:{"name":"c"})"}));
    QVERIFY(changes.added.contains(containers + FieldPath{R"(k:{"name":"c"})", "f:image"}));
    QVERIFY(changes.removed.contains(containers + FieldPath{R"(k:{"name":"b"})"}));
    QVERIFY(changes.removed.contains({"f:metadata", "f:labels", "f:x"}));
    QVERIFY(changes.removed.contains({"f:metadata", "f:labels"}));
    QVERIFY(!changes.added.contains({"f:spec"}));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestFieldSet)
#include "tst_fieldset.moc"
