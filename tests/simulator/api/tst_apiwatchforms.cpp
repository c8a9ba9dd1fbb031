// Watch variants over the wire: label-selector transitions, single-object watches, streaming lists with the
// initial-events-end bookmark, bookmarks, and watches in Table form.
#include "apiserver.h"
#include "apitestcluster.h"
#include "statusassert.h"
#include "watchevents.h"

#include <QJsonArray>
#include <QTest>
#include <QUrl>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

class TestApiWatchForms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void labelSelectorTransitions();
    void singleObjectByFieldSelector();
    void streamingList();
    void streamingListOptions_data();
    void streamingListOptions();
    void bookmarks();
    void tableWatch();

private:
    WireRequest watchRequest(const QByteArray& target) const;
    std::unique_ptr<ApiTestCluster> m_cluster;
};

WireRequest TestApiWatchForms::watchRequest(const QByteArray& target) const {
    return WireRequest{"GET", target, {}, {}, Credential::Admin};
}

void TestApiWatchForms::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    for (const char* name : {"labels", "single", "stream", "table", "bookmark"}) {
        QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject(QString::fromLatin1(name))).status,
                 201);
    }
}

void TestApiWatchForms::labelSelectorTransitions() {
    const QByteArray maps = "/api/v1/namespaces/labels/configmaps";
    WatchReader watch(m_cluster->access(),
                      watchRequest(maps + "?watch=1&labelSelector=" + QUrl::toPercentEncoding("sel=yes") +
                                   "&resourceVersion=" + QByteArray::number(m_cluster->resourceVersion())));
    QCOMPARE(watch.head().status, 200);
    QCOMPARE(m_cluster->post(maps, configMap("x", {{"sel", "yes"}})).status, 201);
    QCOMPARE(m_cluster->post(maps, configMap("y", {{"sel", "no"}})).status, 201);
    QCOMPARE(
        m_cluster
            ->patch(maps + "/x", "application/merge-patch+json", R"({"metadata":{"labels":{"sel":"no"}}})")
            .status,
        200);
    QCOMPARE(m_cluster->patch(maps + "/y", "application/merge-patch+json", R"({"data":{"k":"v"}})").status,
             200);
    QCOMPARE(
        m_cluster
            ->patch(maps + "/x", "application/merge-patch+json", R"({"metadata":{"labels":{"sel":"yes"}}})")
            .status,
        200);
    QCOMPARE(m_cluster->patch(maps + "/x", "application/merge-patch+json", R"({"data":{"k":"v"}})").status,
             200);
    QCOMPARE(m_cluster->remove(maps + "/x").status, 200);
    QCOMPARE(m_cluster->remove(maps + "/y").status, 200);

    const QList<QJsonObject> events = watch.take(5);
    QCOMPARE(summary(events), (QStringList{"ADDED x", "DELETED x", "ADDED x", "MODIFIED x", "DELETED x"}));
    // Leaving the selector: the DELETED carries the object as it is now (no longer matching).
    QCOMPARE(meta(objectOf(events.at(1)), QStringLiteral("labels")).toObject(), (QJsonObject{{"sel", "no"}}));
    QVERIFY(!watch.next(300)); // y never matched
}

void TestApiWatchForms::singleObjectByFieldSelector() {
    const QByteArray maps = "/api/v1/namespaces/single/configmaps";
    QCOMPARE(m_cluster->post(maps, configMap("mine")).status, 201);
    QCOMPARE(m_cluster->post(maps, configMap("other")).status, 201);
    WatchReader watch(m_cluster->access(), watchRequest(maps + "?watch=1&fieldSelector=" +
                                                        QUrl::toPercentEncoding("metadata.name=mine")));
    QCOMPARE(summary(watch.take(1)), QStringList{"ADDED mine"});
    QCOMPARE(
        m_cluster->patch(maps + "/other", "application/merge-patch+json", R"({"data":{"k":"v"}})").status,
        200);
    QCOMPARE(m_cluster->patch(maps + "/mine", "application/merge-patch+json", R"({"data":{"k":"v"}})").status,
             200);
    QCOMPARE(summary(watch.take(1)), QStringList{"MODIFIED mine"});
}

void TestApiWatchForms::streamingList() {
    const QByteArray maps = "/api/v1/namespaces/stream/configmaps";
    for (const char* name : {"s1", "s2", "s3"}) {
        QCOMPARE(m_cluster->post(maps, configMap(QString::fromLatin1(name))).status, 201);
    }
    const qint64 now = m_cluster->resourceVersion();
    WatchReader watch(m_cluster->access(),
                      watchRequest(maps + "?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&"
                                          "resourceVersionMatch=NotOlderThan&resourceVersion="));
    QCOMPARE(watch.head().status, 200);
    const QList<QJsonObject> initial = watch.take(3);
    QStringList names = summary(initial);
    names.sort();
    QCOMPARE(names, (QStringList{"ADDED s1", "ADDED s2", "ADDED s3"}));

    const auto bookmark = watch.next();
    QVERIFY(bookmark);
    QCOMPARE(typeOf(*bookmark), QStringLiteral("BOOKMARK"));
    const QJsonObject object = objectOf(*bookmark);
    QCOMPARE(object.value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMap"));
    QCOMPARE(object.value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
    const QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
    QCOMPARE(metadata.value(QLatin1String("annotations")).toObject(),
             (QJsonObject{{"k8s.io/initial-events-end", "true"}}));
    QCOMPARE(metadata.value(QLatin1String("resourceVersion")).toString(), QString::number(now));
    QCOMPARE(withoutNullTimestamp(metadata).keys(), (QStringList{"annotations", "resourceVersion"}));
    QCOMPARE(object.keys(), (QStringList{"apiVersion", "kind", "metadata"}));

    QCOMPARE(m_cluster->post(maps, configMap("s4")).status, 201);
    QCOMPARE(summary(watch.take(1)), QStringList{"ADDED s4"});
}

void TestApiWatchForms::streamingListOptions_data() {
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("code");

    QTest::newRow("sendInitialEvents without resourceVersionMatch")
        << QByteArray("sendInitialEvents=true&allowWatchBookmarks=true") << 422;
    QTest::newRow("sendInitialEvents with Exact")
        << QByteArray(
               "sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=Exact&resourceVersion=1")
        << 422;
    QTest::newRow("resourceVersionMatch without sendInitialEvents")
        << QByteArray("resourceVersionMatch=NotOlderThan&resourceVersion=1") << 422;
    QTest::newRow("sendInitialEvents without bookmarks")
        << QByteArray("sendInitialEvents=true&resourceVersionMatch=NotOlderThan") << 422;
}

void TestApiWatchForms::streamingListOptions() {
    QFETCH(QByteArray, query);
    QFETCH(int, code);
    const WireResponse response = m_cluster->get("/api/v1/namespaces/stream/configmaps?watch=1&" + query);
    VERIFY_STATUS(response, code, QStringLiteral("Invalid"));
    QCOMPARE(
        response.json().value(QLatin1String("details")).toObject().value(QLatin1String("kind")).toString(),
        QStringLiteral("ListOptions"));
}

void TestApiWatchForms::bookmarks() {
    m_cluster->onSimulator(
        [](Simulator& simulator) { simulator.apiServer()->context().bookmarkIntervalMs = 200; });
    const QByteArray maps = "/api/v1/namespaces/bookmark/configmaps";
    const QByteArray now = QByteArray::number(m_cluster->resourceVersion());
    WatchReader watch(m_cluster->access(),
                      watchRequest(maps + "?watch=1&allowWatchBookmarks=true&resourceVersion=" + now));
    const auto bookmark = watch.next(3000);
    m_cluster->onSimulator(
        [](Simulator& simulator) { simulator.apiServer()->context().bookmarkIntervalMs = 10000; });
    QVERIFY(bookmark);
    QCOMPARE(typeOf(*bookmark), QStringLiteral("BOOKMARK"));
    const QJsonObject object = objectOf(*bookmark);
    QCOMPARE(object.value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMap"));
    // Only the resourceVersion, no initial-events annotation on a plain watch.
    QCOMPARE(withoutNullTimestamp(object.value(QLatin1String("metadata")).toObject()).keys(),
             QStringList{"resourceVersion"});
    QVERIFY(versionOf(*bookmark) >= now.toLongLong());

    // Without allowWatchBookmarks there are none.
    m_cluster->onSimulator(
        [](Simulator& simulator) { simulator.apiServer()->context().bookmarkIntervalMs = 200; });
    WatchReader plain(m_cluster->access(), watchRequest(maps + "?watch=1&resourceVersion=" + now));
    const auto nothing = plain.next(700);
    m_cluster->onSimulator(
        [](Simulator& simulator) { simulator.apiServer()->context().bookmarkIntervalMs = 10000; });
    QVERIFY(!nothing);
}

void TestApiWatchForms::tableWatch() {
    const QByteArray maps = "/api/v1/namespaces/table/configmaps";
    WireRequest request =
        watchRequest(maps + "?watch=1&resourceVersion=" + QByteArray::number(m_cluster->resourceVersion()));
    request.headers.append(header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"));
    WatchReader watch(m_cluster->access(), request);
    QCOMPARE(watch.head().status, 200);
    QCOMPARE(m_cluster->post(maps, configMap("t1", {}, {{"k", "v"}})).status, 201);
    QCOMPARE(m_cluster->post(maps, configMap("t2")).status, 201);
    QCOMPARE(m_cluster->remove(maps + "/t1").status, 200);

    const QList<QJsonObject> events = watch.take(3);
    QCOMPARE(events.size(), 3);
    QCOMPARE(typeOf(events.at(0)), QStringLiteral("ADDED"));
    QCOMPARE(typeOf(events.at(2)), QStringLiteral("DELETED"));
    for (int i = 0; i < events.size(); ++i) {
        const QJsonObject table = objectOf(events.at(i));
        QCOMPARE(table.value(QLatin1String("kind")).toString(), QStringLiteral("Table"));
        QCOMPARE(table.value(QLatin1String("apiVersion")).toString(), QStringLiteral("meta.k8s.io/v1"));
        // Only the first event defines the columns; later ones carry an explicit null.
        QVERIFY(table.contains(QLatin1String("columnDefinitions")));
        if (i == 0) {
            const QJsonArray columns = table.value(QLatin1String("columnDefinitions")).toArray();
            QVERIFY(!columns.isEmpty());
            QCOMPARE(columns.first().toObject().value(QLatin1String("name")).toString(),
                     QStringLiteral("Name"));
        } else {
            QVERIFY(table.value(QLatin1String("columnDefinitions")).isNull());
        }
        const QJsonArray rows = table.value(QLatin1String("rows")).toArray();
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        const QJsonObject rowObject = row.value(QLatin1String("object")).toObject();
        QCOMPARE(rowObject.value(QLatin1String("kind")).toString(), QStringLiteral("PartialObjectMetadata"));
        QCOMPARE(rowObject.value(QLatin1String("apiVersion")).toString(), QStringLiteral("meta.k8s.io/v1"));
        QCOMPARE(row.value(QLatin1String("cells")).toArray().first().toString(),
                 i == 1 ? QStringLiteral("t2") : QStringLiteral("t1"));
    }
    // As for lists: a JSON watch is application/json whatever the object form.
    QCOMPARE(watch.head().header("Content-Type"), QByteArray("application/json"));
}

QTEST_GUILESS_MAIN(TestApiWatchForms)
#include "tst_apiwatchforms.moc"
