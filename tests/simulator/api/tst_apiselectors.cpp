// Label and field selectors on lists over the wire: every label operator, the field selectors of pods, events
// and secrets, and unsupported fields.
#include "apitestcluster.h"
#include "statusassert.h"

#include <QJsonArray>
#include <QTest>
#include <QUrl>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

namespace {
QByteArray encoded(const QString& text) {
    return QUrl::toPercentEncoding(text);
}
} // namespace

class TestApiSelectors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void labelSelectors_data();
    void labelSelectors();
    void fieldSelectors_data();
    void fieldSelectors();

private:
    std::unique_ptr<ApiTestCluster> m_cluster;
};

void TestApiSelectors::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject("selectors")).status, 201);

    // Label selector fixtures: a, b, c labelled, d without labels.
    const QByteArray selectorMaps = "/api/v1/namespaces/selectors/configmaps";
    QCOMPARE(
        m_cluster->post(selectorMaps, configMap("a", {{"app", "web"}, {"tier", "front"}, {"env", "prod"}}))
            .status,
        201);
    QCOMPARE(
        m_cluster->post(selectorMaps, configMap("b", {{"app", "web"}, {"tier", "back"}, {"env", "staging"}}))
            .status,
        201);
    QCOMPARE(m_cluster->post(selectorMaps, configMap("c", {{"app", "db"}, {"env", "dev"}})).status, 201);
    QCOMPARE(m_cluster->post(selectorMaps, configMap("d")).status, 201);

    // Field selector fixtures: two pods with different phases and nodes, an event, two secrets.
    for (const auto& [name, node, phase] :
         {std::tuple{"p1", "node-x", "Running"}, std::tuple{"p2", "node-y", "Pending"}}) {
        const QJsonObject pod{
            {"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", QJsonObject{{"name", name}}},
            {"spec",
             QJsonObject{{"nodeName", node},
                         {"containers", QJsonArray{QJsonObject{{"name", "c"}, {"image", "busybox"}}}}}}};
        QCOMPARE(m_cluster->post("/api/v1/namespaces/selectors/pods", pod).status, 201);
        const QByteArray status = R"({"status":{"phase":")" + QByteArray(phase) + R"("}})";
        QCOMPARE(m_cluster
                     ->patch("/api/v1/namespaces/selectors/pods/" + QByteArray(name) + "/status",
                             "application/merge-patch+json", status)
                     .status,
                 200);
    }
    const QJsonObject event{
        {"apiVersion", "v1"},
        {"kind", "Event"},
        {"metadata", QJsonObject{{"name", "p1.started"}}},
        {"involvedObject", QJsonObject{{"kind", "Pod"}, {"name", "p1"}, {"namespace", "selectors"}}},
        {"reason", "Started"},
        {"message", "Started container c"},
        {"type", "Normal"}};
    QCOMPARE(m_cluster->post("/api/v1/namespaces/selectors/events", event).status, 201);
    const QJsonObject tls{{"apiVersion", "v1"},
                          {"kind", "Secret"},
                          {"metadata", QJsonObject{{"name", "tls-one"}}},
                          {"type", "kubernetes.io/tls"},
                          {"data", QJsonObject{{"tls.crt", "Y2VydA=="}, {"tls.key", "a2V5"}}}};
    const QJsonObject opaque{{"apiVersion", "v1"},
                             {"kind", "Secret"},
                             {"metadata", QJsonObject{{"name", "opaque-one"}}},
                             {"type", "Opaque"},
                             {"data", QJsonObject{{"x", "eA=="}}}};
    QCOMPARE(m_cluster->post("/api/v1/namespaces/selectors/secrets", tls).status, 201);
    QCOMPARE(m_cluster->post("/api/v1/namespaces/selectors/secrets", opaque).status, 201);
}

void TestApiSelectors::labelSelectors_data() {
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QStringList>("names");

    QTest::newRow("equals") << QStringLiteral("app=web") << QStringList{"a", "b"};
    QTest::newRow("double equals") << QStringLiteral("app==web") << QStringList{"a", "b"};
    QTest::newRow("not equals, missing label matches") << QStringLiteral("app!=web") << QStringList{"c", "d"};
    QTest::newRow("in") << QStringLiteral("env in (prod,staging)") << QStringList{"a", "b"};
    QTest::newRow("notin, missing label matches")
        << QStringLiteral("env notin (prod)") << QStringList{"b", "c", "d"};
    QTest::newRow("exists") << QStringLiteral("tier") << QStringList{"a", "b"};
    QTest::newRow("does not exist") << QStringLiteral("!tier") << QStringList{"c", "d"};
    QTest::newRow("and") << QStringLiteral("app=web,tier=back") << QStringList{"b"};
    QTest::newRow("set and inequality")
        << QStringLiteral("app in (web, db),env!=prod") << QStringList{"b", "c"};
    QTest::newRow("nothing") << QStringLiteral("app=none") << QStringList{};
    QTest::newRow("empty selector") << QString() << QStringList{"a", "b", "c", "d"};
}

void TestApiSelectors::labelSelectors() {
    QFETCH(QString, selector);
    QFETCH(QStringList, names);

    const WireResponse response =
        m_cluster->get("/api/v1/namespaces/selectors/configmaps?labelSelector=" + encoded(selector));
    QVERIFY2(response.status == 200, response.body.constData());
    QCOMPARE(itemNames(response.json()), names);
}

void TestApiSelectors::fieldSelectors_data() {
    QTest::addColumn<QByteArray>("collection");
    QTest::addColumn<QString>("selector");
    QTest::addColumn<int>("code");
    QTest::addColumn<QStringList>("names");

    const QByteArray maps = "/api/v1/namespaces/selectors/configmaps";
    const QByteArray pods = "/api/v1/namespaces/selectors/pods";
    QTest::newRow("metadata.name") << maps << QStringLiteral("metadata.name=a") << 200 << QStringList{"a"};
    QTest::newRow("metadata.name ==")
        << maps << QStringLiteral("metadata.name==b") << 200 << QStringList{"b"};
    QTest::newRow("metadata.name !=")
        << maps << QStringLiteral("metadata.name!=a") << 200 << QStringList{"b", "c", "d"};
    QTest::newRow("metadata.namespace across namespaces")
        << QByteArray("/api/v1/configmaps") << QStringLiteral("metadata.namespace=selectors") << 200
        << QStringList{"a", "b", "c", "d"};
    QTest::newRow("pod status.phase")
        << pods << QStringLiteral("status.phase=Running") << 200 << QStringList{"p1"};
    QTest::newRow("pod status.phase !=")
        << pods << QStringLiteral("status.phase!=Running") << 200 << QStringList{"p2"};
    QTest::newRow("pod spec.nodeName")
        << pods << QStringLiteral("spec.nodeName=node-y") << 200 << QStringList{"p2"};
    QTest::newRow("pod two fields") << pods << QStringLiteral("spec.nodeName=node-x,status.phase=Pending")
                                    << 200 << QStringList{};
    QTest::newRow("event involvedObject.name")
        << QByteArray("/api/v1/namespaces/selectors/events") << QStringLiteral("involvedObject.name=p1")
        << 200 << QStringList{"p1.started"};
    QTest::newRow("event involvedObject.kind and reason")
        << QByteArray("/api/v1/namespaces/selectors/events")
        << QStringLiteral("involvedObject.kind=Pod,reason=Started") << 200 << QStringList{"p1.started"};
    QTest::newRow("secret type") << QByteArray("/api/v1/namespaces/selectors/secrets")
                                 << QStringLiteral("type=kubernetes.io/tls") << 200 << QStringList{"tls-one"};
    QTest::newRow("unsupported field") << maps << QStringLiteral("spec.foo=bar") << 400 << QStringList{};
    QTest::newRow("pod field on configmaps")
        << maps << QStringLiteral("status.phase=Running") << 400 << QStringList{};
    QTest::newRow("set operator") << maps << QStringLiteral("metadata.name in (a)") << 400 << QStringList{};
}

void TestApiSelectors::fieldSelectors() {
    QFETCH(QByteArray, collection);
    QFETCH(QString, selector);
    QFETCH(int, code);
    QFETCH(QStringList, names);

    const WireResponse response = m_cluster->get(collection + "?fieldSelector=" + encoded(selector));
    if (code == 400) {
        VERIFY_STATUS(response, 400, QStringLiteral("BadRequest"));
        return;
    }
    QVERIFY2(response.status == 200, response.body.constData());
    QCOMPARE(itemNames(response.json()), names);
}

QTEST_GUILESS_MAIN(TestApiSelectors)
#include "tst_apiselectors.moc"
