// Write semantics over the wire, without controllers: identity fields, generation, the one cluster-wide
// resourceVersion counter, finalizers, and what DELETE answers.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>
#include <QUuid>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

namespace {
const QByteArray maps = "/api/v1/namespaces/writes/configmaps";
const QByteArray deployments = "/apis/apps/v1/namespaces/writes/deployments";

qint64 versionOf(const QJsonObject& object) {
    return meta(object, QStringLiteral("resourceVersion")).toString().toLongLong();
}

QStringList managers(const QJsonObject& object) {
    QStringList names;
    for (const QJsonValue& entry : meta(object, QStringLiteral("managedFields")).toArray()) {
        names.append(entry.toObject().value(QLatin1String("manager")).toString() + QLatin1Char('/') +
                     entry.toObject().value(QLatin1String("operation")).toString());
    }
    names.sort();
    return names;
}
} // namespace

class TestApiWrites : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void identityFields();
    void generation();
    void resourceVersionCounter();
    void finalizers();
    void deleteResponses();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiWrites::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject(QStringLiteral("writes"))).status, 201);
}

void TestApiWrites::identityFields() {
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const WireResponse created = m_cluster->post(maps, configMap("ident", {}, {{"k", "v"}}));
    QCOMPARE(created.status, 201);
    const QJsonObject object = created.json();
    QCOMPARE(object.value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMap"));
    const QString uid = meta(object, QStringLiteral("uid")).toString();
    QVERIFY2(!QUuid::fromString(uid).isNull() && uid.size() == 36, qPrintable(uid));
    const QString timestamp = meta(object, QStringLiteral("creationTimestamp")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"))
                 .match(timestamp)
                 .hasMatch(),
             qPrintable(timestamp));
    const QDateTime created_at = QDateTime::fromString(timestamp, Qt::ISODate);
    QVERIFY(created_at >= before && created_at <= QDateTime::currentDateTimeUtc().addSecs(1));
    QVERIFY(meta(object, QStringLiteral("resourceVersion")).isString());
    QCOMPARE(meta(object, QStringLiteral("namespace")).toString(), QStringLiteral("writes"));
    // Non-apply writes record the User-Agent's product as the manager.
    QCOMPARE(managers(object), QStringList{"binnacle-api-test/Update"});

    // The server owns these: a client cannot choose them on create.
    QJsonObject chosen = configMap("chosen");
    QJsonObject metadata = chosen.value(QLatin1String("metadata")).toObject();
    metadata.insert(QStringLiteral("uid"), QStringLiteral("00000000-0000-0000-0000-000000000001"));
    metadata.insert(QStringLiteral("creationTimestamp"), QStringLiteral("2001-01-01T00:00:00Z"));
    chosen.insert(QStringLiteral("metadata"), metadata);
    const QJsonObject stored = m_cluster->post(maps, chosen).json();
    QVERIFY(meta(stored, QStringLiteral("uid")).toString() !=
            QStringLiteral("00000000-0000-0000-0000-000000000001"));
    QVERIFY(meta(stored, QStringLiteral("creationTimestamp")).toString() !=
            QStringLiteral("2001-01-01T00:00:00Z"));

    // An update keeps uid and creationTimestamp whatever the body says.
    QJsonObject update = m_cluster->get(maps + "/ident").json();
    QJsonObject updateMetadata = update.value(QLatin1String("metadata")).toObject();
    updateMetadata.insert(QStringLiteral("creationTimestamp"), QStringLiteral("2001-01-01T00:00:00Z"));
    update.insert(QStringLiteral("metadata"), updateMetadata);
    update.insert(QStringLiteral("data"), QJsonObject{{"k", "v"}});
    const QJsonObject updated = m_cluster->put(maps + "/ident", update).json();
    QCOMPARE(meta(updated, QStringLiteral("uid")).toString(), uid);
    QCOMPARE(meta(updated, QStringLiteral("creationTimestamp")).toString(), timestamp);
}

void TestApiWrites::generation() {
    const WireResponse created = m_cluster->post(deployments, deployment("gen", 1, "gen"));
    QCOMPARE(created.status, 201);
    QCOMPARE(meta(created.json(), QStringLiteral("generation")).toInt(), 1);

    const auto generationAfter = [this](const QByteArray& patch) {
        const WireResponse response =
            m_cluster->patch(deployments + "/gen", "application/merge-patch+json", patch);
        return response.status == 200 ? meta(response.json(), QStringLiteral("generation")).toInt()
                                      : -response.status;
    };
    QCOMPARE(generationAfter(R"({"spec":{"replicas":3}})"), 2);
    QCOMPARE(generationAfter(R"({"metadata":{"labels":{"extra":"yes"}}})"), 2);
    QCOMPARE(generationAfter(R"({"metadata":{"annotations":{"note":"metadata only"}}})"), 2);
    QCOMPARE(generationAfter(R"({"status":{"replicas":3}})"), 2); // status is ignored on the main resource
    QCOMPARE(generationAfter(
                 R"({"spec":{"template":{"spec":{"containers":[{"name":"main","image":"nginx:1.28"}]}}}})"),
             3);
    QCOMPARE(generationAfter(R"({"spec":{"replicas":3}})"), 3); // no change, no bump

    // ConfigMaps have no spec and no generation.
    QVERIFY(!m_cluster->get(maps + "/ident")
                 .json()
                 .value(QLatin1String("metadata"))
                 .toObject()
                 .contains(QLatin1String("generation")));
}

void TestApiWrites::resourceVersionCounter() {
    const qint64 start = m_cluster->resourceVersion();
    const QJsonObject map = m_cluster->post(maps, configMap("counter-a")).json();
    const QJsonObject dep = m_cluster->post(deployments, deployment("counter-b", 1, "counter")).json();
    const QJsonObject secret = m_cluster
                                   ->post("/api/v1/namespaces/writes/secrets",
                                          QJsonObject{{"apiVersion", "v1"},
                                                      {"kind", "Secret"},
                                                      {"metadata", QJsonObject{{"name", "counter-c"}}},
                                                      {"data", QJsonObject{{"k", "dg=="}}}})
                                   .json();
    const QJsonObject ns = m_cluster->post("/api/v1/namespaces", namespaceObject("counter-d")).json();
    const QList<qint64> versions{versionOf(map), versionOf(dep), versionOf(secret), versionOf(ns)};
    QVERIFY(versions.first() > start);
    for (qsizetype i = 1; i < versions.size(); ++i) {
        QVERIFY2(versions.at(i) > versions.at(i - 1), "one counter across kinds, strictly increasing");
    }
    QCOMPARE(m_cluster->resourceVersion(), versions.last());
    // A read does not move it.
    m_cluster->get(maps);
    QCOMPARE(m_cluster->resourceVersion(), versions.last());
}

void TestApiWrites::finalizers() {
    QJsonObject held = configMap("held");
    QJsonObject metadata = held.value(QLatin1String("metadata")).toObject();
    metadata.insert(QStringLiteral("finalizers"), QJsonArray{"example.com/hold"});
    held.insert(QStringLiteral("metadata"), metadata);
    QCOMPARE(m_cluster->post(maps, held).status, 201);
    WatchReader watch(m_cluster->access(),
                      WireRequest{"GET",
                                  maps + "?watch=1&fieldSelector=metadata.name%3Dheld&resourceVersion=" +
                                      QByteArray::number(m_cluster->resourceVersion()),
                                  {},
                                  {},
                                  Credential::Admin});

    // DELETE only marks it: 200 with the object, deletionTimestamp set.
    const WireResponse deleted = m_cluster->remove(maps + "/held");
    QCOMPARE(deleted.status, 200);
    const QJsonObject marked = deleted.json();
    QCOMPARE(marked.value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMap"));
    QVERIFY(!meta(marked, QStringLiteral("deletionTimestamp")).toString().isEmpty());
    QCOMPARE(meta(marked, QStringLiteral("deletionGracePeriodSeconds")).toInt(-1), 0);
    const WireResponse stillThere = m_cluster->get(maps + "/held");
    QCOMPARE(stillThere.status, 200);
    QCOMPARE(meta(stillThere.json(), QStringLiteral("deletionTimestamp")),
             meta(marked, QStringLiteral("deletionTimestamp")));
    const auto modified = watch.next();
    QVERIFY(modified);
    QCOMPARE(modified->value(QLatin1String("type")).toString(), QStringLiteral("MODIFIED"));

    // A second DELETE changes nothing (no write, so no event); no finalizer can be added any more.
    const qint64 versionBefore = m_cluster->resourceVersion();
    QCOMPARE(m_cluster->remove(maps + "/held").status, 200);
    QCOMPARE(m_cluster->resourceVersion(), versionBefore);
    QVERIFY(!watch.next(200));
    const WireResponse added =
        m_cluster->patch(maps + "/held", "application/merge-patch+json",
                         R"({"metadata":{"finalizers":["example.com/hold","example.com/more"]}})");
    VERIFY_STATUS(added, 422, QStringLiteral("Invalid"));

    // Removing the last finalizer finishes the deletion: one DELETED event (the store deletes instead of
    // writing the emptied finalizers, genericregistry.Store.Update → errEmptiedFinalizers).
    const WireResponse released = m_cluster->patch(maps + "/held", "application/merge-patch+json",
                                                   R"({"metadata":{"finalizers":null}})");
    QCOMPARE(released.status, 200);
    QCOMPARE(m_cluster->get(maps + "/held").status, 404);
    const auto gone = watch.next();
    QVERIFY(gone);
    QCOMPARE(gone->value(QLatin1String("type")).toString(), QStringLiteral("DELETED"));
}

void TestApiWrites::deleteResponses() {
    // Most types answer a finished delete with a Success Status naming the object.
    const QJsonObject created = m_cluster->post(maps, configMap("del-status")).json();
    const WireResponse deleted = m_cluster->remove(maps + "/del-status");
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.json(),
             (QJsonObject{{"kind", "Status"},
                          {"apiVersion", "v1"},
                          {"metadata", QJsonObject()},
                          {"status", "Success"},
                          {"details", QJsonObject{{"name", "del-status"},
                                                  {"kind", "configmaps"},
                                                  {"uid", meta(created, QStringLiteral("uid"))}}}}));
    VERIFY_STATUS(m_cluster->remove(maps + "/del-status"), 404, QStringLiteral("NotFound"));

    // Preconditions: a wrong uid is a conflict.
    QCOMPARE(m_cluster->post(maps, configMap("del-pre")).status, 201);
    const WireResponse wrongUid = m_cluster->remove(
        maps + "/del-pre",
        QJsonObject{{"kind", "DeleteOptions"},
                    {"apiVersion", "v1"},
                    {"preconditions", QJsonObject{{"uid", "00000000-0000-0000-0000-000000000000"}}}});
    VERIFY_STATUS(wrongUid, 409, QStringLiteral("Conflict"));
    QCOMPARE(m_cluster->get(maps + "/del-pre").status, 200);

    // deletecollection with a selector.
    QCOMPARE(m_cluster->post(maps, configMap("dc-1", {{"batch", "x"}})).status, 201);
    QCOMPARE(m_cluster->post(maps, configMap("dc-2", {{"batch", "x"}})).status, 201);
    const WireResponse collection = m_cluster->remove(maps + "?labelSelector=batch%3Dx");
    QCOMPARE(collection.status, 200);
    QCOMPARE(collection.json().value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMapList"));
    QCOMPARE(m_cluster->get(maps + "?labelSelector=batch%3Dx")
                 .json()
                 .value(QLatin1String("items"))
                 .toArray()
                 .size(),
             0);
    QCOMPARE(m_cluster->get(maps + "/del-pre").status, 200);
}

QTEST_GUILESS_MAIN(TestApiWrites)
#include "tst_apiwrites.moc"
