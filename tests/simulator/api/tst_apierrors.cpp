// Error answers over the wire: the Status shape of every failure reason (NotFound, AlreadyExists, Conflict,
// Invalid, NotAcceptable), objects in missing namespaces, and paths that do not exist.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QJsonArray>
#include <QTest>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

namespace {
const QByteArray configMaps = "/api/v1/namespaces/errors/configmaps";
const QString widgetGroup = QStringLiteral("errors.binnacle.io");
} // namespace

class TestApiErrors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void notFound_data();
    void notFound();
    void alreadyExists();
    void staleUpdate();
    void invalid_data();
    void invalid();
    void missingNamespace();
    void unknownPath_data();
    void unknownPath();
    void notAcceptable_data();
    void notAcceptable();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiErrors::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject(QStringLiteral("errors"))).status, 201);
    QCOMPARE(m_cluster->post(configMaps, configMap(QStringLiteral("target"), {}, {{"a", "1"}})).status, 201);
    QCOMPARE(
        m_cluster->post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCrd(widgetGroup))
            .status,
        201);
    QCOMPARE(m_cluster
                 ->post("/apis/errors.binnacle.io/v1/namespaces/errors/widgets",
                        widget(widgetGroup, QStringLiteral("w1"), 1))
                 .status,
             201);
}

void TestApiErrors::notFound_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QJsonObject>("details");

    QTest::newRow("configmap") << QByteArray("/api/v1/namespaces/errors/configmaps/nope")
                               << QStringLiteral("configmaps \"nope\" not found")
                               << QJsonObject{{"name", "nope"}, {"kind", "configmaps"}};
    QTest::newRow("deployment") << QByteArray("/apis/apps/v1/namespaces/errors/deployments/nope")
                                << QStringLiteral("deployments.apps \"nope\" not found")
                                << QJsonObject{{"name", "nope"}, {"group", "apps"}, {"kind", "deployments"}};
    QTest::newRow("node") << QByteArray("/api/v1/nodes/nope") << QStringLiteral("nodes \"nope\" not found")
                          << QJsonObject{{"name", "nope"}, {"kind", "nodes"}};
    QTest::newRow("custom resource")
        << QByteArray("/apis/errors.binnacle.io/v1/namespaces/errors/widgets/nope")
        << QStringLiteral("widgets.errors.binnacle.io \"nope\" not found")
        << QJsonObject{{"name", "nope"}, {"group", "errors.binnacle.io"}, {"kind", "widgets"}};
    QTest::newRow("status of a missing deployment")
        << QByteArray("/apis/apps/v1/namespaces/errors/deployments/nope/status")
        << QStringLiteral("deployments.apps \"nope\" not found")
        << QJsonObject{{"name", "nope"}, {"group", "apps"}, {"kind", "deployments"}};
}

void TestApiErrors::notFound() {
    QFETCH(QByteArray, target);
    QFETCH(QString, message);
    QFETCH(QJsonObject, details);

    const WireResponse response = m_cluster->get(target);
    VERIFY_STATUS(response, 404, QStringLiteral("NotFound"), message);
    QCOMPARE(response.json().value(QLatin1String("details")).toObject(), details);
}

void TestApiErrors::alreadyExists() {
    QCOMPARE(m_cluster->post(configMaps, configMap(QStringLiteral("dup"))).status, 201);
    const WireResponse second = m_cluster->post(configMaps, configMap(QStringLiteral("dup")));
    VERIFY_STATUS(second, 409, QStringLiteral("AlreadyExists"),
                  QStringLiteral("configmaps \"dup\" already exists"));
    QCOMPARE(second.json().value(QLatin1String("details")).toObject(),
             (QJsonObject{{"name", "dup"}, {"kind", "configmaps"}}));

    const WireResponse deploymentFirst =
        m_cluster->post("/apis/apps/v1/namespaces/errors/deployments",
                        deployment(QStringLiteral("dup"), 1, QStringLiteral("dup")));
    QCOMPARE(deploymentFirst.status, 201);
    const WireResponse deploymentSecond =
        m_cluster->post("/apis/apps/v1/namespaces/errors/deployments",
                        deployment(QStringLiteral("dup"), 1, QStringLiteral("dup")));
    VERIFY_STATUS(deploymentSecond, 409, QStringLiteral("AlreadyExists"),
                  QStringLiteral("deployments.apps \"dup\" already exists"));
    QCOMPARE(deploymentSecond.json().value(QLatin1String("details")).toObject(),
             (QJsonObject{{"name", "dup"}, {"group", "apps"}, {"kind", "deployments"}}));
}

void TestApiErrors::staleUpdate() {
    const WireResponse created =
        m_cluster->post(configMaps, configMap(QStringLiteral("stale"), {}, {{"v", "1"}}));
    QCOMPARE(created.status, 201);
    QJsonObject object = created.json();
    object.insert(QStringLiteral("data"), QJsonObject{{"v", "2"}});
    const WireResponse first = m_cluster->put(configMaps + "/stale", object);
    QCOMPARE(first.status, 200);
    QVERIFY(meta(first.json(), QStringLiteral("resourceVersion")) !=
            meta(object, QStringLiteral("resourceVersion")));

    object.insert(QStringLiteral("data"), QJsonObject{{"v", "3"}}); // still the first resourceVersion
    const WireResponse second = m_cluster->put(configMaps + "/stale", object);
    VERIFY_STATUS(
        second, 409, QStringLiteral("Conflict"),
        QStringLiteral("Operation cannot be fulfilled on configmaps \"stale\": the object has been modified; "
                       "please apply your changes to the latest version and try again"));
    QCOMPARE(second.json().value(QLatin1String("details")).toObject(),
             (QJsonObject{{"name", "stale"}, {"kind", "configmaps"}}));
    QCOMPARE(m_cluster->get(configMaps + "/stale").json().value(QLatin1String("data")).toObject(),
             (QJsonObject{{"v", "2"}}));

    // A merge patch carrying a stale resourceVersion is a precondition too.
    const QByteArray stalePatch =
        R"({"metadata":{"resourceVersion":")" +
        meta(created.json(), QStringLiteral("resourceVersion")).toString().toLatin1() +
        R"("},"data":{"v":"4"}})";
    VERIFY_STATUS(m_cluster->patch(configMaps + "/stale", "application/merge-patch+json", stalePatch), 409,
                  QStringLiteral("Conflict"));
}

void TestApiErrors::invalid_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QJsonObject>("details"); // without causes
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("causeReason");

    QJsonObject negative = deployment(QStringLiteral("negative"), -1, QStringLiteral("negative"));
    QTest::newRow("deployment replicas -1")
        << QByteArray("/apis/apps/v1/namespaces/errors/deployments") << negative
        << QStringLiteral(
               "Deployment.apps \"negative\" is invalid: spec.replicas: Invalid value: -1: must be greater "
               "than or equal to 0")
        << QJsonObject{{"name", "negative"}, {"group", "apps"}, {"kind", "Deployment"}}
        << QStringLiteral("spec.replicas") << QStringLiteral("FieldValueInvalid");

    const QJsonObject pod{{"apiVersion", "v1"},
                          {"kind", "Pod"},
                          {"metadata", QJsonObject{{"name", "empty"}}},
                          {"spec", QJsonObject{{"containers", QJsonArray()}}}};
    QTest::newRow("pod without containers")
        << QByteArray("/api/v1/namespaces/errors/pods") << pod
        << QStringLiteral("Pod \"empty\" is invalid: spec.containers: Required value")
        << QJsonObject{{"name", "empty"}, {"kind", "Pod"}} << QStringLiteral("spec.containers")
        << QStringLiteral("FieldValueRequired");

    QTest::newRow("configmap with an invalid name")
        << configMaps << configMap(QStringLiteral("Bad_Name")) << QString()
        << QJsonObject{{"name", "Bad_Name"}, {"kind", "ConfigMap"}} << QStringLiteral("metadata.name")
        << QStringLiteral("FieldValueInvalid");
}

void TestApiErrors::invalid() {
    QFETCH(QByteArray, target);
    QFETCH(QJsonObject, body);
    QFETCH(QString, message);
    QFETCH(QJsonObject, details);
    QFETCH(QString, field);
    QFETCH(QString, causeReason);

    const WireResponse response = m_cluster->post(target, body);
    VERIFY_STATUS(response, 422, QStringLiteral("Invalid"), message);
    QJsonObject actualDetails = response.json().value(QLatin1String("details")).toObject();
    QVERIFY2(hasCause(response.json(), field, causeReason), response.body.constData());
    actualDetails.remove(QStringLiteral("causes"));
    QCOMPARE(actualDetails, details);
    QCOMPARE(m_cluster->get(target + '/' + details.value(QLatin1String("name")).toString().toLatin1()).status,
             404);
}

void TestApiErrors::missingNamespace() {
    const WireResponse response = m_cluster->post("/api/v1/namespaces/no-such-namespace/configmaps",
                                                  configMap(QStringLiteral("orphan")));
    VERIFY_STATUS(response, 404, QStringLiteral("NotFound"),
                  QStringLiteral("namespaces \"no-such-namespace\" not found"));
    QCOMPARE(response.json().value(QLatin1String("details")).toObject(),
             (QJsonObject{{"name", "no-such-namespace"}, {"kind", "namespaces"}}));
}

void TestApiErrors::unknownPath_data() {
    QTest::addColumn<QByteArray>("target");

    QTest::newRow("unknown resource") << QByteArray("/api/v1/namespaces/errors/gizmos");
    QTest::newRow("unknown group") << QByteArray("/apis/nowhere.example.com/v1/things");
    QTest::newRow("unknown version") << QByteArray("/apis/apps/v7/deployments");
    QTest::newRow("unknown core version") << QByteArray("/api/v2/pods");
    QTest::newRow("unknown subresource") << QByteArray("/api/v1/namespaces/errors/configmaps/target/bogus");
    QTest::newRow("too many segments")
        << QByteArray("/api/v1/namespaces/errors/configmaps/target/status/extra");
    QTest::newRow("not an API path") << QByteArray("/nonsense");
}

void TestApiErrors::unknownPath() {
    QFETCH(QByteArray, target);
    const WireResponse response = m_cluster->get(target);
    VERIFY_STATUS(response, 404, QStringLiteral("NotFound"),
                  QStringLiteral("the server could not find the requested resource"));
}

void TestApiErrors::notAcceptable_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("contentType");

    const QByteArray pod = "/api/v1/namespaces/errors/configmaps/target";
    const QByteArray widgets = "/apis/errors.binnacle.io/v1/namespaces/errors/widgets";
    QTest::newRow("xml") << pod << QByteArray("application/xml") << 406 << QByteArray("application/json");
    QTest::newRow("protobuf only, custom resources")
        << widgets << QByteArray("application/vnd.kubernetes.protobuf") << 406
        << QByteArray("application/json");
    QTest::newRow("protobuf with JSON fallback")
        << pod << QByteArray("application/vnd.kubernetes.protobuf, application/json") << 200
        << QByteArray("application/json");
    QTest::newRow("any") << pod << QByteArray("*/*") << 200 << QByteArray("application/json");
    QTest::newRow("Table of an unknown version")
        << pod << QByteArray("application/json;as=Table;v=v7;g=meta.k8s.io") << 406
        << QByteArray("application/json");
    QTest::newRow("yaml") << pod << QByteArray("application/yaml") << 200 << QByteArray("application/yaml");
}

void TestApiErrors::notAcceptable() {
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, accept);
    QFETCH(int, code);
    QFETCH(QByteArray, contentType);

    const WireResponse response = m_cluster->get(target, Credential::Admin, {{"Accept", accept}});
    if (code == 406) {
        VERIFY_STATUS(response, 406, QStringLiteral("NotAcceptable"));
        return;
    }
    QVERIFY2(response.status == code, response.body.constData());
    QCOMPARE(response.header("Content-Type"), contentType);
}

QTEST_GUILESS_MAIN(TestApiErrors)
#include "tst_apierrors.moc"
