// Discovery documents captured from an in-process simulator over real TLS (aggregated v2 and v2beta1, and the
// legacy documents), parsed into a DiscoveryModel, resolved like kubectl, and round-tripped through the
// cache.
#include "discoverycache.h"
#include "discoverymodel.h"
#include "restmapper.h"
#include "simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace binnacle::client;

namespace {

const QByteArray acceptV2 =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
const QByteArray acceptV2Beta1 =
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

QJsonObject widgetCrd() {
    const QJsonObject version{
        {QStringLiteral("name"), QStringLiteral("v1")},
        {QStringLiteral("served"), true},
        {QStringLiteral("storage"), true},
        {QStringLiteral("schema"),
         QJsonObject{{QStringLiteral("openAPIV3Schema"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                  {QStringLiteral("x-kubernetes-preserve-unknown-fields"), true}}}}},
        {QStringLiteral("subresources"), QJsonObject{{QStringLiteral("status"), QJsonObject()}}}};
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("apiextensions.k8s.io/v1")},
        {QStringLiteral("kind"), QStringLiteral("CustomResourceDefinition")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("widgets.example.com")}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("group"), QStringLiteral("example.com")},
                     {QStringLiteral("scope"), QStringLiteral("Namespaced")},
                     {QStringLiteral("names"),
                      QJsonObject{{QStringLiteral("plural"), QStringLiteral("widgets")},
                                  {QStringLiteral("singular"), QStringLiteral("widget")},
                                  {QStringLiteral("kind"), QStringLiteral("Widget")},
                                  {QStringLiteral("listKind"), QStringLiteral("WidgetList")},
                                  {QStringLiteral("shortNames"), QJsonArray{QStringLiteral("wdg")}},
                                  {QStringLiteral("categories"), QJsonArray{QStringLiteral("gadgets")}}}},
                     {QStringLiteral("versions"), QJsonArray{version}}}}};
}

QString describe(const ApiResource& r) {
    return QStringLiteral("%1/%2 %3 %4 %5 [%6] {%7}")
        .arg(r.group, r.version, r.resource, r.kind,
             r.namespaced ? QStringLiteral("ns") : QStringLiteral("cluster"), r.verbs.join(QLatin1Char(',')),
             r.shortNames.join(QLatin1Char(',')));
}

QStringList describeAll(const QList<ApiResource>& resources) {
    QStringList all;
    for (const ApiResource& r : resources) {
        all.append(describe(r));
    }
    return all;
}

} // namespace

class TestDiscovery : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aggregatedIsAnnounced_data();
    void aggregatedIsAnnounced();
    void resolves_data();
    void resolves();
    void describesResources_data();
    void describesResources();
    void legacyAndAggregatedAgree();
    void unknownInputIsAnError();
    void cacheRoundTrip();
    void cacheMissAndCorruption();

private:
    struct Response {
        int status = 0;
        DiscoveryDocument document;
    };
    Response get(const QString& path, const QByteArray& accept, const QByteArray& ifNoneMatch = {});
    QByteArray post(const QString& path, const QJsonObject& body);
    DiscoveryModel discover(const QString& mode);

    std::unique_ptr<binnacle::sim::Simulator> m_simulator;
    QNetworkAccessManager m_network;
    QSslConfiguration m_tls;
};

TestDiscovery::Response TestDiscovery::get(const QString& path, const QByteArray& accept,
                                           const QByteArray& ifNoneMatch) {
    QNetworkRequest request(QUrl(m_simulator->serverUrl() + path));
    request.setSslConfiguration(m_tls);
    request.setRawHeader("Authorization", "Bearer " + m_simulator->credentials().adminToken.toUtf8());
    request.setRawHeader("Accept", accept);
    if (!ifNoneMatch.isEmpty()) {
        request.setRawHeader("If-None-Match", ifNoneMatch);
    }
    QNetworkReply* reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(10000);
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.document =
        DiscoveryDocument{path, reply->rawHeader("Content-Type"), reply->rawHeader("ETag"), reply->readAll()};
    reply->deleteLater();
    return response;
}

QByteArray TestDiscovery::post(const QString& path, const QJsonObject& body) {
    QNetworkRequest request(QUrl(m_simulator->serverUrl() + path));
    request.setSslConfiguration(m_tls);
    request.setRawHeader("Authorization", "Bearer " + m_simulator->credentials().adminToken.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply* reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(10000);
    reply->deleteLater();
    return reply->readAll();
}

// The whole discovery of the simulator, the way a client would fetch it in the given mode.
DiscoveryModel TestDiscovery::discover(const QString& mode) {
    DiscoveryModel model;
    QString error;
    if (mode == QLatin1String("legacy")) {
        for (const QString& path : {QStringLiteral("/api"), QStringLiteral("/apis")}) {
            const Response response = get(path, "application/json");
            if (!model.addDocument(response.document, &error)) {
                qWarning() << error;
            }
        }
        for (const QString& path : model.missingResourceListPaths()) {
            if (!model.addDocument(get(path, "application/json").document, &error)) {
                qWarning() << error;
            }
        }
        return model;
    }
    const QByteArray accept = mode == QLatin1String("v2beta1") ? acceptV2Beta1 : acceptV2;
    for (const QString& path : {QStringLiteral("/api"), QStringLiteral("/apis")}) {
        if (!model.addDocument(get(path, accept).document, &error)) {
            qWarning() << error;
        }
    }
    return model;
}

void TestDiscovery::initTestCase() {
    binnacle::sim::SimulatorOptions options;
    options.controllers = false;
    m_simulator = std::make_unique<binnacle::sim::Simulator>(options);
    QString error;
    QVERIFY2(m_simulator->start(&error), qPrintable(error));
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.setCaCertificates(QSslCertificate::fromData(m_simulator->credentials().caPem));

    post(QStringLiteral("/apis/apiextensions.k8s.io/v1/customresourcedefinitions"), widgetCrd());
    QTRY_VERIFY_WITH_TIMEOUT(get(QStringLiteral("/apis"), acceptV2).document.body.contains("\"widgets\""),
                             10000);
}

void TestDiscovery::aggregatedIsAnnounced_data() {
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<QByteArray>("version");
    QTest::newRow("v2") << acceptV2 << QByteArray("v=v2;");
    QTest::newRow("v2beta1") << acceptV2Beta1 << QByteArray("v=v2beta1;");
}

void TestDiscovery::aggregatedIsAnnounced() {
    QFETCH(QByteArray, accept);
    QFETCH(QByteArray, version);
    const Response response = get(QStringLiteral("/apis"), accept);
    QCOMPARE(response.status, 200);
    QVERIFY2(response.document.contentType.contains(version), response.document.contentType.constData());
    QVERIFY(!response.document.etag.isEmpty());
    // The stored ETag revalidates: this is what the cache keeps it for.
    QCOMPARE(get(QStringLiteral("/apis"), accept, response.document.etag).status, 304);
}

void TestDiscovery::resolves_data() {
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("groupResource");
    QTest::addColumn<QString>("version");

    for (const char* mode : {"v2", "v2beta1", "legacy"}) {
        const auto row = [&](const char* input, const char* groupResource, const char* version) {
            QTest::addRow("%s %s", mode, input) << mode << input << groupResource << version;
        };
        row("po", "pods", "v1");
        row("pods", "pods", "v1");
        row("pod", "pods", "v1");
        row("Pod", "pods", "v1");
        row("deploy", "deployments.apps", "v1");
        row("deploy.apps", "deployments.apps", "v1");
        row("deployments.apps", "deployments.apps", "v1");
        row("deployments.v1.apps", "deployments.apps", "v1");
        row("Deployment", "deployments.apps", "v1");
        row("svc", "services", "v1");
        row("ns", "namespaces", "v1");
        row("events", "events", "v1"); // core wins over events.k8s.io
        row("Widget", "widgets.example.com", "v1");
        row("wdg", "widgets.example.com", "v1");
        row("widgets.example.com", "widgets.example.com", "v1");
        row("widgets.v1.example.com", "widgets.example.com", "v1");
    }
}

void TestDiscovery::resolves() {
    QFETCH(QString, mode);
    QFETCH(QString, input);
    const RestMapper mapper(discover(mode));
    QString error;
    const auto resource = mapper.resourceFor(input, &error);
    QVERIFY2(resource, qPrintable(error));
    QTEST(resource->groupResource(), "groupResource");
    QTEST(resource->version, "version");
}

void TestDiscovery::describesResources_data() {
    QTest::addColumn<QString>("mode");
    QTest::newRow("v2") << "v2";
    QTest::newRow("v2beta1") << "v2beta1";
    QTest::newRow("legacy") << "legacy";
}

void TestDiscovery::describesResources() {
    QFETCH(QString, mode);
    const DiscoveryModel model = discover(mode);
    QCOMPARE(model.isAggregated(), mode != QLatin1String("legacy"));
    QVERIFY(model.missingResourceListPaths().isEmpty());
    QCOMPARE(model.groups().first().name, QString()); // core first
    QCOMPARE(model.group(QStringLiteral("apps"))->preferredVersion, QStringLiteral("v1"));
    const RestMapper mapper(model);

    const auto deployments = mapper.resourceFor(QStringLiteral("deployments.apps"));
    QVERIFY(deployments);
    QVERIFY(deployments->namespaced);
    QCOMPARE(deployments->kind, QStringLiteral("Deployment"));
    QVERIFY(deployments->supportsVerb(QStringLiteral("watch")));
    QVERIFY(deployments->hasSubresource(QStringLiteral("scale")));
    QVERIFY(deployments->hasSubresource(QStringLiteral("status")));
    for (const ApiSubresource& sub : deployments->subresources) {
        if (sub.name == QLatin1String("scale")) {
            QCOMPARE(sub.kind, QStringLiteral("Scale"));
            QCOMPARE(sub.group, QStringLiteral("autoscaling"));
        }
    }
    QCOMPARE(deployments->collectionPath(), QStringLiteral("/apis/apps/v1/deployments"));
    QVERIFY(!mapper.resourceFor(QStringLiteral("nodes"))->namespaced);
    QCOMPARE(mapper.resourceForKind(QString(), QStringLiteral("ConfigMap"))->resource,
             QStringLiteral("configmaps"));

    // Categories: "all" is kubectl's; "gadgets" comes from the CRD.
    const RestMapper::Resolution all = mapper.resolve(QStringLiteral("all"));
    QVERIFY(all.isCategory);
    QStringList names;
    for (const ApiResource& r : all.resources) {
        names.append(r.groupResource());
    }
    QVERIFY2(names.contains(QStringLiteral("pods")) && names.contains(QStringLiteral("deployments.apps")) &&
                 names.contains(QStringLiteral("services")),
             qPrintable(names.join(QLatin1Char(' '))));
    QVERIFY(!names.contains(QStringLiteral("configmaps")));
    const RestMapper::Resolution gadgets = mapper.resolve(QStringLiteral("gadgets"));
    QCOMPARE(gadgets.resources.size(), 1);
    QCOMPARE(gadgets.resources.first().kind, QStringLiteral("Widget"));
    QVERIFY(mapper.categories().contains(QStringLiteral("all")));
}

void TestDiscovery::legacyAndAggregatedAgree() {
    // Same cluster, two wire shapes: the same resources (names, kinds, scope, verbs, short names).
    QStringList aggregated = describeAll(discover(QStringLiteral("v2")).preferredResources());
    QStringList legacy = describeAll(discover(QStringLiteral("legacy")).preferredResources());
    aggregated.sort();
    legacy.sort();
    QVERIFY(aggregated.size() > 20);
    QCOMPARE(legacy, aggregated);
}

void TestDiscovery::unknownInputIsAnError() {
    const RestMapper mapper(discover(QStringLiteral("v2")));
    QString error;
    QVERIFY(!mapper.resourceFor(QStringLiteral("flux-capacitors"), &error));
    QVERIFY(error.contains(QStringLiteral("flux-capacitors")));
    QVERIFY(!mapper.resourceFor(QStringLiteral("deployments.v2.apps")));
    QVERIFY(!mapper.resourceFor(QStringLiteral("pods.apps")));
    QVERIFY(!mapper.resolve(QString()).ok());
}

void TestDiscovery::cacheRoundTrip() {
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const DiscoveryCache cache(directory.path());
    const QString server = m_simulator->serverUrl();
    const DiscoveryModel model = discover(QStringLiteral("v2"));
    const QDateTime fetchedAt = QDateTime::currentDateTimeUtc();
    QString error;
    QVERIFY2(cache.save(server, model, fetchedAt, &error), qPrintable(error));
    QVERIFY(cache.filePath(server).startsWith(directory.path()));
    QVERIFY(cache.filePath(server).endsWith(QStringLiteral(".json")));

    const auto loaded = cache.load(server, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->serverUrl, server);
    QCOMPARE(loaded->fetchedAt, fetchedAt);
    QCOMPARE(describeAll(loaded->model.resources()), describeAll(model.resources()));
    QVERIFY(loaded->model.isAggregated());
    const DiscoveryDocument* apis = loaded->model.document(QStringLiteral("/apis"));
    QVERIFY(apis);
    QCOMPARE(apis->etag, model.document(QStringLiteral("/apis"))->etag);
    QCOMPARE(apis->contentType, model.document(QStringLiteral("/apis"))->contentType);
    // The cached ETag still revalidates against the server.
    QCOMPARE(get(QStringLiteral("/apis"), acceptV2, apis->etag).status, 304);
    QCOMPARE(RestMapper(loaded->model).resourceFor(QStringLiteral("wdg"))->kind, QStringLiteral("Widget"));
}

void TestDiscovery::cacheMissAndCorruption() {
    QTemporaryDir directory;
    const DiscoveryCache cache(directory.path());
    const QString server = QStringLiteral("https://cluster.example:6443");
    QString error;
    QVERIFY(!cache.load(server, &error));
    QVERIFY(error.isEmpty()); // no cache is not an error

    QFile file(cache.filePath(server));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"formatVersion\":1,\"serverUrl\":\"https://"
               "cluster.example:6443\",\"documents\":[{\"path\":\"/apis\","
               "\"body\":{\"kind\":\"Pod\"}}]}");
    file.close();
    QVERIFY(!cache.load(server, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(cache.remove(server));
    QVERIFY(cache.filePath(QStringLiteral("https://other:6443")) != cache.filePath(server));
}

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
