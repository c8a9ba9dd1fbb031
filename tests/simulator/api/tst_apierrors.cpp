// Errors and bad input over the wire: authentication, authorization, Status shapes for every failure
// reason, request bodies the server must refuse, write options, and paths that do not exist.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

Q_DECLARE_METATYPE(binnacle::sim::apitest::Credential)

namespace {
const QByteArray configMaps = "/api/v1/namespaces/errors/configmaps";
const QString widgetGroup = QStringLiteral("errors.binnacle.io");
} // namespace

class TestApiErrors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void authentication_data();
    void authentication();
    void forbidden_data();
    void forbidden();
    void notFound_data();
    void notFound();
    void alreadyExists();
    void staleUpdate();
    void invalid_data();
    void invalid();
    void badRequestBody_data();
    void badRequestBody();
    void bodyTooLarge();
    void fieldValidation_data();
    void fieldValidation();
    void applyWithoutFieldManager();
    void dryRun_data();
    void dryRun();
    void missingNamespace();
    void generateName();
    void unknownPath_data();
    void unknownPath();
    void notAcceptable_data();
    void notAcceptable();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiErrors::initTestCase()
{
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject(QStringLiteral("errors"))).status, 201);
    QCOMPARE(m_cluster->post(configMaps, configMap(QStringLiteral("target"), {}, {{"a", "1"}})).status, 201);
    QCOMPARE(m_cluster->post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCrd(widgetGroup)).status,
             201);
    QCOMPARE(m_cluster->post("/apis/errors.binnacle.io/v1/namespaces/errors/widgets",
                             widget(widgetGroup, QStringLiteral("w1"), 1))
                 .status,
             201);
}

void TestApiErrors::authentication_data()
{
    QTest::addColumn<Credential>("credential");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");

    const QString unauthorized = QStringLiteral("Unauthorized");
    QTest::newRow("bad token, resource") << Credential::BadToken << QByteArray("/api/v1/namespaces/default/configmaps")
                                         << 401 << unauthorized << unauthorized;
    QTest::newRow("bad token, /version") << Credential::BadToken << QByteArray("/version") << 401 << unauthorized
                                         << unauthorized;
    QTest::newRow("certificate from another CA")
        << Credential::ForeignClientCertificate << QByteArray("/api/v1/namespaces") << 401 << unauthorized << unauthorized;
    // No credentials at all is the anonymous user (kube-apiserver's default --anonymous-auth=true): it is known
    // but may not list, which is 403, not 401.
    QTest::newRow("anonymous, resource")
        << Credential::Anonymous << QByteArray("/api/v1/namespaces/default/configmaps") << 403
        << QStringLiteral("Forbidden")
        << QStringLiteral("configmaps is forbidden: User \"system:anonymous\" cannot list resource \"configmaps\" in API "
                          "group \"\" in the namespace \"default\"");
    QTest::newRow("anonymous, /version") << Credential::Anonymous << QByteArray("/version") << 200 << QString()
                                         << QString();
    QTest::newRow("client certificate") << Credential::ClientCertificate << QByteArray("/api/v1/namespaces") << 200
                                        << QString() << QString();
}

void TestApiErrors::authentication()
{
    QFETCH(Credential, credential);
    QFETCH(QByteArray, target);
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(QString, message);

    const WireResponse response = m_cluster->get(target, credential);
    if (code == 200) {
        QCOMPARE(response.status, 200);
        return;
    }
    VERIFY_STATUS(response, code, reason, message);
}

void TestApiErrors::forbidden_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QJsonObject>("details");

    QTest::newRow("create configmap")
        << QByteArray("POST") << QByteArray("/api/v1/namespaces/default/configmaps")
        << compact(configMap(QStringLiteral("ro")))
        << QStringLiteral("configmaps is forbidden: User \"sim-readonly\" cannot create resource \"configmaps\" in API "
                          "group \"\" in the namespace \"default\"")
        << QJsonObject{{"kind", "configmaps"}};
    QTest::newRow("delete configmap")
        << QByteArray("DELETE") << QByteArray("/api/v1/namespaces/default/configmaps/kube-root-ca.crt") << QByteArray()
        << QStringLiteral("configmaps \"kube-root-ca.crt\" is forbidden: User \"sim-readonly\" cannot delete resource "
                          "\"configmaps\" in API group \"\" in the namespace \"default\"")
        << QJsonObject{{"name", "kube-root-ca.crt"}, {"kind", "configmaps"}};
    QTest::newRow("patch deployment scale")
        << QByteArray("PATCH") << QByteArray("/apis/apps/v1/namespaces/kube-system/deployments/coredns/scale")
        << QByteArray(R"({"spec":{"replicas":5}})")
        << QStringLiteral("deployments.apps \"coredns\" is forbidden: User \"sim-readonly\" cannot patch resource "
                          "\"deployments/scale\" in API group \"apps\" in the namespace \"kube-system\"")
        << QJsonObject{{"name", "coredns"}, {"group", "apps"}, {"kind", "deployments"}};
    QTest::newRow("create namespace")
        << QByteArray("POST") << QByteArray("/api/v1/namespaces") << compact(namespaceObject(QStringLiteral("ro-ns")))
        << QStringLiteral("namespaces is forbidden: User \"sim-readonly\" cannot create resource \"namespaces\" in API "
                          "group \"\" at the cluster scope")
        << QJsonObject{{"kind", "namespaces"}};
}

void TestApiErrors::forbidden()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QFETCH(QJsonObject, details);

    WireRequest request{method, target, body, {}, Credential::ReadOnly};
    if (!body.isEmpty()) {
        request.headers.append(header("Content-Type", method == "PATCH" ? "application/merge-patch+json" : "application/json"));
    }
    const WireResponse response = m_cluster->send(request);
    VERIFY_STATUS(response, 403, QStringLiteral("Forbidden"), message);
    // Empty detail fields are omitted, as Go's omitempty does.
    QCOMPARE(response.json().value(QLatin1String("details")).toObject(), details);
}

void TestApiErrors::notFound_data()
{
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
    QTest::newRow("custom resource") << QByteArray("/apis/errors.binnacle.io/v1/namespaces/errors/widgets/nope")
                                     << QStringLiteral("widgets.errors.binnacle.io \"nope\" not found")
                                     << QJsonObject{{"name", "nope"}, {"group", "errors.binnacle.io"}, {"kind", "widgets"}};
    QTest::newRow("status of a missing deployment")
        << QByteArray("/apis/apps/v1/namespaces/errors/deployments/nope/status")
        << QStringLiteral("deployments.apps \"nope\" not found")
        << QJsonObject{{"name", "nope"}, {"group", "apps"}, {"kind", "deployments"}};
}

void TestApiErrors::notFound()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, message);
    QFETCH(QJsonObject, details);

    const WireResponse response = m_cluster->get(target);
    VERIFY_STATUS(response, 404, QStringLiteral("NotFound"), message);
    QCOMPARE(response.json().value(QLatin1String("details")).toObject(), details);
}

void TestApiErrors::alreadyExists()
{
    QCOMPARE(m_cluster->post(configMaps, configMap(QStringLiteral("dup"))).status, 201);
    const WireResponse second = m_cluster->post(configMaps, configMap(QStringLiteral("dup")));
    VERIFY_STATUS(second, 409, QStringLiteral("AlreadyExists"), QStringLiteral("configmaps \"dup\" already exists"));
    QCOMPARE(second.json().value(QLatin1String("details")).toObject(),
             (QJsonObject{{"name", "dup"}, {"kind", "configmaps"}}));

    const WireResponse deploymentFirst = m_cluster->post("/apis/apps/v1/namespaces/errors/deployments",
                                                         deployment(QStringLiteral("dup"), 1, QStringLiteral("dup")));
    QCOMPARE(deploymentFirst.status, 201);
    const WireResponse deploymentSecond = m_cluster->post("/apis/apps/v1/namespaces/errors/deployments",
                                                          deployment(QStringLiteral("dup"), 1, QStringLiteral("dup")));
    VERIFY_STATUS(deploymentSecond, 409, QStringLiteral("AlreadyExists"),
                  QStringLiteral("deployments.apps \"dup\" already exists"));
    QCOMPARE(deploymentSecond.json().value(QLatin1String("details")).toObject(),
             (QJsonObject{{"name", "dup"}, {"group", "apps"}, {"kind", "deployments"}}));
}

void TestApiErrors::staleUpdate()
{
    const WireResponse created = m_cluster->post(configMaps, configMap(QStringLiteral("stale"), {}, {{"v", "1"}}));
    QCOMPARE(created.status, 201);
    QJsonObject object = created.json();
    object.insert(QStringLiteral("data"), QJsonObject{{"v", "2"}});
    const WireResponse first = m_cluster->put(configMaps + "/stale", object);
    QCOMPARE(first.status, 200);
    QVERIFY(meta(first.json(), QStringLiteral("resourceVersion")) != meta(object, QStringLiteral("resourceVersion")));

    object.insert(QStringLiteral("data"), QJsonObject{{"v", "3"}}); // still the first resourceVersion
    const WireResponse second = m_cluster->put(configMaps + "/stale", object);
    VERIFY_STATUS(second, 409, QStringLiteral("Conflict"),
                  QStringLiteral("Operation cannot be fulfilled on configmaps \"stale\": the object has been modified; "
                                 "please apply your changes to the latest version and try again"));
    QCOMPARE(second.json().value(QLatin1String("details")).toObject(),
             (QJsonObject{{"name", "stale"}, {"kind", "configmaps"}}));
    QCOMPARE(m_cluster->get(configMaps + "/stale").json().value(QLatin1String("data")).toObject(),
             (QJsonObject{{"v", "2"}}));

    // A merge patch carrying a stale resourceVersion is a precondition too.
    const QByteArray stalePatch = R"({"metadata":{"resourceVersion":")" +
                                  meta(created.json(), QStringLiteral("resourceVersion")).toString().toLatin1() +
                                  R"("},"data":{"v":"4"}})";
    VERIFY_STATUS(m_cluster->patch(configMaps + "/stale", "application/merge-patch+json", stalePatch), 409,
                  QStringLiteral("Conflict"));
}

void TestApiErrors::invalid_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QJsonObject>("details"); // without causes
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("causeReason");

    QJsonObject negative = deployment(QStringLiteral("negative"), -1, QStringLiteral("negative"));
    QTest::newRow("deployment replicas -1")
        << QByteArray("/apis/apps/v1/namespaces/errors/deployments") << negative
        << QStringLiteral("Deployment.apps \"negative\" is invalid: spec.replicas: Invalid value: -1: must be greater "
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

void TestApiErrors::invalid()
{
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
    QCOMPARE(m_cluster->get(target + '/' + details.value(QLatin1String("name")).toString().toLatin1()).status, 404);
}

void TestApiErrors::badRequestBody_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("messagePart");

    const QByteArray json = "application/json";
    const QString badRequest = QStringLiteral("BadRequest");
    QTest::newRow("malformed JSON") << QByteArray("POST") << configMaps << json
                                    << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap",)") << 400 << badRequest
                                    << QString();
    QTest::newRow("JSON array") << QByteArray("POST") << configMaps << json << QByteArray("[1,2]") << 400 << badRequest
                                << QString();
    QTest::newRow("apiVersion of another group")
        << QByteArray("POST") << configMaps << json
        << QByteArray(R"({"apiVersion":"apps/v1","kind":"ConfigMap","metadata":{"name":"x"}})") << 400 << badRequest
        << QStringLiteral("the API version in the data (apps/v1) does not match the expected API version (v1)");
    QTest::newRow("kind of another resource")
        << QByteArray("POST") << configMaps << json
        << QByteArray(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}})") << 400 << badRequest << QString();
    QTest::newRow("namespace differs from the path")
        << QByteArray("POST") << configMaps << json
        << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"default"}})") << 400
        << badRequest
        << QStringLiteral("the namespace of the provided object does not match the namespace sent on the request");
    QTest::newRow("name differs from the path")
        << QByteArray("PUT") << configMaps + "/target" << json
        << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"other"}})") << 400 << badRequest
        << QStringLiteral("the name of the object (other) does not match the name on the URL (target)");
    QTest::newRow("text body on create") << QByteArray("POST") << configMaps << QByteArray("text/plain")
                                         << QByteArray("name=x") << 415 << QStringLiteral("UnsupportedMediaType")
                                         << QString();
    QTest::newRow("unknown patch type") << QByteArray("PATCH") << configMaps + "/target" << QByteArray("application/xml")
                                        << QByteArray("<x/>") << 415 << QStringLiteral("UnsupportedMediaType")
                                        << QString();
    QTest::newRow("strategic merge on a custom resource")
        << QByteArray("PATCH") << QByteArray("/apis/errors.binnacle.io/v1/namespaces/errors/widgets/w1")
        << QByteArray("application/strategic-merge-patch+json") << QByteArray(R"({"spec":{"replicas":2}})") << 415
        << QStringLiteral("UnsupportedMediaType") << QString();
    QTest::newRow("force on a merge patch")
        << QByteArray("PATCH") << configMaps + "/target?force=true" << QByteArray("application/merge-patch+json")
        << QByteArray(R"({"data":{"b":"2"}})") << 422 << QStringLiteral("Invalid")
        << QStringLiteral("force: Forbidden: may not be specified for non-apply patch");
    QTest::newRow("bad dryRun on create") << QByteArray("POST") << configMaps + "?dryRun=Some" << json
                                          << compact(configMap(QStringLiteral("dry-bad"))) << 400 << badRequest
                                          << QStringLiteral("Invalid dry run value");
    QTest::newRow("bad dryRun on patch") << QByteArray("PATCH") << configMaps + "/target?dryRun=true"
                                         << QByteArray("application/merge-patch+json")
                                         << QByteArray(R"({"data":{"b":"2"}})") << 400 << badRequest
                                         << QStringLiteral("Invalid dry run value");
    QTest::newRow("bad dryRun on delete") << QByteArray("DELETE") << configMaps + "/target?dryRun=true" << QByteArray()
                                          << QByteArray() << 400 << badRequest << QStringLiteral("Invalid dry run value");
    QTest::newRow("bad fieldValidation") << QByteArray("POST") << configMaps + "?fieldValidation=Loose" << json
                                         << compact(configMap(QStringLiteral("fv-bad"))) << 400 << badRequest
                                         << QStringLiteral("fieldValidation");
    QTest::newRow("bad propagationPolicy")
        << QByteArray("DELETE") << configMaps + "/target?propagationPolicy=Sideways" << QByteArray() << QByteArray()
        << 422 << QStringLiteral("Invalid") << QStringLiteral("propagationPolicy");
    QTest::newRow("POST to an object path") << QByteArray("POST") << configMaps + "/target" << json
                                            << compact(configMap(QStringLiteral("target"))) << 405
                                            << QStringLiteral("MethodNotAllowed") << QString();
    QTest::newRow("bad label selector") << QByteArray("GET") << configMaps + "?labelSelector=a%20in%20(" << QByteArray()
                                        << QByteArray() << 400 << badRequest << QString();
}

void TestApiErrors::badRequestBody()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(QString, messagePart);

    // A row that wrongly deleted or changed the target must not spoil the rows after it.
    m_cluster->put(configMaps + "/target", configMap(QStringLiteral("target"), {}, {{"a", "1"}}));
    m_cluster->post(configMaps, configMap(QStringLiteral("target"), {}, {{"a", "1"}}));

    WireRequest request{method, target, body, {}, Credential::Admin};
    if (!contentType.isEmpty()) {
        request.headers.append(header("Content-Type", contentType));
    }
    const WireResponse response = m_cluster->send(request);
    VERIFY_STATUS(response, code, reason);
    const QString message = response.json().value(QLatin1String("message")).toString();
    QVERIFY2(message.contains(messagePart), qPrintable(message));
    // Nothing was written by a refused request.
    const WireResponse target2 = m_cluster->get(configMaps + "/target");
    QCOMPARE(target2.status, 200);
    QCOMPARE(target2.json().value(QLatin1String("data")).toObject(), (QJsonObject{{"a", "1"}}));
}

void TestApiErrors::bodyTooLarge()
{
    // kube-apiserver reads at most 3 MiB of a request body.
    QByteArray body = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"huge"},"data":{"x":")";
    body += QByteArray(3 * 1024 * 1024 + 1024, 'x');
    body += "\"}}";
    const WireResponse response = m_cluster->send(WireRequest{"POST", configMaps, body, {{"Content-Type", "application/json"}}});
    VERIFY_STATUS(response, 413, QStringLiteral("RequestEntityTooLarge"));
    QVERIFY2(!response.header("Audit-Id").isEmpty(), "413 without Audit-Id");
    QCOMPARE(m_cluster->get(configMaps + "/huge").status, 404);
}

void TestApiErrors::fieldValidation_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("code");
    QTest::addColumn<QList<QByteArray>>("warnings");

    const QList<QByteArray> unknown{QByteArray(R"(299 - "unknown field \"bogus\"")")};
    QTest::newRow("Strict") << QByteArray("?fieldValidation=Strict") << 400 << QList<QByteArray>();
    QTest::newRow("Warn") << QByteArray("?fieldValidation=Warn") << 201 << unknown;
    QTest::newRow("default is Warn") << QByteArray() << 201 << unknown;
    QTest::newRow("Ignore") << QByteArray("?fieldValidation=Ignore") << 201 << QList<QByteArray>();
}

void TestApiErrors::fieldValidation()
{
    QFETCH(QByteArray, query);
    QFETCH(int, code);
    QFETCH(QList<QByteArray>, warnings);

    const QString name = QStringLiteral("fv-%1").arg(QTest::currentDataTag()).toLower().replace(QLatin1Char(' '),
                                                                                                 QLatin1Char('-'));
    QJsonObject object = configMap(name);
    object.insert(QStringLiteral("bogus"), 1);
    const WireResponse response = m_cluster->post(configMaps + query, object);
    if (code == 400) {
        VERIFY_STATUS(response, 400, QStringLiteral("BadRequest"), QStringLiteral("strict decoding error: unknown field \"bogus\""));
        QCOMPARE(m_cluster->get(configMaps + '/' + name.toLatin1()).status, 404);
        return;
    }
    QCOMPARE(response.status, code);
    QCOMPARE(response.headerValues("Warning"), warnings);
    QVERIFY(!response.json().contains(QLatin1String("bogus")));
}

void TestApiErrors::applyWithoutFieldManager()
{
    const QByteArray apply = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"},"data":{"k":"v"}})";
    const WireResponse response = m_cluster->patch(configMaps + "/applied", "application/apply-patch+yaml", apply);
    VERIFY_STATUS(response, 422, QStringLiteral("Invalid"),
                  QStringLiteral("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required "
                                 "for apply patch"));
    QCOMPARE(response.json().value(QLatin1String("details")).toObject().value(QLatin1String("kind")).toString(),
             QStringLiteral("PatchOptions"));
    QVERIFY(hasCause(response.json(), QStringLiteral("fieldManager"), QStringLiteral("FieldValueRequired")));
    QCOMPARE(m_cluster->get(configMaps + "/applied").status, 404);
}

void TestApiErrors::dryRun_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");

    QTest::newRow("create") << QByteArray("POST") << configMaps + "?dryRun=All" << QByteArray("application/json")
                            << compact(configMap(QStringLiteral("dry-new"), {}, {{"a", "9"}})) << 201;
    QTest::newRow("update") << QByteArray("PUT") << configMaps + "/dry-target?dryRun=All"
                            << QByteArray("application/json")
                            << compact(configMap(QStringLiteral("dry-target"), {}, {{"a", "9"}})) << 200;
    QTest::newRow("merge patch") << QByteArray("PATCH") << configMaps + "/dry-target?dryRun=All"
                                 << QByteArray("application/merge-patch+json") << QByteArray(R"({"data":{"a":"9"}})")
                                 << 200;
    QTest::newRow("apply") << QByteArray("PATCH") << configMaps + "/dry-target?dryRun=All&fieldManager=dry&force=true"
                           << QByteArray("application/apply-patch+yaml")
                           << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry-target\ndata:\n  a: \"9\"\n")
                           << 200;
    QTest::newRow("delete") << QByteArray("DELETE") << configMaps + "/dry-target?dryRun=All" << QByteArray()
                            << QByteArray() << 200;
    QTest::newRow("delete, dryRun in the body")
        << QByteArray("DELETE") << configMaps + "/dry-target" << QByteArray("application/json")
        << QByteArray(R"({"kind":"DeleteOptions","apiVersion":"v1","dryRun":["All"]})") << 200;
}

void TestApiErrors::dryRun()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, code);

    m_cluster->post(configMaps, configMap(QStringLiteral("dry-target"), {}, {{"a", "1"}}));
    const WireResponse before = m_cluster->get(configMaps + "/dry-target");
    QCOMPARE(before.status, 200);
    const qint64 versionBefore = m_cluster->resourceVersion();

    WireRequest request{method, target, body, {}, Credential::Admin};
    if (!contentType.isEmpty()) {
        request.headers.append(header("Content-Type", contentType));
    }
    const WireResponse response = m_cluster->send(request);
    QVERIFY2(response.status == code, response.body.constData());
    if (method != "DELETE") {
        // The would-be object comes back ...
        QCOMPARE(response.json().value(QLatin1String("data")).toObject(), (QJsonObject{{"a", "9"}}));
    }
    // ... but nothing was stored and no resourceVersion was spent.
    QCOMPARE(m_cluster->resourceVersion(), versionBefore);
    QCOMPARE(m_cluster->get(configMaps + "/dry-new").status, 404);
    const WireResponse after = m_cluster->get(configMaps + "/dry-target");
    QCOMPARE(after.status, 200);
    QCOMPARE(after.json(), before.json());
}

void TestApiErrors::missingNamespace()
{
    const WireResponse response =
        m_cluster->post("/api/v1/namespaces/no-such-namespace/configmaps", configMap(QStringLiteral("orphan")));
    VERIFY_STATUS(response, 404, QStringLiteral("NotFound"), QStringLiteral("namespaces \"no-such-namespace\" not found"));
    QCOMPARE(response.json().value(QLatin1String("details")).toObject(),
             (QJsonObject{{"name", "no-such-namespace"}, {"kind", "namespaces"}}));
}

void TestApiErrors::generateName()
{
    QJsonObject object = configMap(QString());
    object.insert(QStringLiteral("metadata"), QJsonObject{{"generateName", "gen-"}});
    const WireResponse first = m_cluster->post(configMaps, object);
    const WireResponse second = m_cluster->post(configMaps, object);
    QCOMPARE(first.status, 201);
    QCOMPARE(second.status, 201);
    // Five characters from the apiserver's alphabet without vowels and look-alikes.
    const QRegularExpression generated(QStringLiteral("^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$"));
    const QString firstName = meta(first.json(), QStringLiteral("name")).toString();
    const QString secondName = meta(second.json(), QStringLiteral("name")).toString();
    QVERIFY2(generated.match(firstName).hasMatch(), qPrintable(firstName));
    QVERIFY2(generated.match(secondName).hasMatch(), qPrintable(secondName));
    QVERIFY(firstName != secondName);
    QCOMPARE(meta(first.json(), QStringLiteral("generateName")).toString(), QStringLiteral("gen-"));
    QCOMPARE(m_cluster->get(configMaps + '/' + firstName.toLatin1()).status, 200);

    // Neither a name nor a generateName: invalid.
    const WireResponse nameless = m_cluster->post(configMaps, configMap(QString()));
    VERIFY_STATUS(nameless, 422, QStringLiteral("Invalid"));
    QVERIFY(hasCause(nameless.json(), QStringLiteral("metadata.name"), QStringLiteral("FieldValueRequired")));
}

void TestApiErrors::unknownPath_data()
{
    QTest::addColumn<QByteArray>("target");

    QTest::newRow("unknown resource") << QByteArray("/api/v1/namespaces/errors/gizmos");
    QTest::newRow("unknown group") << QByteArray("/apis/nowhere.example.com/v1/things");
    QTest::newRow("unknown version") << QByteArray("/apis/apps/v7/deployments");
    QTest::newRow("unknown core version") << QByteArray("/api/v2/pods");
    QTest::newRow("unknown subresource") << QByteArray("/api/v1/namespaces/errors/configmaps/target/bogus");
    QTest::newRow("too many segments") << QByteArray("/api/v1/namespaces/errors/configmaps/target/status/extra");
    QTest::newRow("not an API path") << QByteArray("/nonsense");
}

void TestApiErrors::unknownPath()
{
    QFETCH(QByteArray, target);
    const WireResponse response = m_cluster->get(target);
    VERIFY_STATUS(response, 404, QStringLiteral("NotFound"), QStringLiteral("the server could not find the requested resource"));
}

void TestApiErrors::notAcceptable_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("contentType");

    const QByteArray pod = "/api/v1/namespaces/errors/configmaps/target";
    const QByteArray widgets = "/apis/errors.binnacle.io/v1/namespaces/errors/widgets";
    QTest::newRow("xml") << pod << QByteArray("application/xml") << 406 << QByteArray("application/json");
    QTest::newRow("protobuf only, custom resources") << widgets << QByteArray("application/vnd.kubernetes.protobuf")
                                                     << 406 << QByteArray("application/json");
    QTest::newRow("protobuf with JSON fallback")
        << pod << QByteArray("application/vnd.kubernetes.protobuf, application/json") << 200
        << QByteArray("application/json");
    QTest::newRow("any") << pod << QByteArray("*/*") << 200 << QByteArray("application/json");
    QTest::newRow("Table of an unknown version")
        << pod << QByteArray("application/json;as=Table;v=v7;g=meta.k8s.io") << 406 << QByteArray("application/json");
    QTest::newRow("yaml") << pod << QByteArray("application/yaml") << 200 << QByteArray("application/yaml");
}

void TestApiErrors::notAcceptable()
{
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
