// Subresources and custom resources over the wire: status writes that touch only the status, the scale
// subresource of a Deployment and of a CRD, and a CustomResourceDefinition coming and going.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QJsonArray>
#include <QTest>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

namespace {
const QByteArray deployments = "/apis/apps/v1/namespaces/writes/deployments";
} // namespace

class TestApiSubresources : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statusSubresource();
    void scaleSubresource_data();
    void scaleSubresource();
    void customResourceDefinitionLifecycle();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiSubresources::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject(QStringLiteral("writes"))).status, 201);
}

void TestApiSubresources::statusSubresource() {
    QCOMPARE(m_cluster->post(deployments, deployment("stat", 2, "stat")).status, 201);
    QJsonObject object = m_cluster->get(deployments + "/stat").json();
    const int generation = meta(object, QStringLiteral("generation")).toInt();

    // PUT /status: the status is taken, the spec change is not.
    QJsonObject spec = object.value(QLatin1String("spec")).toObject();
    spec.insert(QStringLiteral("replicas"), 9);
    object.insert(QStringLiteral("spec"), spec);
    object.insert(QStringLiteral("status"), QJsonObject{{"replicas", 7}, {"observedGeneration", generation}});
    const WireResponse statusWrite = m_cluster->put(deployments + "/stat/status", object);
    QVERIFY2(statusWrite.status == 200, statusWrite.body.constData());
    QCOMPARE(
        statusWrite.json().value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(),
        2);
    QCOMPARE(
        statusWrite.json().value(QLatin1String("status")).toObject().value(QLatin1String("replicas")).toInt(),
        7);
    QCOMPARE(meta(statusWrite.json(), QStringLiteral("generation")).toInt(), generation);

    // PUT on the main resource: the spec is taken, the status is not.
    QJsonObject main = statusWrite.json();
    main.insert(QStringLiteral("status"), QJsonObject{{"replicas", 1}});
    QJsonObject mainSpec = main.value(QLatin1String("spec")).toObject();
    mainSpec.insert(QStringLiteral("replicas"), 4);
    main.insert(QStringLiteral("spec"), mainSpec);
    const WireResponse mainWrite = m_cluster->put(deployments + "/stat", main);
    QCOMPARE(mainWrite.status, 200);
    QCOMPARE(
        mainWrite.json().value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(), 4);
    QCOMPARE(
        mainWrite.json().value(QLatin1String("status")).toObject().value(QLatin1String("replicas")).toInt(),
        7);

    // GET /status returns the whole object.
    const WireResponse read = m_cluster->get(deployments + "/stat/status");
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json().value(QLatin1String("kind")).toString(), QStringLiteral("Deployment"));
    // Status writes are recorded with the subresource in managedFields.
    bool statusEntry = false;
    for (const QJsonValue& entry : meta(read.json(), QStringLiteral("managedFields")).toArray()) {
        statusEntry = statusEntry || entry.toObject().value(QLatin1String("subresource")).toString() ==
                                         QLatin1String("status");
    }
    QVERIFY(statusEntry);
}

void TestApiSubresources::scaleSubresource_data() {
    QTest::addColumn<QByteArray>("object");
    QTest::addColumn<QString>("selector");

    QTest::newRow("deployment") << deployments + "/scaled" << QStringLiteral("app=scaled");
    QTest::newRow("custom resource") << QByteArray(
                                            "/apis/scale.binnacle.io/v1/namespaces/writes/widgets/scaled")
                                     << QStringLiteral("widget=scaled");
}

void TestApiSubresources::scaleSubresource() {
    QFETCH(QByteArray, object);
    QFETCH(QString, selector);

    if (object.startsWith("/apis/apps")) {
        QCOMPARE(m_cluster->post(deployments, deployment("scaled", 1, "scaled")).status, 201);
    } else {
        QCOMPARE(m_cluster
                     ->post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                            widgetCrd(QStringLiteral("scale.binnacle.io")))
                     .status,
                 201);
        QTRY_COMPARE_WITH_TIMEOUT(m_cluster->get("/apis/scale.binnacle.io/v1").status, 200, 2000);
        QJsonObject instance = widget(QStringLiteral("scale.binnacle.io"), QStringLiteral("scaled"), 1);
        instance.insert(QStringLiteral("status"),
                        QJsonObject{{"replicas", 1}, {"selector", "widget=scaled"}});
        QCOMPARE(m_cluster->post("/apis/scale.binnacle.io/v1/namespaces/writes/widgets", instance).status,
                 201);
        // Status is a subresource: the create dropped it; set it there.
        QCOMPARE(m_cluster
                     ->patch(object + "/status", "application/merge-patch+json",
                             R"({"status":{"replicas":1,"selector":"widget=scaled"}})")
                     .status,
                 200);
    }

    const WireResponse scale = m_cluster->get(object + "/scale");
    QVERIFY2(scale.status == 200, scale.body.constData());
    const QJsonObject view = scale.json();
    QCOMPARE(view.value(QLatin1String("kind")).toString(), QStringLiteral("Scale"));
    QCOMPARE(view.value(QLatin1String("apiVersion")).toString(), QStringLiteral("autoscaling/v1"));
    QCOMPARE(meta(view, QStringLiteral("name")).toString(), QStringLiteral("scaled"));
    QCOMPARE(meta(view, QStringLiteral("namespace")).toString(), QStringLiteral("writes"));
    const QJsonObject owner = m_cluster->get(object).json();
    QCOMPARE(meta(view, QStringLiteral("uid")), meta(owner, QStringLiteral("uid")));
    QCOMPARE(meta(view, QStringLiteral("resourceVersion")), meta(owner, QStringLiteral("resourceVersion")));
    QCOMPARE(view.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(), 1);
    QCOMPARE(view.value(QLatin1String("status")).toObject().value(QLatin1String("selector")).toString(),
             selector);

    // PUT a Scale.
    QJsonObject put = view;
    put.insert(QStringLiteral("spec"), QJsonObject{{"replicas", 5}});
    const WireResponse putResponse = m_cluster->put(object + "/scale", put);
    QVERIFY2(putResponse.status == 200, putResponse.body.constData());
    QCOMPARE(putResponse.json().value(QLatin1String("kind")).toString(), QStringLiteral("Scale"));
    QCOMPARE(
        putResponse.json().value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(),
        5);
    QCOMPARE(m_cluster->get(object)
                 .json()
                 .value(QLatin1String("spec"))
                 .toObject()
                 .value(QLatin1String("replicas"))
                 .toInt(),
             5);
    // The old Scale's resourceVersion is stale now.
    VERIFY_STATUS(m_cluster->put(object + "/scale", put), 409, QStringLiteral("Conflict"));

    // PATCH a Scale.
    const WireResponse patched =
        m_cluster->patch(object + "/scale", "application/merge-patch+json", R"({"spec":{"replicas":2}})");
    QVERIFY2(patched.status == 200, patched.body.constData());
    QCOMPARE(patched.json().value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(),
             2);
    QCOMPARE(m_cluster->get(object)
                 .json()
                 .value(QLatin1String("spec"))
                 .toObject()
                 .value(QLatin1String("replicas"))
                 .toInt(),
             2);

    // A negative replica count is invalid for a Deployment's Scale (ValidateScale); a CRD's Scale is only
    // checked against the CRD's own schema, which here has no minimum.
    if (!object.startsWith("/apis/apps")) {
        return;
    }
    VERIFY_STATUS(
        m_cluster->patch(object + "/scale", "application/merge-patch+json", R"({"spec":{"replicas":-1}})"),
        422, QStringLiteral("Invalid"));
}

void TestApiSubresources::customResourceDefinitionLifecycle() {
    const QString group = QStringLiteral("crd.binnacle.io");
    const QByteArray collection = "/apis/crd.binnacle.io/v1/namespaces/writes/widgets";
    QCOMPARE(m_cluster->get("/apis/crd.binnacle.io/v1").status, 404);
    QCOMPARE(
        m_cluster->post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCrd(group)).status,
        201);

    // Served at once: discovery and CRUD.
    const WireResponse resources = m_cluster->get("/apis/crd.binnacle.io/v1");
    QCOMPARE(resources.status, 200);
    QStringList names;
    for (const QJsonValue& resource : resources.json().value(QLatin1String("resources")).toArray()) {
        names.append(resource.toObject().value(QLatin1String("name")).toString());
    }
    names.sort();
    QCOMPARE(names, (QStringList{"widgets", "widgets/scale", "widgets/status"}));
    bool inGroupList = false;
    for (const QJsonValue& entry : m_cluster->get("/apis").json().value(QLatin1String("groups")).toArray()) {
        inGroupList = inGroupList || entry.toObject().value(QLatin1String("name")).toString() == group;
    }
    QVERIFY(inGroupList);

    QCOMPARE(m_cluster->post(collection, widget(group, QStringLiteral("one"), 1)).status, 201);
    QCOMPARE(m_cluster->post(collection, widget(group, QStringLiteral("two"), 2)).status, 201);
    const QJsonObject list = m_cluster->get(collection).json();
    QCOMPARE(list.value(QLatin1String("kind")).toString(), QStringLiteral("WidgetList"));
    QCOMPARE(list.value(QLatin1String("apiVersion")).toString(), QStringLiteral("crd.binnacle.io/v1"));
    QCOMPARE(itemNames(list), (QStringList{"one", "two"}));
    QCOMPARE(
        m_cluster->patch(collection + "/one", "application/merge-patch+json", R"({"spec":{"color":"red"}})")
            .status,
        200);
    QCOMPARE(m_cluster->get(collection + "/one")
                 .json()
                 .value(QLatin1String("spec"))
                 .toObject()
                 .value(QLatin1String("color"))
                 .toString(),
             QStringLiteral("red"));
    QCOMPARE(m_cluster->remove(collection + "/two").status, 200);
    QCOMPARE(m_cluster->get(collection + "/two").status, 404);

    // Deleting the CRD deletes its instances (DELETED for watchers) and stops serving it.
    WatchReader watch(m_cluster->access(), WireRequest{"GET",
                                                       collection + "?watch=1&resourceVersion=" +
                                                           QByteArray::number(m_cluster->resourceVersion()),
                                                       {},
                                                       {},
                                                       Credential::Admin});
    QCOMPARE(watch.head().status, 200);
    QCOMPARE(
        m_cluster->remove("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.crd.binnacle.io")
            .status,
        200);
    const auto deleted = watch.next(3000);
    QVERIFY(deleted);
    QCOMPARE(deleted->value(QLatin1String("type")).toString(), QStringLiteral("DELETED"));
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster->get("/apis/crd.binnacle.io/v1").status, 404, 3000);
    QCOMPARE(m_cluster->get(collection + "/one").status, 404);
    QCOMPARE(m_cluster->get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.crd.binnacle.io")
                 .status,
             404);
}

QTEST_GUILESS_MAIN(TestApiSubresources)
#include "tst_apisubresources.moc"
