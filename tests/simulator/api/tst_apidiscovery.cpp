// Discovery over the wire: the non-resource endpoints, legacy and aggregated discovery with ETags and 304s,
// and server-side Tables with includeObject.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QJsonArray>
#include <QTest>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

namespace {
const QByteArray aggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
const QByteArray tableAccept =
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;"
    "g=meta.k8s.io,application/json";

QJsonObject findByName(const QJsonArray& array, const QString& key, const QString& name) {
    for (const QJsonValue& value : array) {
        if (value.toObject().value(key).toString() == name) {
            return value.toObject();
        }
    }
    return {};
}
} // namespace

class TestApiDiscovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void nonResourceEndpoints_data();
    void nonResourceEndpoints();
    void legacyDiscovery();
    void aggregatedDiscovery();
    void discoveryEtag();
    void tables_data();
    void tables();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiDiscovery::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject("misc")).status, 201);
    QCOMPARE(
        m_cluster->post("/api/v1/namespaces/misc/configmaps", configMap("t1", {{"row", "1"}}, {{"k", "v"}}))
            .status,
        201);
    QCOMPARE(m_cluster->post("/api/v1/namespaces/misc/configmaps", configMap("t2", {{"row", "2"}})).status,
             201);
}

void TestApiDiscovery::nonResourceEndpoints_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("healthz") << QByteArray("/healthz") << QByteArray("text/plain; charset=utf-8")
                             << QByteArray("ok");
    QTest::newRow("livez") << QByteArray("/livez") << QByteArray("text/plain; charset=utf-8")
                           << QByteArray("ok");
    QTest::newRow("readyz") << QByteArray("/readyz") << QByteArray("text/plain; charset=utf-8")
                            << QByteArray("ok");
    QTest::newRow("version") << QByteArray("/version") << QByteArray("application/json") << QByteArray();
}

void TestApiDiscovery::nonResourceEndpoints() {
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);

    // Anonymous users may read these (system:public-info-viewer).
    const WireResponse response = m_cluster->get(target, Credential::Anonymous);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Content-Type"), contentType);
    if (!body.isEmpty()) {
        QCOMPARE(response.body, body);
        return;
    }
    const QJsonObject version = response.json();
    QCOMPARE(version.value(QLatin1String("major")).toString(), QStringLiteral("1"));
    QVERIFY(version.value(QLatin1String("minor")).toString().toInt() >= 32);
    QVERIFY(version.value(QLatin1String("gitVersion")).toString().startsWith(QStringLiteral("v1.")));
    for (const char* key : {"gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform"}) {
        QVERIFY2(version.value(QLatin1String(key)).isString(), key);
    }
}

void TestApiDiscovery::legacyDiscovery() {
    const QJsonObject api = m_cluster->get("/api").json();
    QCOMPARE(api.value(QLatin1String("kind")).toString(), QStringLiteral("APIVersions"));
    QCOMPARE(api.value(QLatin1String("versions")).toArray(), QJsonArray{"v1"});
    QVERIFY(!api.value(QLatin1String("serverAddressByClientCIDRs")).toArray().isEmpty());

    const QJsonObject apis = m_cluster->get("/apis").json();
    QCOMPARE(apis.value(QLatin1String("kind")).toString(), QStringLiteral("APIGroupList"));
    QCOMPARE(apis.value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
    const QJsonObject apps = findByName(apis.value(QLatin1String("groups")).toArray(), QStringLiteral("name"),
                                        QStringLiteral("apps"));
    QCOMPARE(apps.value(QLatin1String("preferredVersion")).toObject(),
             (QJsonObject{{"groupVersion", "apps/v1"}, {"version", "v1"}}));
    QVERIFY(findByName(apis.value(QLatin1String("groups")).toArray(), QStringLiteral("name"), QString())
                .isEmpty());

    const QJsonObject group = m_cluster->get("/apis/apps").json();
    QCOMPARE(group.value(QLatin1String("kind")).toString(), QStringLiteral("APIGroup"));
    QCOMPARE(group.value(QLatin1String("name")).toString(), QStringLiteral("apps"));

    const QJsonObject core = m_cluster->get("/api/v1").json();
    QCOMPARE(core.value(QLatin1String("kind")).toString(), QStringLiteral("APIResourceList"));
    QCOMPARE(core.value(QLatin1String("groupVersion")).toString(), QStringLiteral("v1"));
    const QJsonArray coreResources = core.value(QLatin1String("resources")).toArray();
    const QJsonObject podsEntry = findByName(coreResources, QStringLiteral("name"), QStringLiteral("pods"));
    QCOMPARE(podsEntry.value(QLatin1String("kind")).toString(), QStringLiteral("Pod"));
    QCOMPARE(podsEntry.value(QLatin1String("namespaced")).toBool(), true);
    QCOMPARE(podsEntry.value(QLatin1String("singularName")).toString(), QStringLiteral("pod"));
    QCOMPARE(podsEntry.value(QLatin1String("shortNames")).toArray(), QJsonArray{"po"});
    QStringList verbs;
    for (const QJsonValue& verb : podsEntry.value(QLatin1String("verbs")).toArray()) {
        verbs.append(verb.toString());
    }
    verbs.sort();
    QCOMPARE(verbs, (QStringList{"create", "delete", "deletecollection", "get", "list", "patch", "update",
                                 "watch"}));
    for (const char* sub : {"pods/status", "pods/log", "pods/exec", "pods/eviction"}) {
        QVERIFY2(!findByName(coreResources, QStringLiteral("name"), QLatin1String(sub)).isEmpty(), sub);
    }
    const QJsonObject nodes = findByName(coreResources, QStringLiteral("name"), QStringLiteral("nodes"));
    QCOMPARE(nodes.value(QLatin1String("namespaced")).toBool(), false);

    const QJsonArray appsResources =
        m_cluster->get("/apis/apps/v1").json().value(QLatin1String("resources")).toArray();
    const QJsonObject deployments =
        findByName(appsResources, QStringLiteral("name"), QStringLiteral("deployments"));
    QCOMPARE(deployments.value(QLatin1String("shortNames")).toArray(), QJsonArray{"deploy"});
    QCOMPARE(deployments.value(QLatin1String("categories")).toArray(), QJsonArray{"all"});
    const QJsonObject scale =
        findByName(appsResources, QStringLiteral("name"), QStringLiteral("deployments/scale"));
    QCOMPARE(scale.value(QLatin1String("group")).toString(), QStringLiteral("autoscaling"));
    QCOMPARE(scale.value(QLatin1String("version")).toString(), QStringLiteral("v1"));
    QCOMPARE(scale.value(QLatin1String("kind")).toString(), QStringLiteral("Scale"));
}

void TestApiDiscovery::aggregatedDiscovery() {
    const WireHeaders accept{header("Accept", aggregatedV2 + ",application/json")};
    const WireResponse apis = m_cluster->get("/apis", Credential::Admin, accept);
    QCOMPARE(apis.status, 200);
    QCOMPARE(apis.header("Content-Type"), aggregatedV2);
    QVERIFY(!apis.header("ETag").isEmpty());
    const QJsonObject list = apis.json();
    QCOMPARE(list.value(QLatin1String("kind")).toString(), QStringLiteral("APIGroupDiscoveryList"));
    QCOMPARE(list.value(QLatin1String("apiVersion")).toString(), QStringLiteral("apidiscovery.k8s.io/v2"));
    QJsonObject apps;
    for (const QJsonValue& item : list.value(QLatin1String("items")).toArray()) {
        if (meta(item.toObject(), QStringLiteral("name")).toString() == QLatin1String("apps")) {
            apps = item.toObject();
        }
    }
    const QJsonObject v1 = apps.value(QLatin1String("versions")).toArray().first().toObject();
    QCOMPARE(v1.value(QLatin1String("version")).toString(), QStringLiteral("v1"));
    QCOMPARE(v1.value(QLatin1String("freshness")).toString(), QStringLiteral("Current"));
    const QJsonObject deployments = findByName(v1.value(QLatin1String("resources")).toArray(),
                                               QStringLiteral("resource"), QStringLiteral("deployments"));
    QCOMPARE(deployments.value(QLatin1String("scope")).toString(), QStringLiteral("Namespaced"));
    QCOMPARE(deployments.value(QLatin1String("singularResource")).toString(), QStringLiteral("deployment"));
    QCOMPARE(deployments.value(QLatin1String("responseKind")).toObject(),
             (QJsonObject{{"group", "apps"}, {"version", "v1"}, {"kind", "Deployment"}}));
    const QJsonArray subresources = deployments.value(QLatin1String("subresources")).toArray();
    QCOMPARE(findByName(subresources, QStringLiteral("subresource"), QStringLiteral("scale"))
                 .value(QLatin1String("responseKind"))
                 .toObject(),
             (QJsonObject{{"group", "autoscaling"}, {"version", "v1"}, {"kind", "Scale"}}));
    QVERIFY(!findByName(subresources, QStringLiteral("subresource"), QStringLiteral("status")).isEmpty());

    // /api answers the core group alone.
    const WireResponse api = m_cluster->get("/api", Credential::Admin, accept);
    QCOMPARE(api.header("Content-Type"), aggregatedV2);
    const QJsonArray coreItems = api.json().value(QLatin1String("items")).toArray();
    QCOMPARE(coreItems.size(), 1);
    QCOMPARE(meta(coreItems.first().toObject(), QStringLiteral("name")).toString(), QString());
    const QJsonObject coreV1 =
        coreItems.first().toObject().value(QLatin1String("versions")).toArray().first().toObject();
    QVERIFY(!findByName(coreV1.value(QLatin1String("resources")).toArray(), QStringLiteral("resource"),
                        QStringLiteral("pods"))
                 .isEmpty());

    // v2beta1 is echoed as asked; a plain Accept gets the legacy document.
    const QByteArray beta = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
    QCOMPARE(m_cluster->get("/apis", Credential::Admin, {header("Accept", beta + ",application/json")})
                 .header("Content-Type"),
             beta);
    const WireResponse legacy =
        m_cluster->get("/apis", Credential::Admin, {header("Accept", "application/json")});
    QCOMPARE(legacy.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(legacy.json().value(QLatin1String("kind")).toString(), QStringLiteral("APIGroupList"));
}

void TestApiDiscovery::discoveryEtag() {
    const WireHeaders accept{header("Accept", aggregatedV2 + ",application/json")};
    const QByteArray etag = m_cluster->get("/apis", Credential::Admin, accept).header("ETag");
    QVERIFY(!etag.isEmpty());

    const WireResponse cached =
        m_cluster->get("/apis", Credential::Admin, accept + WireHeaders{header("If-None-Match", etag)});
    QCOMPARE(cached.status, 304);
    QVERIFY(cached.body.isEmpty());
    QCOMPARE(cached.header("ETag"), etag);

    // A new CRD changes the document, so the ETag.
    QCOMPARE(
        m_cluster
            ->post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCrd("etag.binnacle.io"))
            .status,
        201);
    const WireResponse changed =
        m_cluster->get("/apis", Credential::Admin, accept + WireHeaders{header("If-None-Match", etag)});
    QCOMPARE(changed.status, 200);
    QVERIFY(changed.header("ETag") != etag);
    bool listed = false;
    for (const QJsonValue& item : changed.json().value(QLatin1String("items")).toArray()) {
        listed = listed || meta(item.toObject(), QStringLiteral("name")).toString() ==
                               QLatin1String("etag.binnacle.io");
    }
    QVERIFY(listed);
}

void TestApiDiscovery::tables_data() {
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("objectKind"); // empty: no object in the rows

    QTest::newRow("default is Metadata") << QByteArray() << QStringLiteral("PartialObjectMetadata");
    QTest::newRow("None") << QByteArray("?includeObject=None") << QString();
    QTest::newRow("Metadata") << QByteArray("?includeObject=Metadata")
                              << QStringLiteral("PartialObjectMetadata");
    QTest::newRow("Object") << QByteArray("?includeObject=Object") << QStringLiteral("ConfigMap");
}

void TestApiDiscovery::tables() {
    QFETCH(QByteArray, query);
    QFETCH(QString, objectKind);

    const WireResponse response = m_cluster->get("/api/v1/namespaces/misc/configmaps" + query,
                                                 Credential::Admin, {header("Accept", tableAccept)});
    QCOMPARE(response.status, 200);
    const QJsonObject table = response.json();
    QCOMPARE(table.value(QLatin1String("kind")).toString(), QStringLiteral("Table"));
    QCOMPARE(table.value(QLatin1String("apiVersion")).toString(), QStringLiteral("meta.k8s.io/v1"));
    QVERIFY(!meta(table, QStringLiteral("resourceVersion")).toString().isEmpty());
    const QJsonArray columns = table.value(QLatin1String("columnDefinitions")).toArray();
    QVERIFY(!columns.isEmpty());
    for (const QJsonValue& column : columns) {
        QCOMPARE(column.toObject().keys(),
                 (QStringList{"description", "format", "name", "priority", "type"}));
    }
    QCOMPARE(columns.first().toObject().value(QLatin1String("name")).toString(), QStringLiteral("Name"));
    QCOMPARE(columns.first().toObject().value(QLatin1String("format")).toString(), QStringLiteral("name"));

    const QJsonArray rows = table.value(QLatin1String("rows")).toArray();
    QCOMPARE(rows.size(), 2);
    for (int i = 0; i < rows.size(); ++i) {
        const QJsonObject row = rows.at(i).toObject();
        QCOMPARE(row.value(QLatin1String("cells")).toArray().size(), columns.size());
        QCOMPARE(row.value(QLatin1String("cells")).toArray().first().toString(),
                 QStringLiteral("t%1").arg(i + 1));
        if (objectKind.isEmpty()) {
            QVERIFY(!row.contains(QLatin1String("object")));
            continue;
        }
        const QJsonObject object = row.value(QLatin1String("object")).toObject();
        QCOMPARE(object.value(QLatin1String("kind")).toString(), objectKind);
        QCOMPARE(meta(object, QStringLiteral("name")).toString(), QStringLiteral("t%1").arg(i + 1));
        QCOMPARE(meta(object, QStringLiteral("labels")).toObject(),
                 (QJsonObject{{"row", QString::number(i + 1)}}));
        QCOMPARE(object.contains(QLatin1String("data")), objectKind == QLatin1String("ConfigMap") && i == 0);
    }

    // A single object as a Table: one row.
    const WireResponse single = m_cluster->get("/api/v1/namespaces/misc/configmaps/t1" + query,
                                               Credential::Admin, {header("Accept", tableAccept)});
    QCOMPARE(single.json().value(QLatin1String("rows")).toArray().size(), 1);

    // The Table travels as plain application/json (transformResponseObject writes it with
    // listGVKInContentType=false); only aggregated discovery names the kind in the Content-Type.
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
}

QTEST_GUILESS_MAIN(TestApiDiscovery)
#include "tst_apidiscovery.moc"
