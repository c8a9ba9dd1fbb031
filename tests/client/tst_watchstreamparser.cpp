#include "watchstreamparser.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace binnacle::client;
using Type = WatchEvent::Type;

namespace {

// The body of a chunked HTTP response, chunk framing removed.
QByteArray dechunkedBody(const QByteArray& response) {
    qsizetype at = response.indexOf("\r\n\r\n") + 4;
    QByteArray body;
    while (at < response.size()) {
        const qsizetype lineEnd = response.indexOf("\r\n", at);
        bool ok = false;
        const qsizetype size = response.mid(at, lineEnd - at).toLongLong(&ok, 16);
        if (!ok || size == 0) {
            break;
        }
        body += response.mid(lineEnd + 2, size);
        at = lineEnd + 2 + size + 2;
    }
    return body;
}

QByteArray readFixture(const char* name) {
    QFile file(QStringLiteral(BINNACLE_FIXTURES_DIR "/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray pod(const char* name, const char* rv) {
    return QByteArray(R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":")") + name +
           R"(","namespace":"shop","uid":"u-)" + name + R"(","resourceVersion":")" + rv +
           R"(","labels":{"app":"web","tier":"front"}},"spec":{"containers":[{"name":"c","image":"nginx"}]},"status":{"message":"line\nbreak \u00e9"}})";
}

QByteArray watchLine(const char* type, const QByteArray& object) {
    return QByteArray(R"({"type":")") + type + R"(","object":)" + object + "}\n";
}

// Every event type, and a bookmark carrying the WatchList end marker.
QByteArray mixedStream() {
    return watchLine("ADDED", pod("a", "10")) + watchLine("MODIFIED", pod("a", "11")) +
           watchLine(
               "BOOKMARK",
               R"({"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"12","annotations":{"k8s.io/initial-events-end":"true"}}})") +
           watchLine("DELETED", pod("a", "13")) +
           watchLine(
               "ERROR",
               R"json({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (9)","reason":"Expired","code":410})json");
}

// A comparable fingerprint of an event.
QString describe(const WatchEvent& e) {
    return QStringLiteral("%1 %2 %3 rv=%4 end=%5 code=%6 labels=%7 bytes=%8 cells=%9")
        .arg(watchEventTypeName(e.type), e.object.kind, e.object.key(), e.resourceVersion)
        .arg(e.initialEventsEnd)
        .arg(e.status.code)
        .arg(e.object.labels.size())
        .arg(e.object.json.size())
        .arg(e.object.tableCells.size());
}

QStringList describeAll(const QList<WatchEvent>& events) {
    QStringList all;
    for (const WatchEvent& e : events) {
        all.append(describe(e));
    }
    return all;
}

} // namespace

class TestWatchStreamParser : public QObject {
    Q_OBJECT
private slots:
    void parsesWatchListFixture();
    void typesEveryEvent();
    void anyCutGivesSameEvents();
    void byteAtATime();
    void keepsTrailingPartialLine();
    void bookmarkMarker_data();
    void bookmarkMarker();
    void malformedLinesDoNotStopTheStream_data();
    void malformedLinesDoNotStopTheStream();
    void tableFormEvents();
    void managedFieldsDroppedOnRequest();
    void rawBytesExactlyTheObject();
    void cellsAsText();
};

void TestWatchStreamParser::parsesWatchListFixture() {
    const QByteArray body = dechunkedBody(readFixture("watchlist-response.http"));
    QVERIFY(body.startsWith("{\"type\":\"ADDED\""));
    WatchStreamParser parser;
    auto result = parser.feed(body);
    result.events += parser.finish().events;
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.events.size(), 2);
    const WatchEvent& added = result.events.at(0);
    QCOMPARE(added.type, Type::Added);
    QCOMPARE(added.object.kind, QStringLiteral("ServiceAccount"));
    QCOMPARE(added.object.key(), QStringLiteral("default/foobar"));
    QCOMPARE(added.object.uid, QStringLiteral("a1453396-7a5c-405a-93f9-ff44af8e7689"));
    QCOMPARE(added.resourceVersion, QStringLiteral("217"));
    QCOMPARE(added.object.creationTimestamp, QStringLiteral("2024-09-18T14:06:40Z"));
    const WatchEvent& bookmark = result.events.at(1);
    QCOMPARE(bookmark.type, Type::Bookmark);
    QCOMPARE(bookmark.resourceVersion, QStringLiteral("964"));
    QVERIFY(bookmark.initialEventsEnd);
}

void TestWatchStreamParser::typesEveryEvent() {
    WatchStreamParser parser;
    const auto result = parser.feed(mixedStream());
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.events.size(), 5);
    QCOMPARE(result.events.at(0).type, Type::Added);
    QCOMPARE(result.events.at(1).type, Type::Modified);
    QCOMPARE(result.events.at(1).resourceVersion, QStringLiteral("11"));
    QCOMPARE(result.events.at(2).type, Type::Bookmark);
    QCOMPARE(result.events.at(3).type, Type::Deleted);
    QCOMPARE(result.events.at(3).object.key(), QStringLiteral("shop/a"));

    const WatchEvent& added = result.events.at(0);
    QCOMPARE(added.object.labels.value(QStringLiteral("tier")), QStringLiteral("front"));
    // The raw bytes are the object exactly as sent: a full parse gives it back, escapes and all.
    const QJsonObject full = added.object.toJsonObject();
    QCOMPARE(full, QJsonDocument::fromJson(pod("a", "10")).object());
    QCOMPARE(full.value(QLatin1String("status")).toObject().value(QLatin1String("message")).toString(),
             QStringLiteral("line\nbreak \u00e9"));

    const WatchEvent& error = result.events.at(4);
    QCOMPARE(error.type, Type::Error);
    QCOMPARE(error.status.code, 410);
    QCOMPARE(error.status.reason, QStringLiteral("Expired"));
    QVERIFY(error.status.isExpired());
    QCOMPARE(error.status.message, QStringLiteral("too old resource version: 5 (9)"));
}

void TestWatchStreamParser::anyCutGivesSameEvents() {
    const QByteArray stream = mixedStream();
    WatchStreamParser whole;
    const QStringList expected = describeAll(whole.feed(stream).events);
    QCOMPARE(expected.size(), 5);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        WatchStreamParser parser;
        QList<WatchEvent> events = parser.feed(QByteArrayView(stream).first(cut)).events;
        events += parser.feed(QByteArrayView(stream).sliced(cut)).events;
        events += parser.finish().events;
        QVERIFY2(describeAll(events) == expected, qPrintable(QStringLiteral("cut at %1").arg(cut)));
        QCOMPARE(parser.pendingBytes(), 0);
    }
}

void TestWatchStreamParser::byteAtATime() {
    const QByteArray stream = mixedStream();
    WatchStreamParser parser;
    QList<WatchEvent> events;
    for (qsizetype i = 0; i < stream.size(); ++i) {
        events += parser.feed(QByteArrayView(stream).sliced(i, 1)).events;
    }
    WatchStreamParser whole;
    QCOMPARE(describeAll(events), describeAll(whole.feed(stream).events));
}

void TestWatchStreamParser::keepsTrailingPartialLine() {
    const QByteArray first = watchLine("ADDED", pod("a", "1"));
    QByteArray second = watchLine("ADDED", pod("b", "2"));
    second.chop(1); // the server has not sent the newline yet
    WatchStreamParser parser;
    const auto result = parser.feed(first + second.first(40));
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(parser.pendingBytes(), 40);
    QVERIFY(parser.feed(second.sliced(40)).events.isEmpty());
    const auto last = parser.finish();
    QCOMPARE(last.events.size(), 1);
    QCOMPARE(last.events.at(0).object.name, QStringLiteral("b"));
}

void TestWatchStreamParser::bookmarkMarker_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("resourceVersion");
    QTest::addColumn<bool>("initialEventsEnd");
    QTest::newRow("plain bookmark")
        << watchLine("BOOKMARK", R"({"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"77"}})")
        << "77" << false;
    QTest::newRow("initial-events-end")
        << watchLine(
               "BOOKMARK",
               R"({"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"78","annotations":{"k8s.io/initial-events-end":"true"}}})")
        << "78" << true;
    QTest::newRow("other annotation only")
        << watchLine(
               "BOOKMARK",
               R"({"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"79","annotations":{"x":"true"}}})")
        << "79" << false;
    QTest::newRow("object before type")
        << QByteArray(
               R"({"object":{"kind":"Pod","metadata":{"resourceVersion":"80","annotations":{"k8s.io/initial-events-end":"true"}}},"type":"BOOKMARK"})"
               "\n")
        << "80" << true;
}

void TestWatchStreamParser::bookmarkMarker() {
    QFETCH(QByteArray, line);
    WatchStreamParser parser;
    const auto result = parser.feed(line);
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.at(0).type, Type::Bookmark);
    QTEST(result.events.at(0).resourceVersion, "resourceVersion");
    QTEST(result.events.at(0).initialEventsEnd, "initialEventsEnd");
}

void TestWatchStreamParser::malformedLinesDoNotStopTheStream_data() {
    QTest::addColumn<QByteArray>("badLine");
    QTest::newRow("truncated json") << QByteArray(
        R"({"type":"ADDED","object":{"kind":"Pod","metadata":{"na)");
    QTest::newRow("not json") << QByteArray("<html>proxy error</html>");
    QTest::newRow("unknown type") << QByteArray(R"({"type":"RENAMED","object":{"kind":"Pod"}})");
    QTest::newRow("no object") << QByteArray(R"({"type":"ADDED"})");
    QTest::newRow("error without status") << QByteArray(R"({"type":"ERROR","object":{"kind":"Pod"}})");
    QTest::newRow("object not an object") << QByteArray(R"({"type":"ADDED","object":"pod"})");
}

void TestWatchStreamParser::malformedLinesDoNotStopTheStream() {
    QFETCH(QByteArray, badLine);
    WatchStreamParser parser;
    const auto result =
        parser.feed(watchLine("ADDED", pod("a", "1")) + badLine + "\n" + watchLine("ADDED", pod("b", "2")));
    QCOMPARE(result.events.size(), 2);
    QCOMPARE(result.events.at(1).object.name, QStringLiteral("b"));
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.at(0).lineNumber, 2);
    QVERIFY(!result.errors.at(0).message.isEmpty());
}

void TestWatchStreamParser::tableFormEvents() {
    const QByteArray first = watchLine(
        "ADDED",
        R"({"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"20"},"columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"the name","priority":0},{"name":"IP","type":"string","format":"","description":"","priority":1}],"rows":[{"cells":["web-1","10.0.0.7"],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"web-1","namespace":"shop","uid":"u1","resourceVersion":"20","labels":{"app":"web"}}}}]})");
    const QByteArray second = watchLine(
        "MODIFIED",
        R"({"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"21"},"columnDefinitions":null,"rows":[{"cells":["web-1",null],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"web-1","namespace":"shop","uid":"u1","resourceVersion":"21"}}}]})");
    const QByteArray bookmark = watchLine(
        "BOOKMARK",
        R"({"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"30"},"columnDefinitions":null,"rows":[{"cells":[null,null],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"30","annotations":{"k8s.io/initial-events-end":"true"}}}}]})");
    WatchStreamParser parser;
    const auto result = parser.feed(first + second + bookmark);
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.events.size(), 3);

    const QList<TableColumn> columns = parser.tableColumns();
    QCOMPARE(columns.size(), 2);
    QCOMPARE(columns.at(0).format, QStringLiteral("name"));
    QCOMPARE(columns.at(1).name, QStringLiteral("IP"));
    QCOMPARE(columns.at(1).priority, 1);

    const WatchEvent& added = result.events.at(0);
    QVERIFY(added.tableForm);
    QCOMPARE(added.object.key(), QStringLiteral("shop/web-1"));
    QCOMPARE(added.object.uid, QStringLiteral("u1"));
    QCOMPARE(added.object.labels.value(QStringLiteral("app")), QStringLiteral("web"));
    QCOMPARE(added.object.tableCells, (QStringList{QStringLiteral("web-1"), QStringLiteral("10.0.0.7")}));
    QCOMPARE(result.events.at(1).resourceVersion, QStringLiteral("21"));
    QVERIFY(result.events.at(1).object.tableCells.at(1).isNull());
    QCOMPARE(result.events.at(2).type, Type::Bookmark);
    QCOMPARE(result.events.at(2).resourceVersion, QStringLiteral("30"));
    QVERIFY(result.events.at(2).initialEventsEnd);
}

void TestWatchStreamParser::managedFieldsDroppedOnRequest() {
    // What reflectors ask for: each object's json without metadata.managedFields, for a plain object and for
    // a Table row's embedded metadata alike.
    const QByteArray managed = R"("managedFields":[{"manager":"kubectl","operation":"Update"}])";
    const QByteArray plain =
        watchLine("ADDED", R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","namespace":"n",)" +
                               managed + R"(,"uid":"u1","resourceVersion":"5"},"spec":{}})");
    const QByteArray table = watchLine(
        "MODIFIED",
        R"({"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"6"},"rows":[{"cells":["a"],)"
        R"("object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"a",)" +
            managed + R"(,"namespace":"n","uid":"u1","resourceVersion":"6"}}}]})");
    WatchStreamParser parser;
    parser.setDropManagedFields(true);
    const auto result = parser.feed(plain + table);
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.events.size(), 2);
    QCOMPARE(
        result.events.at(0).object.json,
        QByteArray(R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","namespace":"n","uid":"u1",)"
                   R"("resourceVersion":"5"},"spec":{}})"));
    QCOMPARE(
        result.events.at(1).object.json,
        QByteArray(R"({"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"a",)"
                   R"("namespace":"n","uid":"u1","resourceVersion":"6"}})"));
    QCOMPARE(result.events.at(1).object.key(), QStringLiteral("n/a"));
    // Without the request, the bytes are as sent.
    WatchStreamParser keeping;
    QVERIFY(keeping.feed(plain).events.at(0).object.json.contains("managedFields"));
}

// The object's bytes end where reading its fields ends, whatever spacing follows and whichever key comes
// after it.
void TestWatchStreamParser::rawBytesExactlyTheObject() {
    const QByteArray object =
        R"({ "kind" : "ConfigMap", "apiVersion":"v1","metadata":{"name":"a}","namespace":"n","uid":"u",)"
        R"("resourceVersion":"7"},"data":{"k":"{\"}\\"} )"
        "\t}";
    WatchStreamParser parser;
    const auto result = parser.feed("{\"type\":\"ADDED\",\"object\":" + object +
                                    " \r}\n{\"object\": " + object + "\t, \"type\" : \"MODIFIED\"}\n");
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.events.size(), 2);
    QCOMPARE(result.events.at(0).object.json, object);
    QCOMPARE(result.events.at(1).type, Type::Modified);
    QCOMPARE(result.events.at(1).object.json, object);
    QCOMPARE(result.events.at(1).object.key(), QStringLiteral("n/a}"));
}

// A Table row's cells come as text, whatever their JSON type: what the cache shows and sorts.
void TestWatchStreamParser::cellsAsText() {
    const QByteArray line = watchLine(
        "ADDED",
        R"({"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"7"},"columnDefinitions":null,)"
        R"("rows":[{"cells":["web-1","Running",3,-2,18446744073709551615,0.5,2.0,1e300,true,false,null,"",)"
        R"(123456789012345678901234567890 , 1234567.5,0.1,)"
        R"({"b":1, "a":[2]},[1, "x"]],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",)"
        R"("metadata":{"name":"web-1","namespace":"shop","uid":"u1","resourceVersion":"7"}}}]})");
    WatchStreamParser parser;
    const auto result = parser.feed(line);
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.events.size(), 1);
    const QStringList cells = result.events.first().object.tableCells;
    const QStringList expected{"web-1",
                               "Running",
                               "3",
                               "-2",
                               "18446744073709551615",
                               "0.5",
                               "2",
                               "1e+300",
                               "true",
                               "false",
                               QString(),
                               "",
                               "123456789012345678901234567890",
                               "1234567.5",
                               "0.1",
                               R"({"a":[2],"b":1})",
                               R"([1,"x"])"};
    QCOMPARE(cells, expected);
    QVERIFY(cells.at(10).isNull());  // null: no value
    QVERIFY(!cells.at(11).isNull()); // an empty string is a value
}

QTEST_GUILESS_MAIN(TestWatchStreamParser)
#include "tst_watchstreamparser.moc"
