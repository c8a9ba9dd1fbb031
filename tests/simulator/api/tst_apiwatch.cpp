// Watches over the wire: chunked framing with one event per line, event order, resuming from a
// resourceVersion, 410 Expired as an ERROR event, timeouts, selector transitions, streaming lists with
// the initial-events-end bookmark, dropped watches, and watches in Table form.
#include "apiserver.h"
#include "apitestcluster.h"
#include "statusassert.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>
#include <QUrl>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

namespace {
QString typeOf(const QJsonObject& event)
{
    return event.value(QLatin1String("type")).toString();
}

QJsonObject objectOf(const QJsonObject& event)
{
    return event.value(QLatin1String("object")).toObject();
}

QString nameOf(const QJsonObject& event)
{
    return meta(objectOf(event), QStringLiteral("name")).toString();
}

qint64 versionOf(const QJsonObject& event)
{
    return meta(objectOf(event), QStringLiteral("resourceVersion")).toString().toLongLong();
}

// Go encodes a zero metav1.Time as null (no omitempty for structs) up to v1.33, so a bookmark may carry
// "creationTimestamp":null; newer servers omit it. Either is fine, any other key is not.
QJsonObject withoutNullTimestamp(QJsonObject metadata)
{
    if (metadata.contains(QLatin1String("creationTimestamp")) && metadata.value(QLatin1String("creationTimestamp")).isNull()) {
        metadata.remove(QStringLiteral("creationTimestamp"));
    }
    return metadata;
}

QStringList summary(const QList<QJsonObject>& events)
{
    QStringList lines;
    for (const QJsonObject& event : events) {
        lines.append(typeOf(event) + QLatin1Char(' ') + nameOf(event));
    }
    return lines;
}
} // namespace

class TestApiWatch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void framingAndOrder();
    void initialStateWithoutVersion();
    void resumeFromVersion();
    void tooOldVersion();
    void expireNextWatchFault();
    void timeoutEndsCleanly();
    void labelSelectorTransitions();
    void singleObjectByFieldSelector();
    void streamingList();
    void streamingListOptions_data();
    void streamingListOptions();
    void bookmarks();
    void dropWatchesFault();
    void tableWatch();

private:
    WireRequest watchRequest(const QByteArray& target) const;
    std::unique_ptr<ApiTestCluster> m_cluster;
};

WireRequest TestApiWatch::watchRequest(const QByteArray& target) const
{
    return WireRequest{"GET", target, {}, {}, Credential::Admin};
}

void TestApiWatch::initTestCase()
{
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    for (const char* name : {"frame", "initial", "resume", "old", "labels", "single", "stream", "table", "bookmark"}) {
        QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject(QString::fromLatin1(name))).status, 201);
    }
}

void TestApiWatch::framingAndOrder()
{
    const QByteArray maps = "/api/v1/namespaces/frame/configmaps";
    const QByteArray start = QByteArray::number(m_cluster->resourceVersion());
    WatchReader watch(m_cluster->access(), watchRequest(maps + "?watch=1&resourceVersion=" + start));
    QCOMPARE(watch.head().status, 200);
    QVERIFY(watch.head().chunked);
    QCOMPARE(watch.head().header("Content-Type"), QByteArray("application/json"));
    QVERIFY(!watch.head().header("Audit-Id").isEmpty());
    QVERIFY(watch.head().header("Content-Length").isEmpty());

    QCOMPARE(m_cluster->post(maps, configMap("a", {}, {{"v", "1"}})).status, 201);
    QCOMPARE(m_cluster->patch(maps + "/a", "application/merge-patch+json", R"({"data":{"v":"2"}})").status, 200);
    QCOMPARE(m_cluster->remove(maps + "/a").status, 200);

    const auto added = watch.next();
    QVERIFY(added);
    // Go's json.Encoder: compact, "type" first, then "object".
    QVERIFY2(watch.lastLine().startsWith(R"({"type":"ADDED","object":{)"), watch.lastLine().constData());
    const auto modified = watch.next();
    const auto deleted = watch.next();
    QVERIFY(modified && deleted);
    QCOMPARE(summary({*added, *modified, *deleted}), (QStringList{"ADDED a", "MODIFIED a", "DELETED a"}));
    for (const QJsonObject& event : {*added, *modified, *deleted}) {
        QCOMPARE(event.keys(), (QStringList{"object", "type"}));
        QCOMPARE(objectOf(event).value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMap"));
        QCOMPARE(objectOf(event).value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
    }
    QVERIFY(versionOf(*added) > start.toLongLong());
    QVERIFY(versionOf(*modified) > versionOf(*added));
    QVERIFY(versionOf(*deleted) > versionOf(*modified)); // the deletion's own resourceVersion
    QCOMPARE(objectOf(*modified).value(QLatin1String("data")).toObject(), (QJsonObject{{"v", "2"}}));
    QCOMPARE(objectOf(*deleted).value(QLatin1String("data")).toObject(), (QJsonObject{{"v", "2"}}));
    QVERIFY(watch.badLines().isEmpty());
    QVERIFY(!watch.next(300)); // nothing else happened
    QVERIFY(!watch.ended() && !watch.aborted());
}

void TestApiWatch::initialStateWithoutVersion()
{
    const QByteArray maps = "/api/v1/namespaces/initial/configmaps";
    QCOMPARE(m_cluster->post(maps, configMap("x")).status, 201);
    QCOMPARE(m_cluster->post(maps, configMap("y")).status, 201);
    WatchReader watch(m_cluster->access(), watchRequest(maps + "?watch=true"));
    QCOMPARE(watch.head().status, 200);
    QList<QJsonObject> events = watch.take(2);
    QStringList initial = summary(events);
    initial.sort();
    QCOMPARE(initial, (QStringList{"ADDED x", "ADDED y"}));
    QCOMPARE(m_cluster->post(maps, configMap("z")).status, 201);
    QCOMPARE(summary(watch.take(1)), QStringList{"ADDED z"});
}

void TestApiWatch::resumeFromVersion()
{
    const QByteArray maps = "/api/v1/namespaces/resume/configmaps";
    const QByteArray start = QByteArray::number(m_cluster->resourceVersion());
    QCOMPARE(m_cluster->post(maps, configMap("r", {}, {{"v", "1"}})).status, 201);
    const qint64 afterCreate = m_cluster->resourceVersion();
    QCOMPARE(m_cluster->patch(maps + "/r", "application/merge-patch+json", R"({"data":{"v":"2"}})").status, 200);
    QCOMPARE(m_cluster->remove(maps + "/r").status, 200);

    // From before the create: all three, replayed from history.
    WatchReader all(m_cluster->access(), watchRequest(maps + "?watch=1&resourceVersion=" + start));
    QCOMPARE(summary(all.take(3)), (QStringList{"ADDED r", "MODIFIED r", "DELETED r"}));
    QVERIFY(!all.next(200));

    // From the create's version: only what came later.
    WatchReader later(m_cluster->access(),
                      watchRequest(maps + "?watch=1&resourceVersion=" + QByteArray::number(afterCreate)));
    QCOMPARE(summary(later.take(2)), (QStringList{"MODIFIED r", "DELETED r"}));
    QVERIFY(!later.next(200));

    // resourceVersion=0: the current state (nothing) and no replay.
    WatchReader any(m_cluster->access(), watchRequest(maps + "?watch=1&resourceVersion=0"));
    QVERIFY(!any.next(200));
    QCOMPARE(any.head().status, 200);
}

void TestApiWatch::tooOldVersion()
{
    const QByteArray maps = "/api/v1/namespaces/old/configmaps";
    const QByteArray start = QByteArray::number(m_cluster->resourceVersion());
    QCOMPARE(m_cluster->post(maps, configMap("o1")).status, 201);
    QCOMPARE(m_cluster->post(maps, configMap("o2")).status, 201);
    m_cluster->fault({{"compact", true}});

    WatchReader watch(m_cluster->access(), watchRequest(maps + "?watch=1&resourceVersion=" + start));
    QCOMPARE(watch.head().status, 200);
    const auto error = watch.next();
    QVERIFY(error);
    QCOMPARE(typeOf(*error), QStringLiteral("ERROR"));
    const QJsonObject status = objectOf(*error);
    QCOMPARE(status.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(status.value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
    QCOMPARE(status.value(QLatin1String("status")).toString(), QStringLiteral("Failure"));
    QCOMPARE(status.value(QLatin1String("code")).toInt(), 410);
    QCOMPARE(status.value(QLatin1String("reason")).toString(), QStringLiteral("Expired"));
    const QString message = status.value(QLatin1String("message")).toString();
    QVERIFY2(message.startsWith(QStringLiteral("too old resource version: ") + QString::fromLatin1(start) +
                                QStringLiteral(" (")),
             qPrintable(message));
    // The stream ends right after the ERROR.
    QVERIFY(watch.waitForCleanEnd(2000));
}

void TestApiWatch::expireNextWatchFault()
{
    const QByteArray maps = "/api/v1/namespaces/old/configmaps";
    m_cluster->fault({{"expireNextWatch", true}});
    WatchReader expired(m_cluster->access(),
                        watchRequest(maps + "?watch=1&resourceVersion=" + QByteArray::number(m_cluster->resourceVersion())));
    const auto error = expired.next();
    QVERIFY(error);
    QCOMPARE(typeOf(*error), QStringLiteral("ERROR"));
    QCOMPARE(objectOf(*error).value(QLatin1String("code")).toInt(), 410);
    QCOMPARE(objectOf(*error).value(QLatin1String("reason")).toString(), QStringLiteral("Expired"));
    QVERIFY(expired.waitForCleanEnd(2000));

    // Only the next watch.
    WatchReader normal(m_cluster->access(),
                       watchRequest(maps + "?watch=1&resourceVersion=" + QByteArray::number(m_cluster->resourceVersion())));
    QCOMPARE(m_cluster->post(maps, configMap("after-expiry")).status, 201);
    QCOMPARE(summary(normal.take(1)), QStringList{"ADDED after-expiry"});
}

void TestApiWatch::timeoutEndsCleanly()
{
    QElapsedTimer timer;
    timer.start();
    WatchReader watch(m_cluster->access(), watchRequest("/api/v1/namespaces/old/configmaps?watch=1&timeoutSeconds=1&"
                                                        "resourceVersion=" +
                                                        QByteArray::number(m_cluster->resourceVersion())));
    QCOMPARE(watch.head().status, 200);
    QVERIFY(watch.waitForCleanEnd(4000));
    QVERIFY(!watch.aborted());
    QVERIFY2(timer.elapsed() >= 900 && timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
}

void TestApiWatch::labelSelectorTransitions()
{
    const QByteArray maps = "/api/v1/namespaces/labels/configmaps";
    WatchReader watch(m_cluster->access(),
                      watchRequest(maps + "?watch=1&labelSelector=" + QUrl::toPercentEncoding("sel=yes") +
                                   "&resourceVersion=" + QByteArray::number(m_cluster->resourceVersion())));
    QCOMPARE(watch.head().status, 200);
    QCOMPARE(m_cluster->post(maps, configMap("x", {{"sel", "yes"}})).status, 201);
    QCOMPARE(m_cluster->post(maps, configMap("y", {{"sel", "no"}})).status, 201);
    QCOMPARE(m_cluster->patch(maps + "/x", "application/merge-patch+json", R"({"metadata":{"labels":{"sel":"no"}}})").status,
             200);
    QCOMPARE(m_cluster->patch(maps + "/y", "application/merge-patch+json", R"({"data":{"k":"v"}})").status, 200);
    QCOMPARE(m_cluster->patch(maps + "/x", "application/merge-patch+json", R"({"metadata":{"labels":{"sel":"yes"}}})").status,
             200);
    QCOMPARE(m_cluster->patch(maps + "/x", "application/merge-patch+json", R"({"data":{"k":"v"}})").status, 200);
    QCOMPARE(m_cluster->remove(maps + "/x").status, 200);
    QCOMPARE(m_cluster->remove(maps + "/y").status, 200);

    const QList<QJsonObject> events = watch.take(5);
    QCOMPARE(summary(events), (QStringList{"ADDED x", "DELETED x", "ADDED x", "MODIFIED x", "DELETED x"}));
    // Leaving the selector: the DELETED carries the object as it is now (no longer matching).
    QCOMPARE(meta(objectOf(events.at(1)), QStringLiteral("labels")).toObject(), (QJsonObject{{"sel", "no"}}));
    QVERIFY(!watch.next(300)); // y never matched
}

void TestApiWatch::singleObjectByFieldSelector()
{
    const QByteArray maps = "/api/v1/namespaces/single/configmaps";
    QCOMPARE(m_cluster->post(maps, configMap("mine")).status, 201);
    QCOMPARE(m_cluster->post(maps, configMap("other")).status, 201);
    WatchReader watch(m_cluster->access(),
                      watchRequest(maps + "?watch=1&fieldSelector=" + QUrl::toPercentEncoding("metadata.name=mine")));
    QCOMPARE(summary(watch.take(1)), QStringList{"ADDED mine"});
    QCOMPARE(m_cluster->patch(maps + "/other", "application/merge-patch+json", R"({"data":{"k":"v"}})").status, 200);
    QCOMPARE(m_cluster->patch(maps + "/mine", "application/merge-patch+json", R"({"data":{"k":"v"}})").status, 200);
    QCOMPARE(summary(watch.take(1)), QStringList{"MODIFIED mine"});
}

void TestApiWatch::streamingList()
{
    const QByteArray maps = "/api/v1/namespaces/stream/configmaps";
    for (const char* name : {"s1", "s2", "s3"}) {
        QCOMPARE(m_cluster->post(maps, configMap(QString::fromLatin1(name))).status, 201);
    }
    const qint64 now = m_cluster->resourceVersion();
    WatchReader watch(m_cluster->access(), watchRequest(maps + "?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&"
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

void TestApiWatch::streamingListOptions_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("code");

    QTest::newRow("sendInitialEvents without resourceVersionMatch")
        << QByteArray("sendInitialEvents=true&allowWatchBookmarks=true") << 422;
    QTest::newRow("sendInitialEvents with Exact")
        << QByteArray("sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=Exact&resourceVersion=1")
        << 422;
    QTest::newRow("resourceVersionMatch without sendInitialEvents")
        << QByteArray("resourceVersionMatch=NotOlderThan&resourceVersion=1") << 422;
    QTest::newRow("sendInitialEvents without bookmarks")
        << QByteArray("sendInitialEvents=true&resourceVersionMatch=NotOlderThan") << 422;
}

void TestApiWatch::streamingListOptions()
{
    QFETCH(QByteArray, query);
    QFETCH(int, code);
    const WireResponse response = m_cluster->get("/api/v1/namespaces/stream/configmaps?watch=1&" + query);
    VERIFY_STATUS(response, code, QStringLiteral("Invalid"));
    QCOMPARE(response.json().value(QLatin1String("details")).toObject().value(QLatin1String("kind")).toString(),
             QStringLiteral("ListOptions"));
}

void TestApiWatch::bookmarks()
{
    m_cluster->onSimulator([](Simulator& simulator) { simulator.apiServer()->context().bookmarkIntervalMs = 200; });
    const QByteArray maps = "/api/v1/namespaces/bookmark/configmaps";
    const QByteArray now = QByteArray::number(m_cluster->resourceVersion());
    WatchReader watch(m_cluster->access(), watchRequest(maps + "?watch=1&allowWatchBookmarks=true&resourceVersion=" + now));
    const auto bookmark = watch.next(3000);
    m_cluster->onSimulator([](Simulator& simulator) { simulator.apiServer()->context().bookmarkIntervalMs = 10000; });
    QVERIFY(bookmark);
    QCOMPARE(typeOf(*bookmark), QStringLiteral("BOOKMARK"));
    const QJsonObject object = objectOf(*bookmark);
    QCOMPARE(object.value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMap"));
    // Only the resourceVersion, no initial-events annotation on a plain watch.
    QCOMPARE(withoutNullTimestamp(object.value(QLatin1String("metadata")).toObject()).keys(),
             QStringList{"resourceVersion"});
    QVERIFY(versionOf(*bookmark) >= now.toLongLong());

    // Without allowWatchBookmarks there are none.
    m_cluster->onSimulator([](Simulator& simulator) { simulator.apiServer()->context().bookmarkIntervalMs = 200; });
    WatchReader plain(m_cluster->access(), watchRequest(maps + "?watch=1&resourceVersion=" + now));
    const auto nothing = plain.next(700);
    m_cluster->onSimulator([](Simulator& simulator) { simulator.apiServer()->context().bookmarkIntervalMs = 10000; });
    QVERIFY(!nothing);
}

void TestApiWatch::dropWatchesFault()
{
    const QByteArray maps = "/api/v1/namespaces/frame/configmaps";
    WatchReader first(m_cluster->access(), watchRequest(maps + "?watch=1"));
    WatchReader second(m_cluster->access(), watchRequest("/api/v1/namespaces?watch=1"));
    QCOMPARE(first.head().status, 200);
    QCOMPARE(second.head().status, 200);
    second.take(4, 500); // drain the initial namespaces
    QVERIFY(m_cluster->get("/binnacle-sim/stats").json().value(QLatin1String("activeWatches")).toInt() >= 2);

    m_cluster->fault({{"dropWatches", true}});
    first.waitForCleanEnd(2000);
    second.waitForCleanEnd(2000);
    QVERIFY(first.ended() || first.aborted());
    QVERIFY(second.ended() || second.aborted());
    QTRY_COMPARE_WITH_TIMEOUT(
        m_cluster->get("/binnacle-sim/stats").json().value(QLatin1String("activeWatches")).toInt(), 0, 2000);
}

void TestApiWatch::tableWatch()
{
    const QByteArray maps = "/api/v1/namespaces/table/configmaps";
    WireRequest request = watchRequest(maps + "?watch=1&resourceVersion=" + QByteArray::number(m_cluster->resourceVersion()));
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
            QCOMPARE(columns.first().toObject().value(QLatin1String("name")).toString(), QStringLiteral("Name"));
        } else {
            QVERIFY(table.value(QLatin1String("columnDefinitions")).isNull());
        }
        const QJsonArray rows = table.value(QLatin1String("rows")).toArray();
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        const QJsonObject rowObject = row.value(QLatin1String("object")).toObject();
        QCOMPARE(rowObject.value(QLatin1String("kind")).toString(), QStringLiteral("PartialObjectMetadata"));
        QCOMPARE(rowObject.value(QLatin1String("apiVersion")).toString(), QStringLiteral("meta.k8s.io/v1"));
        QCOMPARE(row.value(QLatin1String("cells")).toArray().first().toString(), i == 1 ? QStringLiteral("t2")
                                                                                         : QStringLiteral("t1"));
    }
}

QTEST_GUILESS_MAIN(TestApiWatch)
#include "tst_apiwatch.moc"
