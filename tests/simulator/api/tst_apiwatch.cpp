// Watches over the wire: chunked framing with one event per line, event order, the initial state, resuming
// from a resourceVersion, 410 Expired as an ERROR event, timeouts, and dropped watches.
#include "apitestcluster.h"
#include "resourcestorage.h"
#include "simulator.h"
#include "statusassert.h"
#include "watchevents.h"

#include <QElapsedTimer>
#include <QTest>

using namespace binnacle::sim;
using namespace binnacle::sim::apitest;

class TestApiWatch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void framingAndOrder();
    void initialStateWithoutVersion();
    void resumeFromVersion();
    void longBacklogThenLiveChanges();
    void tooOldVersion();
    void expireNextWatchFault();
    void timeoutEndsCleanly();
    void dropWatchesFault();

private:
    WireRequest watchRequest(const QByteArray& target) const;
    std::unique_ptr<ApiTestCluster> m_cluster;
};

WireRequest TestApiWatch::watchRequest(const QByteArray& target) const {
    return WireRequest{"GET", target, {}, {}, Credential::Admin};
}

void TestApiWatch::initTestCase() {
    SimulatorOptions options;
    options.controllers = false;
    m_cluster = std::make_unique<ApiTestCluster>(options);
    QString error;
    QVERIFY2(m_cluster->start(&error), qPrintable(error));
    for (const char* name : {"frame", "initial", "resume", "old", "backlog"}) {
        QCOMPARE(m_cluster->post("/api/v1/namespaces", namespaceObject(QString::fromLatin1(name))).status,
                 201);
    }
}

void TestApiWatch::framingAndOrder() {
    const QByteArray maps = "/api/v1/namespaces/frame/configmaps";
    const QByteArray start = QByteArray::number(m_cluster->resourceVersion());
    WatchReader watch(m_cluster->access(), watchRequest(maps + "?watch=1&resourceVersion=" + start));
    QCOMPARE(watch.head().status, 200);
    QVERIFY(watch.head().chunked);
    QCOMPARE(watch.head().header("Content-Type"), QByteArray("application/json"));
    QVERIFY(!watch.head().header("Audit-Id").isEmpty());
    QVERIFY(watch.head().header("Content-Length").isEmpty());

    QCOMPARE(m_cluster->post(maps, configMap("a", {}, {{"v", "1"}})).status, 201);
    QCOMPARE(m_cluster->patch(maps + "/a", "application/merge-patch+json", R"({"data":{"v":"2"}})").status,
             200);
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

void TestApiWatch::initialStateWithoutVersion() {
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

void TestApiWatch::resumeFromVersion() {
    const QByteArray maps = "/api/v1/namespaces/resume/configmaps";
    const QByteArray start = QByteArray::number(m_cluster->resourceVersion());
    QCOMPARE(m_cluster->post(maps, configMap("r", {}, {{"v", "1"}})).status, 201);
    const qint64 afterCreate = m_cluster->resourceVersion();
    // A change of another type in between: the store's history holds it, a configmaps replay must not.
    QCOMPARE(
        m_cluster
            ->post("/api/v1/namespaces/resume/secrets", QJsonObject{{"apiVersion", "v1"},
                                                                    {"kind", "Secret"},
                                                                    {"metadata", QJsonObject{{"name", "s"}}},
                                                                    {"stringData", QJsonObject{{"k", "v"}}}})
            .status,
        201);
    QCOMPARE(m_cluster->patch(maps + "/r", "application/merge-patch+json", R"({"data":{"v":"2"}})").status,
             200);
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

// A replay larger than the server writes ahead of its reader (megabytes) is streamed as it is read, and a
// change made meanwhile comes after it: every event once, in resourceVersion order.
void TestApiWatch::longBacklogThenLiveChanges() {
    const QByteArray maps = "/api/v1/namespaces/backlog/configmaps";
    const QByteArray start = QByteArray::number(m_cluster->resourceVersion());
    constexpr int backlog = 3000;
    auto createMaps = [this](int from, int count) {
        m_cluster->onSimulator([=](Simulator& sim) {
            const ResourceType& configMaps = sim.storage()->type(QString(), QStringLiteral("configmaps"));
            for (int i = from; i < from + count; ++i) {
                sim.storage()->create(
                    configMaps, QStringLiteral("backlog"),
                    QJsonObject{{QStringLiteral("metadata"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("cm-%1").arg(i)}}},
                                {QStringLiteral("data"),
                                 QJsonObject{{QStringLiteral("payload"), QString(4096, QLatin1Char('x'))}}}});
            }
        });
    };
    createMaps(0, backlog);
    WatchReader watch(m_cluster->access(), watchRequest(maps + "?watch=1&resourceVersion=" + start));
    QCOMPARE(watch.head().status, 200);
    createMaps(backlog, 1);
    const QList<QJsonObject> events = watch.take(backlog + 1, 30000);
    QCOMPARE(events.size(), backlog + 1);
    qint64 previous = start.toLongLong();
    for (int i = 0; i < events.size(); ++i) {
        const QJsonObject metadata = events.at(i).value(u"object").toObject().value(u"metadata").toObject();
        QCOMPARE(events.at(i).value(u"type").toString(), QStringLiteral("ADDED"));
        QCOMPARE(metadata.value(u"name").toString(), QStringLiteral("cm-%1").arg(i));
        const qint64 version = metadata.value(u"resourceVersion").toString().toLongLong();
        QVERIFY(version > previous);
        previous = version;
    }
    QVERIFY(!watch.next(200));
}

void TestApiWatch::tooOldVersion() {
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

void TestApiWatch::expireNextWatchFault() {
    const QByteArray maps = "/api/v1/namespaces/old/configmaps";
    m_cluster->fault({{"expireNextWatch", true}});
    WatchReader expired(m_cluster->access(), watchRequest(maps + "?watch=1&resourceVersion=" +
                                                          QByteArray::number(m_cluster->resourceVersion())));
    const auto error = expired.next();
    QVERIFY(error);
    QCOMPARE(typeOf(*error), QStringLiteral("ERROR"));
    QCOMPARE(objectOf(*error).value(QLatin1String("code")).toInt(), 410);
    QCOMPARE(objectOf(*error).value(QLatin1String("reason")).toString(), QStringLiteral("Expired"));
    QVERIFY(expired.waitForCleanEnd(2000));

    // Only the next watch.
    WatchReader normal(m_cluster->access(), watchRequest(maps + "?watch=1&resourceVersion=" +
                                                         QByteArray::number(m_cluster->resourceVersion())));
    QCOMPARE(m_cluster->post(maps, configMap("after-expiry")).status, 201);
    QCOMPARE(summary(normal.take(1)), QStringList{"ADDED after-expiry"});
}

void TestApiWatch::timeoutEndsCleanly() {
    QElapsedTimer timer;
    timer.start();
    WatchReader watch(m_cluster->access(),
                      watchRequest("/api/v1/namespaces/old/configmaps?watch=1&timeoutSeconds=1&"
                                   "resourceVersion=" +
                                   QByteArray::number(m_cluster->resourceVersion())));
    QCOMPARE(watch.head().status, 200);
    QVERIFY(watch.waitForCleanEnd(4000));
    QVERIFY(!watch.aborted());
    QVERIFY2(timer.elapsed() >= 900 && timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
}

void TestApiWatch::dropWatchesFault() {
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

QTEST_GUILESS_MAIN(TestApiWatch)
#include "tst_apiwatch.moc"
