// Bad input over the wire: request bodies and write options the server must refuse (malformed JSON, wrong
// kind or version, oversized bodies, unsupported patch types, bad dryRun and fieldValidation values), strict
// field validation, apply without a field manager, dry runs that persist nothing, and generateName.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

namespace {
const QByteArray configMaps = "/api/v1/namespaces/errors/configmaps";
const QString widgetGroup = QStringLiteral("errors.binnacle.io");
} // namespace

class TestApiBadInput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void badRequestBody_data();
    void badRequestBody();
    void bodyTooLarge();
    void fieldValidation_data();
    void fieldValidation();
    void applyWithoutFieldManager();
    void dryRun_data();
    void dryRun();
    void generateName();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiBadInput::initTestCase() {
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

void TestApiBadInput::badRequestBody_data() {
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
                                    << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap",)") << 400
                                    << badRequest << QString();
    QTest::newRow("JSON array") << QByteArray("POST") << configMaps << json << QByteArray("[1,2]") << 400
                                << badRequest << QString();
    QTest::newRow("apiVersion of another group")
        << QByteArray("POST") << configMaps << json
        << QByteArray(R"({"apiVersion":"apps/v1","kind":"ConfigMap","metadata":{"name":"x"}})") << 400
        << badRequest
        << QStringLiteral(
               "the API version in the data (apps/v1) does not match the expected API version (v1)");
    QTest::newRow("kind of another resource")
        << QByteArray("POST") << configMaps << json
        << QByteArray(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}})") << 400 << badRequest
        << QString();
    QTest::newRow("namespace differs from the path")
        << QByteArray("POST") << configMaps << json
        << QByteArray(
               R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"default"}})")
        << 400 << badRequest
        << QStringLiteral(
               "the namespace of the provided object does not match the namespace sent on the request");
    QTest::newRow("name differs from the path")
        << QByteArray("PUT") << configMaps + "/target" << json
        << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"other"}})") << 400
        << badRequest
        << QStringLiteral("the name of the object (other) does not match the name on the URL (target)");
    QTest::newRow("text body on create")
        << QByteArray("POST") << configMaps << QByteArray("text/plain") << QByteArray("name=x") << 415
        << QStringLiteral("UnsupportedMediaType") << QString();
    QTest::newRow("unknown patch type")
        << QByteArray("PATCH") << configMaps + "/target" << QByteArray("application/xml")
        << QByteArray("<x/>") << 415 << QStringLiteral("UnsupportedMediaType") << QString();
    QTest::newRow("strategic merge on a custom resource")
        << QByteArray("PATCH") << QByteArray("/apis/errors.binnacle.io/v1/namespaces/errors/widgets/w1")
        << QByteArray("application/strategic-merge-patch+json") << QByteArray(R"({"spec":{"replicas":2}})")
        << 415 << QStringLiteral("UnsupportedMediaType") << QString();
    QTest::newRow("force on a merge patch")
        << QByteArray("PATCH") << configMaps + "/target?force=true"
        << QByteArray("application/merge-patch+json") << QByteArray(R"({"data":{"b":"2"}})") << 422
        << QStringLiteral("Invalid")
        << QStringLiteral("force: Forbidden: may not be specified for non-apply patch");
    QTest::newRow("bad dryRun on create") << QByteArray("POST") << configMaps + "?dryRun=Some" << json
                                          << compact(configMap(QStringLiteral("dry-bad"))) << 400
                                          << badRequest << QStringLiteral("Invalid dry run value");
    QTest::newRow("bad dryRun on patch")
        << QByteArray("PATCH") << configMaps + "/target?dryRun=true"
        << QByteArray("application/merge-patch+json") << QByteArray(R"({"data":{"b":"2"}})") << 400
        << badRequest << QStringLiteral("Invalid dry run value");
    QTest::newRow("bad dryRun on delete")
        << QByteArray("DELETE") << configMaps + "/target?dryRun=true" << QByteArray() << QByteArray() << 400
        << badRequest << QStringLiteral("Invalid dry run value");
    QTest::newRow("bad fieldValidation") << QByteArray("POST") << configMaps + "?fieldValidation=Loose"
                                         << json << compact(configMap(QStringLiteral("fv-bad"))) << 400
                                         << badRequest << QStringLiteral("fieldValidation");
    QTest::newRow("bad propagationPolicy")
        << QByteArray("DELETE") << configMaps + "/target?propagationPolicy=Sideways" << QByteArray()
        << QByteArray() << 422 << QStringLiteral("Invalid") << QStringLiteral("propagationPolicy");
    QTest::newRow("POST to an object path") << QByteArray("POST") << configMaps + "/target" << json
                                            << compact(configMap(QStringLiteral("target"))) << 405
                                            << QStringLiteral("MethodNotAllowed") << QString();
    QTest::newRow("bad label selector") << QByteArray("GET") << configMaps + "?labelSelector=a%20in%20("
                                        << QByteArray() << QByteArray() << 400 << badRequest << QString();
}

void TestApiBadInput::badRequestBody() {
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

void TestApiBadInput::bodyTooLarge() {
    // kube-apiserver reads at most 3 MiB of a request body.
    QByteArray body = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"huge"},"data":{"x":")";
    body += QByteArray(3 * 1024 * 1024 + 1024, 'x');
    body += "\"}}";
    const WireResponse response =
        m_cluster->send(WireRequest{"POST", configMaps, body, {{"Content-Type", "application/json"}}});
    VERIFY_STATUS(response, 413, QStringLiteral("RequestEntityTooLarge"));
    QVERIFY2(!response.header("Audit-Id").isEmpty(), "413 without Audit-Id");
    QCOMPARE(m_cluster->get(configMaps + "/huge").status, 404);
}

void TestApiBadInput::fieldValidation_data() {
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("code");
    QTest::addColumn<QList<QByteArray>>("warnings");

    const QList<QByteArray> unknown{QByteArray(R"(299 - "unknown field \"bogus\"")")};
    QTest::newRow("Strict") << QByteArray("?fieldValidation=Strict") << 400 << QList<QByteArray>();
    QTest::newRow("Warn") << QByteArray("?fieldValidation=Warn") << 201 << unknown;
    QTest::newRow("default is Warn") << QByteArray() << 201 << unknown;
    QTest::newRow("Ignore") << QByteArray("?fieldValidation=Ignore") << 201 << QList<QByteArray>();
}

void TestApiBadInput::fieldValidation() {
    QFETCH(QByteArray, query);
    QFETCH(int, code);
    QFETCH(QList<QByteArray>, warnings);

    const QString name = QStringLiteral("fv-%1")
                             .arg(QTest::currentDataTag())
                             .toLower()
                             .replace(QLatin1Char(' '), QLatin1Char('-'));
    QJsonObject object = configMap(name);
    object.insert(QStringLiteral("bogus"), 1);
    const WireResponse response = m_cluster->post(configMaps + query, object);
    if (code == 400) {
        VERIFY_STATUS(response, 400, QStringLiteral("BadRequest"),
                      QStringLiteral("strict decoding error: unknown field \"bogus\""));
        QCOMPARE(m_cluster->get(configMaps + '/' + name.toLatin1()).status, 404);
        return;
    }
    QCOMPARE(response.status, code);
    QCOMPARE(response.headerValues("Warning"), warnings);
    QVERIFY(!response.json().contains(QLatin1String("bogus")));
}

void TestApiBadInput::applyWithoutFieldManager() {
    const QByteArray apply =
        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"},"data":{"k":"v"}})";
    const WireResponse response =
        m_cluster->patch(configMaps + "/applied", "application/apply-patch+yaml", apply);
    VERIFY_STATUS(
        response, 422, QStringLiteral("Invalid"),
        QStringLiteral("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required "
                       "for apply patch"));
    QCOMPARE(
        response.json().value(QLatin1String("details")).toObject().value(QLatin1String("kind")).toString(),
        QStringLiteral("PatchOptions"));
    QVERIFY(hasCause(response.json(), QStringLiteral("fieldManager"), QStringLiteral("FieldValueRequired")));
    QCOMPARE(m_cluster->get(configMaps + "/applied").status, 404);
}

void TestApiBadInput::dryRun_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");

    QTest::newRow("create") << QByteArray("POST") << configMaps + "?dryRun=All"
                            << QByteArray("application/json")
                            << compact(configMap(QStringLiteral("dry-new"), {}, {{"a", "9"}})) << 201;
    QTest::newRow("update") << QByteArray("PUT") << configMaps + "/dry-target?dryRun=All"
                            << QByteArray("application/json")
                            << compact(configMap(QStringLiteral("dry-target"), {}, {{"a", "9"}})) << 200;
    QTest::newRow("merge patch") << QByteArray("PATCH") << configMaps + "/dry-target?dryRun=All"
                                 << QByteArray("application/merge-patch+json")
                                 << QByteArray(R"({"data":{"a":"9"}})") << 200;
    QTest::newRow("apply")
        << QByteArray("PATCH") << configMaps + "/dry-target?dryRun=All&fieldManager=dry&force=true"
        << QByteArray("application/apply-patch+yaml")
        << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry-target\ndata:\n  a: \"9\"\n")
        << 200;
    QTest::newRow("delete") << QByteArray("DELETE") << configMaps + "/dry-target?dryRun=All" << QByteArray()
                            << QByteArray() << 200;
    QTest::newRow("delete, dryRun in the body")
        << QByteArray("DELETE") << configMaps + "/dry-target" << QByteArray("application/json")
        << QByteArray(R"({"kind":"DeleteOptions","apiVersion":"v1","dryRun":["All"]})") << 200;
}

void TestApiBadInput::dryRun() {
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

void TestApiBadInput::generateName() {
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

QTEST_GUILESS_MAIN(TestApiBadInput)
#include "tst_apibadinput.moc"
