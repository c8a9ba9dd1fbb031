// Field ownership: updates (checked against real managedFields) and server-side apply.
#include "fieldset.h"
#include "managedfields.h"
#include "patchtestsupport.h"

#include <QJsonArray>
#include <QTest>

using namespace binnacle::sim;
using binnacle::sim::test::json;
using binnacle::sim::test::jsonObject;
using binnacle::sim::test::loadYamlFixture;

namespace {

const QDateTime kNow(QDate(2024, 5, 6), QTime(7, 8, 9, 500), Qt::UTC);
const QDateTime kLater(QDate(2024, 5, 6), QTime(8, 0, 0), Qt::UTC);

const MergeSchema& deploymentSchema() {
    return MergeSchema::forKind(QStringLiteral("apps"), QStringLiteral("Deployment"));
}

QJsonObject withoutKey(QJsonObject object, const QString& key) {
    object.remove(key);
    return object;
}

QJsonArray managedFieldsOf(const QJsonObject& object) {
    return object["metadata"]["managedFields"].toArray();
}

// Returned const, so that chained [] lookups use QJsonObject's read-only operator.
const QJsonObject entryOf(const QJsonArray& managedFields, const QString& manager) {
    for (const QJsonValue& entry : managedFields) {
        if (entry["manager"].toString() == manager)
            return entry.toObject();
    }
    return {};
}

const QJsonObject objectOf(const PatchResult& result) {
    return result.object();
}

QJsonObject withManagedFields(QJsonObject object, const QJsonArray& managedFields) {
    QJsonObject metadata = object["metadata"].toObject();
    metadata.insert(QStringLiteral("managedFields"), managedFields);
    object.insert(QStringLiteral("metadata"), metadata);
    return object;
}

// A Deployment as `kubectl create` left it: replicas and the template owned by an Update manager.
QJsonObject createdDeployment(const QString& manager) {
    const QJsonObject object = jsonObject(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","namespace":"default","uid":"u1","resourceVersion":"1","labels":{"app":"web"}},
        "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1"}]}}}})");
    return withManagedFields(object, updateManagedFields({}, object, {}, manager, QStringLiteral("apps/v1"),
                                                         QString(), kNow, deploymentSchema()));
}

} // namespace

class TestManagedFields : public QObject {
    Q_OBJECT

private slots:
    void podCreateMatchesRealControllerEntry();
    void statusUpdateMatchesRealControllerEntry();
    void updateMovesChangedFieldsToWriter();
    void unchangedWriteKeepsEntries();
    void applyCreates();
    void reapplyRemovesDroppedField();
    void reapplyKeepsFieldOthersOwn();
    void applyConflicts_data();
    void applyConflicts();
    void applySameValueSharesOwnership();
    void forceTakesOwnership();
};

// moc only needs the class above; the test bodies' raw JSON strings confuse its macro expansion.
#ifndef Q_MOC_RUN

// The Pod fixture was created by kube-controller-manager; admission and the scheduler added the rest.
// Creating the Pod as the controller sent it must give the controller exactly the fixture's entry.
void TestManagedFields::podCreateMatchesRealControllerEntry() {
    const QJsonObject pod = loadYamlFixture(QStringLiteral("pod-replicaset-owned-managedfields.yaml"));
    const QJsonObject expected = managedFieldsOf(pod).at(0).toObject();
    QCOMPARE(expected["manager"].toString(), QStringLiteral("kube-controller-manager"));

    QJsonObject sent = withoutKey(pod, QStringLiteral("status"));
    sent.insert(QStringLiteral("metadata"),
                withoutKey(pod["metadata"].toObject(), QStringLiteral("managedFields")));
    QJsonObject spec = sent["spec"].toObject();
    for (const char* field :
         {"nodeName", "preemptionPolicy", "priority", "serviceAccount", "serviceAccountName"})
        spec.remove(QString::fromLatin1(field));
    QJsonArray volumes = spec["volumes"].toArray();
    volumes.removeLast(); // the projected service account token volume
    spec.insert(QStringLiteral("volumes"), volumes);
    for (const char* list : {"containers", "initContainers"}) {
        QJsonArray containers = spec[QString::fromLatin1(list)].toArray();
        for (qsizetype i = 0; i < containers.size(); ++i) {
            QJsonObject container = containers.at(i).toObject();
            QJsonArray mounts = container["volumeMounts"].toArray();
            mounts.removeLast(); // its mount
            if (mounts.isEmpty())
                container.remove(QStringLiteral("volumeMounts"));
            else
                container.insert(QStringLiteral("volumeMounts"), mounts);
            containers.replace(i, container);
        }
        spec.insert(QString::fromLatin1(list), containers);
    }
    sent.insert(QStringLiteral("spec"), spec);

    const QDateTime created = QDateTime::fromString(expected["time"].toString(), Qt::ISODate);
    const QJsonArray managed =
        updateManagedFields({}, sent, {}, QStringLiteral("kube-controller-manager"), QStringLiteral("v1"),
                            QString(), created, MergeSchema::forKind(QString(), QStringLiteral("Pod")));
    QCOMPARE(managed.size(), 1);
    QCOMPARE(managed.at(0).toObject()["fieldsV1"].toObject(), expected["fieldsV1"].toObject());
    QCOMPARE(managed.at(0).toObject(), expected);
}

// The Deployment fixture's controller entry: the revision annotation and the whole status, written
// through /status on an object whose status was still empty.
void TestManagedFields::statusUpdateMatchesRealControllerEntry() {
    const QJsonObject live = loadYamlFixture(QStringLiteral("deployment-live-managedfields.yaml"));
    const QJsonArray realEntries = managedFieldsOf(live);
    const QJsonObject controllerEntry = realEntries.at(1).toObject();

    QJsonObject before = live;
    before.insert(QStringLiteral("status"), QJsonObject());
    before.insert(QStringLiteral("metadata"),
                  withoutKey(live["metadata"].toObject(), QStringLiteral("annotations")));
    const QJsonArray managed = updateManagedFields(
        before, live, QJsonArray{realEntries.at(0)}, QStringLiteral("kube-controller-manager"),
        QStringLiteral("apps/v1"), QStringLiteral("status"),
        QDateTime::fromString(controllerEntry["time"].toString(), Qt::ISODate), deploymentSchema());
    QCOMPARE(managed, realEntries);
}

void TestManagedFields::updateMovesChangedFieldsToWriter() {
    const QJsonObject created = createdDeployment(QStringLiteral("kubectl-create"));
    const QJsonObject creatorFields = managedFieldsOf(created).at(0)["fieldsV1"].toObject();
    QVERIFY(creatorFields["f:spec"].toObject().contains("f:replicas"));
    QVERIFY(!creatorFields.contains("f:apiVersion"));
    QVERIFY(!creatorFields["f:metadata"].toObject().contains("f:name"));
    QCOMPARE(managedFieldsOf(created).at(0)["time"].toString(), QStringLiteral("2024-05-06T07:08:09Z"));

    QJsonObject scaled = created;
    QJsonObject spec = scaled["spec"].toObject();
    spec.insert(QStringLiteral("replicas"), 5);
    scaled.insert(QStringLiteral("spec"), spec);
    const QJsonArray managed =
        updateManagedFields(created, scaled, managedFieldsOf(created), QStringLiteral("kubectl"),
                            QStringLiteral("apps/v1"), QStringLiteral("scale"), kLater, deploymentSchema());
    QCOMPARE(managed.size(), 2);
    const QJsonObject scaler = entryOf(managed, QStringLiteral("kubectl"));
    QCOMPARE(scaler["fieldsV1"].toObject(), jsonObject(R"({"f:spec":{"f:replicas":{}}})"));
    QCOMPARE(scaler["subresource"].toString(), QStringLiteral("scale"));
    QCOMPARE(scaler["operation"].toString(), QStringLiteral("Update"));
    QCOMPARE(scaler["time"].toString(), QStringLiteral("2024-05-06T08:00:00Z"));
    QVERIFY(!entryOf(managed, QStringLiteral("kubectl-create"))["fieldsV1"]["f:spec"].toObject().contains(
        "f:replicas"));
}

void TestManagedFields::unchangedWriteKeepsEntries() {
    const QJsonObject created = createdDeployment(QStringLiteral("kubectl-create"));
    const QJsonArray managed =
        updateManagedFields(created, created, managedFieldsOf(created), QStringLiteral("other"),
                            QStringLiteral("apps/v1"), QString(), kLater, deploymentSchema());
    QCOMPARE(managed, managedFieldsOf(created));
}

void TestManagedFields::applyCreates() {
    const QJsonObject config = jsonObject(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"cfg","namespace":"default","labels":{"a":"1"}},"data":{"k":"v"}})");
    const PatchResult result =
        serverSideApply({}, config, QStringLiteral("kubectl"), false, QStringLiteral("v1"), QString(), kNow,
                        MergeSchema::forKind(QString(), QStringLiteral("ConfigMap")));
    QVERIFY(result.ok());
    const QJsonObject created = result.object();
    QCOMPARE(created["data"], json(R"({"k":"v"})"));
    QCOMPARE(created["metadata"]["name"].toString(), QStringLiteral("cfg"));
    QCOMPARE(managedFieldsOf(created), json(R"([{"manager":"kubectl","operation":"Apply","apiVersion":"v1",
        "time":"2024-05-06T07:08:09Z","fieldsType":"FieldsV1",
        "fieldsV1":{"f:data":{"f:k":{}},"f:metadata":{"f:labels":{"f:a":{}}}}}])"));
}

void TestManagedFields::reapplyRemovesDroppedField() {
    const MergeSchema& schema = MergeSchema::forKind(QString(), QStringLiteral("ConfigMap"));
    const QJsonObject first =
        serverSideApply({}, jsonObject(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"cfg","labels":{"a":"1","b":"2"}},"data":{"k":"v","gone":"x"}})"),
                        QStringLiteral("kubectl"), false, QStringLiteral("v1"), QString(), kNow, schema)
            .object();
    const PatchResult second =
        serverSideApply(first, jsonObject(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"cfg","labels":{"a":"1"}},"data":{"k":"v"}})"),
                        QStringLiteral("kubectl"), false, QStringLiteral("v1"), QString(), kLater, schema);
    QVERIFY(second.ok());
    QCOMPARE(objectOf(second)["data"], json(R"({"k":"v"})"));
    QCOMPARE(objectOf(second)["metadata"]["labels"], json(R"({"a":"1"})"));
    const QJsonObject entry = managedFieldsOf(second.object()).at(0).toObject();
    QCOMPARE(entry["fieldsV1"], json(R"({"f:data":{"f:k":{}},"f:metadata":{"f:labels":{"f:a":{}}}})"));
    QCOMPARE(entry["time"].toString(), QStringLiteral("2024-05-06T08:00:00Z"));

    // Dropping the last label removes the labels map too.
    const PatchResult third =
        serverSideApply(second.object(), jsonObject(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"cfg"},"data":{"k":"v"}})"),
                        QStringLiteral("kubectl"), false, QStringLiteral("v1"), QString(), kLater, schema);
    QVERIFY(third.ok());
    QVERIFY(!objectOf(third)["metadata"].toObject().contains("labels"));
    QCOMPARE(objectOf(third)["metadata"]["name"].toString(), QStringLiteral("cfg"));
}

void TestManagedFields::reapplyKeepsFieldOthersOwn() {
    const MergeSchema& schema = MergeSchema::forKind(QString(), QStringLiteral("ConfigMap"));
    const QJsonObject config = jsonObject(
        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"shared":"1"}})");
    const QJsonObject byA = serverSideApply({}, config, "a", false, "v1", QString(), kNow, schema).object();
    const QJsonObject byB = serverSideApply(byA, config, "b", false, "v1", QString(), kNow, schema).object();
    QCOMPARE(managedFieldsOf(byB).size(), 2);

    const PatchResult dropped = serverSideApply(
        byB,
        jsonObject(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"own":"2"}})"),
        "a", false, "v1", QString(), kLater, schema);
    QVERIFY(dropped.ok());
    QCOMPARE(objectOf(dropped)["data"], json(R"({"shared":"1","own":"2"})"));
}

void TestManagedFields::applyConflicts_data() {
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QStringList>("fields");

    QTest::newRow("one conflict")
        << QByteArray(R"({"replicas":3})")
        << R"(Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas)"
        << QStringList{".spec.replicas"};
    QTest::newRow("two conflicts")
        << QByteArray(
               R"({"replicas":3,"template":{"spec":{"containers":[{"name":"web","image":"nginx:2"}]}}})")
        << "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using apps/v1:\n"
           "- .spec.replicas\n- .spec.template.spec.containers[name=\"web\"].image"
        << QStringList{".spec.replicas", R"(.spec.template.spec.containers[name="web"].image)"};
}

void TestManagedFields::applyConflicts() {
    QFETCH(QByteArray, spec);
    QFETCH(QString, message);
    QFETCH(QStringList, fields);

    const QJsonObject live = createdDeployment(QStringLiteral("kubectl-client-side-apply"));
    QJsonObject config =
        jsonObject(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"}})");
    config.insert(QStringLiteral("spec"), json(spec.constData()));
    const PatchResult result =
        serverSideApply(live, config, QStringLiteral("kubectl"), false, QStringLiteral("apps/v1"), QString(),
                        kLater, deploymentSchema());
    QVERIFY(!result.ok());
    QCOMPARE(result.failure->httpCode, 409);
    QCOMPARE(result.failure->reason, QStringLiteral("Conflict"));
    QCOMPARE(result.failure->message, message);
    QCOMPARE(result.failure->causes.size(), fields.size());
    for (qsizetype i = 0; i < fields.size(); ++i) {
        QCOMPARE(result.failure->causes.at(i).toObject(),
                 QJsonObject({{"reason", "FieldManagerConflict"},
                              {"message", R"(conflict with "kubectl-client-side-apply" using apps/v1)"},
                              {"field", fields.at(i)}}));
    }
}

void TestManagedFields::applySameValueSharesOwnership() {
    const QJsonObject live = createdDeployment(QStringLiteral("kubectl-client-side-apply"));
    const PatchResult result = serverSideApply(
        live,
        jsonObject(
            R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2}})"),
        QStringLiteral("kubectl"), false, QStringLiteral("apps/v1"), QString(), kLater, deploymentSchema());
    QVERIFY(result.ok());
    const QJsonArray managed = managedFieldsOf(result.object());
    QCOMPARE(managed.size(), 2);
    QCOMPARE(managed.at(0)["operation"].toString(), QStringLiteral("Apply")); // Apply sorts first
    QVERIFY(entryOf(managed, "kubectl")["fieldsV1"]["f:spec"].toObject().contains("f:replicas"));
    QVERIFY(entryOf(managed, "kubectl-client-side-apply")["fieldsV1"]["f:spec"].toObject().contains(
        "f:replicas"));
}

void TestManagedFields::forceTakesOwnership() {
    const QJsonObject live = createdDeployment(QStringLiteral("kubectl-client-side-apply"));
    const PatchResult result = serverSideApply(
        live,
        jsonObject(
            R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}})"),
        QStringLiteral("kubectl"), true, QStringLiteral("apps/v1"), QString(), kLater, deploymentSchema());
    QVERIFY(result.ok());
    QCOMPARE(objectOf(result)["spec"]["replicas"], QJsonValue(3));
    QCOMPARE(objectOf(result)["spec"]["template"]["spec"]["containers"][0]["image"], QJsonValue("nginx:1"));
    QCOMPARE(objectOf(result)["metadata"]["uid"], QJsonValue("u1"));
    const QJsonArray managed = managedFieldsOf(result.object());
    QCOMPARE(entryOf(managed, "kubectl")["fieldsV1"], json(R"({"f:spec":{"f:replicas":{}}})"));
    QVERIFY(!entryOf(managed, "kubectl-client-side-apply")["fieldsV1"]["f:spec"].toObject().contains(
        "f:replicas"));
    QVERIFY(entryOf(managed, "kubectl-client-side-apply")["fieldsV1"]["f:spec"].toObject().contains(
        "f:template"));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestManagedFields)
#include "tst_managedfields.moc"
