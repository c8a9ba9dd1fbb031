// The Pod printer's facts cached per stored version (StoredObject::derivedCache()): rows printed from the
// cache are the rows printed afresh, at any time, and a new version prints its own facts. Part of the
// tst_podprinter executable (see runPodRowCacheTests).

#include "fixtures.h"
#include "objectstore.h"
#include "responseformat.h"
#include "tableprinters.h"

#include <QTest>

using namespace binnacle::sim;

namespace {

const QDateTime kCreated = QDateTime::fromString(QStringLiteral("2026-04-23T11:28:01Z"), Qt::ISODate);

QJsonObject withCreationTimestamp(QJsonObject pod, const QJsonValue& timestamp) {
    QJsonObject metadata = pod.value(QLatin1String("metadata")).toObject();
    if (timestamp.isUndefined())
        metadata.remove(QStringLiteral("creationTimestamp"));
    else
        metadata.insert(QStringLiteral("creationTimestamp"), timestamp);
    pod.insert(QStringLiteral("metadata"), metadata);
    return pod;
}

// A pod created at kCreated with the given spec, status and extra metadata members.
QJsonObject pod(const char* spec, const char* status, const char* extraMetadata = "") {
    const QString text = QStringLiteral(R"({"metadata":{"name":"p","namespace":"default",
                                            "creationTimestamp":"2026-04-23T11:28:01Z"%3},"spec":%1,"status":%2})")
                             .arg(QLatin1String(spec), QLatin1String(status), QLatin1String(extraMetadata));
    return testing::json(text.toUtf8().constData());
}

// Four restarts, the last five minutes before 12:28:01 (an hour after kCreated).
QJsonObject crashLoopingPod() {
    return pod(R"({"containers":[{"name":"a"},{"name":"b"}]})",
               R"({"phase":"Running","podIP":"10.0.0.7","containerStatuses":[
                {"name":"a","ready":false,"restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
                 "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-04-23T12:23:01Z"}}},
                {"name":"b","ready":true,"restartCount":1,"state":{"running":{}},
                 "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-04-23T11:50:00Z"}}}]})");
}

// Every fact of a pod row varied at least once, and the shared fixtures' pods.
QList<std::pair<const char*, QJsonObject>> samplePods() {
    const QJsonObject fixture =
        testing::loadYamlFixture(QStringLiteral("pod-replicaset-owned-managedfields.yaml"));
    return {
        {"fixture", fixture},
        {"fixture without creationTimestamp", withCreationTimestamp(fixture, QJsonValue::Undefined)},
        {"unparsable creationTimestamp", withCreationTimestamp(fixture, QStringLiteral("yesterday"))},
        {"Go zero creationTimestamp", withCreationTimestamp(fixture, QStringLiteral("0001-01-01T00:00:00Z"))},
        {"restarts with last restart", crashLoopingPod()},
        {"restarts without a finish time",
         pod(R"({"containers":[{"name":"a"}]})", R"({"phase":"Running","containerStatuses":[{"name":"a",
             "ready":true,"restartCount":2,"state":{"running":{}}}]})")},
        {"init container restarts",
         pod(R"({"initContainers":[{"name":"s","restartPolicy":"Always"}],"containers":[{"name":"a"}]})",
             R"({"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],
                 "initContainerStatuses":[{"name":"s","ready":true,"started":true,"restartCount":1,
                 "state":{"running":{}},"lastState":{"terminated":{"exitCode":1,
                 "finishedAt":"2026-04-23T12:18:01Z"}}}],
                 "containerStatuses":[{"name":"a","ready":true,"restartCount":0,"state":{"running":{}}}]})")},
        {"Terminating", pod(R"({"containers":[{"name":"a"}]})", R"({"phase":"Running"})",
                            R"(,"deletionTimestamp":"2026-04-23T12:28:00Z")")},
        {"Succeeded", pod(R"({"containers":[{"name":"a"}]})", R"({"phase":"Succeeded"})")},
        {"Failed", pod(R"({"containers":[{"name":"a"}]})", R"({"phase":"Failed","reason":"Evicted"})")},
        {"wide cells",
         pod(R"({"nodeName":"n1","containers":[{"name":"a"}],"readinessGates":[{"conditionType":"x/lb"}]})",
             R"({"phase":"Running","podIPs":[{"ip":"10.0.0.5"}],"nominatedNodeName":"n2",
                 "conditions":[{"type":"x/lb","status":"True"}]})")},
    };
}

TableRowData uncachedRow(const QJsonObject& object, const QDateTime& now) {
    return TablePrinters::row(QString(), QStringLiteral("Pod"), object, now);
}

TableRowData cachedRow(const StoredObject& object, const QDateTime& now) {
    return TablePrinters::row(QString(), QStringLiteral("Pod"), object.object, now, object.derivedCache());
}

QJsonObject restartedVersion(QJsonObject pod) {
    QJsonObject status = pod.value(QLatin1String("status")).toObject();
    status.insert(QStringLiteral("containerStatuses"),
                  testing::json(R"({"a":[{"name":"a","ready":false,"restartCount":1,
                                    "state":{"waiting":{"reason":"CrashLoopBackOff"}},
                                    "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-04-23T12:00:00Z"}}}]})")
                      .value(QLatin1String("a")));
    pod.insert(QStringLiteral("status"), status);
    return pod;
}

} // namespace

class TestPodRowCache : public QObject {
    Q_OBJECT

private slots:
    void cachedRowIsTheUncachedRow_data() {
        QTest::addColumn<QJsonObject>("object");
        QTest::addColumn<QDateTime>("now");
        const QList<std::pair<const char*, qint64>> ages{{"7s", 7},
                                                         {"4m", 4 * 60 + 13},
                                                         {"3h", 3 * 3600 + 59},
                                                         {"2d", 2 * 86400 + 5},
                                                         {"400d", 400 * 86400}};
        for (const auto& [podName, object] : samplePods()) {
            for (const auto& [ageName, seconds] : ages)
                QTest::addRow("%s, %s", podName, ageName) << object << kCreated.addSecs(seconds);
        }
    }

    void cachedRowIsTheUncachedRow() {
        QFETCH(QJsonObject, object);
        QFETCH(QDateTime, now);
        StoredObject stored;
        stored.object = object;
        // The cache filled at another time first: what it holds must not depend on when that was.
        cachedRow(stored, kCreated.addSecs(1));
        const TableRowData expected = uncachedRow(object, now);
        const TableRowData row = cachedRow(stored, now);
        QCOMPARE(row.cells, expected.cells);
        QCOMPARE(row.conditions, expected.conditions);
        QCOMPARE(row.toJson(), expected.toJson());
    }

    void cachedRowsAgeWithNow() {
        StoredObject stored;
        stored.object = crashLoopingPod();
        const TableRowData early = cachedRow(stored, kCreated.addSecs(3600));
        const TableRowData late = cachedRow(stored, kCreated.addSecs(3 * 3600));
        QCOMPARE(early.cells.at(4).toString(), QStringLiteral("60m"));
        QCOMPARE(late.cells.at(4).toString(), QStringLiteral("3h"));
        QCOMPARE(early.cells.at(3).toString(), QStringLiteral("4 (5m ago)"));
        QCOMPARE(late.cells.at(3).toString(), QStringLiteral("4 (125m ago)"));
    }

    void newVersionPrintsItsOwnFacts() {
        ObjectStore store;
        const QString typeKey = QStringLiteral("/pods");
        const QDateTime now = kCreated.addSecs(3600);
        const ObjectPtr running = store.put(
            typeKey, pod(R"({"containers":[{"name":"a"}]})", R"({"phase":"Running","containerStatuses":[
                {"name":"a","ready":true,"restartCount":0,"state":{"running":{}}}]})"));
        QCOMPARE(cachedRow(*running, now).cells.at(2).toString(), QStringLiteral("Running"));

        const ObjectPtr restarted = store.put(typeKey, restartedVersion(running->object));
        const TableRowData restartedRow = cachedRow(*restarted, now);
        QCOMPARE(restartedRow.cells.at(1).toString(), QStringLiteral("0/1"));
        QCOMPARE(restartedRow.cells.at(2).toString(), QStringLiteral("CrashLoopBackOff"));
        QCOMPARE(restartedRow.cells.at(3).toString(), QStringLiteral("1 (28m ago)"));
        QVERIFY(restartedRow.conditions.isEmpty());

        QJsonObject succeededObject = restarted->object;
        succeededObject.insert(QStringLiteral("status"), QJsonObject{{"phase", "Succeeded"}});
        const ObjectPtr succeeded = store.put(typeKey, succeededObject);
        const TableRowData succeededRow = cachedRow(*succeeded, now);
        QCOMPARE(succeededRow.cells.at(2).toString(), QStringLiteral("Succeeded"));
        QCOMPARE(succeededRow.conditions.size(), 1);
        // The older versions keep their own facts: a watch replaying history prints them as they were.
        QCOMPARE(cachedRow(*running, now).cells.at(2).toString(), QStringLiteral("Running"));
        QCOMPARE(cachedRow(*restarted, now).cells.at(2).toString(), QStringLiteral("CrashLoopBackOff"));
    }

    void tableEncoderRowsAreTheUncachedRows() {
        ObjectStore store;
        ResourceType pods;
        pods.versions = QStringList{QStringLiteral("v1")};
        pods.resource = QStringLiteral("pods");
        pods.kind = QStringLiteral("Pod");
        const QDateTime now = kCreated.addSecs(86400);
        const TableEncoder encoder(pods, QStringLiteral("v1"), QStringLiteral("v1"), QStringLiteral("None"),
                                   now);
        for (const auto& [name, object] : samplePods()) {
            const ObjectPtr stored = store.put(pods.key(), object);
            for (int print = 0; print < 2; ++print) // filling the cache, then reading it
                QCOMPARE(encoder.row(*stored), uncachedRow(stored->object, now).toJson());
        }
    }
};

int runPodRowCacheTests(int argc, char** argv) {
    TestPodRowCache tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "tst_podrowcache.moc"
