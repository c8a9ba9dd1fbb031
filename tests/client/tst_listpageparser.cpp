#include "listpageparser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace binnacle::client;

class TestListPageParser : public QObject {
    Q_OBJECT
private slots:
    void parsesListFixture();
    void pages_data();
    void pages();
    void itemKindFromListKind_data();
    void itemKindFromListKind();
    void tableList();
    void metadataBeforeItems();
    void rejects_data();
    void rejects();
    void cacheFields_data();
    void cacheFields();
    void bodyStorage_data();
    void bodyStorage();
    void repeatedStringsShared();
    void rawBytesExactlyTheObject_data();
    void rawBytesExactlyTheObject();
};

void TestListPageParser::parsesListFixture() {
    QFile file(QStringLiteral(BINNACLE_FIXTURES_DIR "/list-response.http"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray response = file.readAll();
    const QByteArray body = response.mid(response.indexOf("\r\n\r\n") + 4).trimmed();
    ListPageParser parser;
    QString error;
    const auto page = parser.parse(body, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->kind, QStringLiteral("ServiceAccountList"));
    QCOMPARE(page->itemKind, QStringLiteral("ServiceAccount"));
    QCOMPARE(page->resourceVersion, QStringLiteral("222"));
    QVERIFY(page->isLastPage());
    QVERIFY(!page->remainingItemCount);
    QCOMPARE(page->items.size(), 1);
    const ObjectSummary& item = page->items.at(0);
    QCOMPARE(item.kind, QStringLiteral("ServiceAccount"));
    QCOMPARE(item.apiVersion, QStringLiteral("v1"));
    QCOMPARE(item.key(), QStringLiteral("default/foobar"));
    QCOMPARE(item.resourceVersion, QStringLiteral("207"));
    // The kept bytes lack kind/apiVersion (items carry none); the full object gets them from the list.
    QVERIFY(!item.json.contains("\"kind\""));
    QCOMPARE(item.toJsonObject().value(QLatin1String("kind")).toString(), QStringLiteral("ServiceAccount"));
}

void TestListPageParser::pages_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("continueToken");
    QTest::addColumn<qint64>("remaining"); // -1: absent
    QTest::addColumn<QStringList>("keys");

    QTest::newRow("first page")
        << QByteArray(
               R"({"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"500","continue":"tok1","remainingItemCount":753},"items":[{"metadata":{"name":"a","namespace":"n1","labels":{"app":"a"}},"spec":{}},{"metadata":{"name":"b","namespace":"n2"}}]})")
        << "tok1" << qint64(753) << QStringList{"n1/a", "n2/b"};
    QTest::newRow("middle page, selectors: no count")
        << QByteArray(
               R"({"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"500","continue":"tok2"},"items":[{"metadata":{"name":"c","namespace":"n1"}}]})")
        << "tok2" << qint64(-1) << QStringList{"n1/c"};
    QTest::newRow("empty page that still continues")
        << QByteArray(
               R"({"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"500","continue":"tok3"},"items":[]})")
        << "tok3" << qint64(-1) << QStringList{};
    QTest::newRow("last page, null items")
        << QByteArray(
               R"({"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"500"},"items":null})")
        << "" << qint64(-1) << QStringList{};
    QTest::newRow("cluster-scoped, keys reordered")
        << QByteArray(
               R"({"items":[{"metadata":{"name":"node-1"}}],"metadata":{"resourceVersion":"500"},"apiVersion":"apps/v1","kind":"DeploymentList"})")
        << "" << qint64(-1) << QStringList{"node-1"};
}

void TestListPageParser::pages() {
    QFETCH(QByteArray, body);
    QFETCH(qint64, remaining);
    QFETCH(QStringList, keys);
    ListPageParser parser;
    QString error;
    const auto page = parser.parse(body, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->resourceVersion, QStringLiteral("500"));
    QTEST(page->continueToken, "continueToken");
    QCOMPARE(page->remainingItemCount.value_or(-1), remaining);
    QStringList actual;
    for (const ObjectSummary& item : page->items) {
        actual.append(item.key());
        QCOMPARE(item.kind, QStringLiteral("Deployment"));
        QCOMPARE(item.apiVersion, QStringLiteral("apps/v1"));
    }
    QCOMPARE(actual, keys);
}

void TestListPageParser::itemKindFromListKind_data() {
    QTest::addColumn<QString>("listKind");
    QTest::addColumn<QString>("itemKind");
    QTest::newRow("pods") << "PodList"
                          << "Pod";
    QTest::newRow("crd") << "DestinationRuleList"
                         << "DestinationRule";
    QTest::newRow("bare List") << "List"
                               << "";
    QTest::newRow("not a list") << "Table"
                                << "";
}

void TestListPageParser::itemKindFromListKind() {
    QFETCH(QString, listKind);
    QTEST(ListPageParser::itemKindForListKind(listKind), "itemKind");
}

// The callback sees the list's metadata (continue token included) before any item is read, when the server
// sends metadata first; and still once, with the items, when it comes last.
void TestListPageParser::metadataBeforeItems() {
    const QByteArray metadataFirst =
        R"({"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"5","continue":"next"},"items":[{"metadata":{"name":"a","namespace":"n","uid":"u1","resourceVersion":"4"}}]})";
    const QByteArray metadataLast =
        R"({"kind":"ConfigMapList","apiVersion":"v1","items":[{"metadata":{"name":"a","namespace":"n","uid":"u1","resourceVersion":"4"}}],"metadata":{"resourceVersion":"5"}})";
    ListPageParser parser;
    QString error;
    QList<ListPage> heads;
    const auto record = [&](const ListPage& head) { heads.append(head); };
    auto page = parser.parse(metadataFirst, &error, record);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(heads.size(), 1);
    QCOMPARE(heads.at(0).continueToken, QStringLiteral("next"));
    QCOMPARE(heads.at(0).resourceVersion, QStringLiteral("5"));
    QVERIFY(heads.at(0).items.isEmpty());
    QCOMPARE(page->items.size(), 1);

    heads.clear();
    page = parser.parse(metadataLast, &error, record);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(heads.size(), 1);
    QVERIFY(heads.at(0).isLastPage());
    QCOMPARE(heads.at(0).items.size(), 1);
}

void TestListPageParser::tableList() {
    const QByteArray body =
        R"({"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"9562","continue":"c1","remainingItemCount":12},"columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"","priority":0},{"name":"Ready","type":"string","format":"","description":"","priority":0}],"rows":[{"cells":["web-1","1/1"],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"web-1","namespace":"shop","uid":"u1","resourceVersion":"7"}}},{"cells":["web-2","0/1"],"conditions":[{"type":"Completed","status":"True"}],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"web-2","namespace":"shop","uid":"u2","resourceVersion":"8"}}}]})";
    ListPageParser parser;
    QString error;
    const auto page = parser.parse(body, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->tableColumns.size(), 2);
    QCOMPARE(page->items.size(), 2);
    QCOMPARE(page->items.at(1).key(), QStringLiteral("shop/web-2"));
    QCOMPARE(page->items.at(1).tableCells.at(1), QStringLiteral("0/1"));
    QCOMPARE(page->continueToken, QStringLiteral("c1"));
    QCOMPARE(page->remainingItemCount.value_or(0), 12);
}

void TestListPageParser::rejects_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("status") << QByteArray(
        R"({"kind":"Status","apiVersion":"v1","status":"Failure","code":410})");
    QTest::newRow("truncated") << QByteArray(R"({"kind":"PodList","items":[{"metadata":{"name":"a"})");
    QTest::newRow("not json") << QByteArray("502 Bad Gateway");
    QTest::newRow("items not an array") << QByteArray(R"({"kind":"PodList","items":{}})");
}

void TestListPageParser::rejects() {
    QFETCH(QByteArray, body);
    ListPageParser parser;
    QString error;
    QVERIFY(!parser.parse(body, &error));
    QVERIFY(!error.isEmpty());
    // The parser is still usable after a failure.
    QVERIFY(parser.parse(R"({"kind":"PodList","apiVersion":"v1","metadata":{},"items":[]})", &error));
}

void TestListPageParser::cacheFields_data() {
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<QStringList>("ownerUids");
    QTest::addColumn<QString>("nodeName");
    QTest::addColumn<QString>("deletionTimestamp");
    const QByteArray managed =
        R"("managedFields":[{"manager":"kubectl","operation":"Update","fieldsV1":{"f:metadata":{"f:labels":{".":{}}}}},{"manager":"x]\"[","operation":"Apply"}])";
    QTest::newRow("managedFields in the middle")
        << QByteArray(
               R"({"metadata":{"name":"a","namespace":"n",)" + managed +
               R"(,"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u-1"}]},"spec":{"containers":[],"nodeName":"node-1"}})")
        << QStringList{QStringLiteral("u-1")} << QStringLiteral("node-1") << QString();
    QTest::newRow("managedFields last, with spaces")
        << QByteArray(R"({"metadata":{"name":"a","deletionTimestamp":"2026-11-26T10:00:00Z" , )" + managed +
                      R"( },"spec":{"nodeName":null}})")
        << QStringList{} << QString() << QStringLiteral("2026-11-26T10:00:00Z");
    QTest::newRow("managedFields alone")
        << QByteArray(R"({"metadata":{)" + managed + R"(}})") << QStringList{} << QString() << QString();
    QTest::newRow("no managedFields, two owners")
        << QByteArray(
               R"({"metadata":{"name":"b","ownerReferences":[{"uid":"u-1"},{"kind":"X","uid":"u-2"}]}})")
        << QStringList{QStringLiteral("u-1"), QStringLiteral("u-2")} << QString() << QString();
}

void TestListPageParser::cacheFields() {
    QFETCH(QByteArray, item);
    QFETCH(QStringList, ownerUids);
    QFETCH(QString, nodeName);
    QFETCH(QString, deletionTimestamp);
    const QByteArray body =
        R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5"},"items":[)" + item + "]}";
    ListPageParser parser;
    QString error;
    const auto page = parser.parse(body, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->items.size(), 1);
    const ObjectSummary& summary = page->items.at(0);
    QCOMPARE(summary.ownerUids, ownerUids);
    QCOMPARE(summary.nodeName, nodeName);
    QCOMPARE(summary.deletionTimestamp, deletionTimestamp);

    // The stripped bytes are the same object minus metadata.managedFields, still valid JSON.
    QJsonParseError parseError;
    const QJsonDocument stripped = QJsonDocument::fromJson(summary.jsonWithoutManagedFields(), &parseError);
    QVERIFY2(stripped.isObject(), qPrintable(parseError.errorString() + QLatin1String(": ") +
                                             QString::fromUtf8(summary.jsonWithoutManagedFields())));
    QJsonObject expected = QJsonDocument::fromJson(item).object();
    QJsonObject metadata = expected.value(QLatin1String("metadata")).toObject();
    metadata.remove(QLatin1String("managedFields"));
    expected.insert(QLatin1String("metadata"), metadata);
    QCOMPARE(stripped.object(), expected);

    // Dropped at parse time (what reflectors ask for): the same bytes, with nothing left to cut.
    ListPageParser dropping;
    dropping.setDropManagedFields(true);
    const auto droppedPage = dropping.parse(body, &error);
    QVERIFY2(droppedPage, qPrintable(error));
    const ObjectSummary& dropped = droppedPage->items.at(0);
    QCOMPARE(dropped.json, summary.jsonWithoutManagedFields());
    QCOMPARE(dropped.jsonWithoutManagedFields(), dropped.json);
    QCOMPARE(dropped.ownerUids, ownerUids);
    QCOMPARE(dropped.nodeName, nodeName);
}

// A body with spare capacity past its end is parsed where it lies (ClusterTransport leaves 64 zero bytes
// there); whatever those bytes hold, and whatever storage the body has, the page is the same.
void TestListPageParser::bodyStorage_data() {
    QTest::addColumn<QString>("storage");
    QTest::newRow("exact size") << QStringLiteral("exact");
    QTest::newRow("spare capacity, zeros") << QStringLiteral("zeros");
    QTest::newRow("spare capacity, JSON-like junk") << QStringLiteral("junk");
    QTest::newRow("raw data") << QStringLiteral("raw");
    QTest::newRow("free space before the data") << QStringLiteral("front");
}

void TestListPageParser::bodyStorage() {
    QFETCH(QString, storage);
    const QByteArray json =
        R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"12","continue":"next"},"items":[{"metadata":{"name":"a","namespace":"n","labels":{"app":"web"}}},{"metadata":{"name":"b","namespace":"n"}}]})";
    QByteArray body;
    if (storage == QLatin1String("front")) {
        // remove() from the front leaves the room there: capacity() counts it, the room after the end is 0.
        body = QByteArray(300, ' ') + json;
        body.squeeze();
        body.remove(0, 300);
        QVERIFY(body.capacity() - body.size() >= 64);
        QCOMPARE(body.data_ptr().freeSpaceAtEnd(), 0);
    } else if (storage == QLatin1String("exact") || storage == QLatin1String("raw")) {
        body = QByteArray(json.constData(), json.size());
        body.squeeze();
    } else {
        body = json;
        body.resize(json.size() + 200, storage == QLatin1String("zeros") ? '\0' : '"');
        if (storage == QLatin1String("junk")) {
            body.replace(json.size(), 6, "]}{\"x\"");
        }
        body.resize(json.size()); // keeps the allocation and what lies past the end
    }
    ListPageParser parser;
    QString error;
    const auto page =
        storage == QLatin1String("raw")
            ? parser.parseInPlace(QByteArray::fromRawData(json.constData(), json.size()), &error)
            : parser.parseInPlace(body, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->continueToken, QStringLiteral("next"));
    QCOMPARE(page->items.size(), 2);
    QCOMPARE(page->items.at(0).key(), QStringLiteral("n/a"));
    QCOMPARE(page->items.at(0).labels.value(QStringLiteral("app")), QStringLiteral("web"));
    QCOMPARE(page->items.at(1).key(), QStringLiteral("n/b"));
    QCOMPARE(page->items.at(1).json, QByteArray(R"({"metadata":{"name":"b","namespace":"n"}})"));
}

// Label keys and values, namespaces and owners repeat from object to object: they come out as one shared
// string each (no copy per object), and equal bytes never stand for a different string.
void TestListPageParser::repeatedStringsShared() {
    QByteArray items;
    for (int i = 0; i < 600; ++i) {
        items += (i ? "," : "") + QByteArray(R"({"metadata":{"name":"p)") + QByteArray::number(i) +
                 R"(","namespace":"shop","uid":"u)" + QByteArray::number(i) +
                 R"(","labels":{"app":"web","idx":")" + QByteArray::number(i % 300) +
                 R"("},"ownerReferences":[{"uid":"rs-1"}]}})";
    }
    const QByteArray body = R"({"kind":"PodList","apiVersion":"v1","metadata":{},"items":[)" + items + "]}";
    ListPageParser parser;
    QString error;
    const auto page = parser.parse(body, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->items.size(), 600);
    // A small table may evict a string now and then (300 distinct values compete with the shared ones),
    // so sharing shows as few distinct copies, not one.
    QSet<const QChar*> appCopies;
    QSet<const QChar*> namespaceCopies;
    QSet<const QChar*> ownerCopies;
    for (const ObjectSummary& item : page->items) {
        appCopies.insert(item.labels.value(QStringLiteral("app")).constData());
        namespaceCopies.insert(item.namespaceName.constData());
        ownerCopies.insert(item.ownerUids.at(0).constData());
    }
    QCOMPARE_LT(appCopies.size(), 30);
    QCOMPARE_LT(namespaceCopies.size(), 30);
    QCOMPARE_LT(ownerCopies.size(), 30);
    // Every object keeps its own values, distinct strings included (300 of them compete for the table).
    for (int i = 0; i < 600; ++i) {
        const ObjectSummary& item = page->items.at(i);
        QCOMPARE(item.name, QStringLiteral("p%1").arg(i));
        QCOMPARE(item.labels.value(QStringLiteral("idx")), QString::number(i % 300));
        QCOMPARE(item.namespaceName, QStringLiteral("shop"));
        QCOMPARE(item.ownerUids, QStringList{QStringLiteral("rs-1")});
    }
}

// An object's raw bytes are found where reading its fields ends, not by a walk of their own: whatever the
// spacing around and inside the objects, and braces or quotes inside strings, they are exactly the object.
void TestListPageParser::rawBytesExactlyTheObject_data() {
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QByteArray>("separator");
    const QByteArray tricky =
        R"({"metadata":{"name":"a}","namespace":"n","annotations":{"x":"{\"}\\"}},"spec":{"y":[{},[]]}})";
    const QByteArray spaced =
        "{ \"metadata\" : { \"name\" : \"b\" , \"namespace\" : \"n\" } ,\n\t\"data\" : { } }";
    QTest::newRow("compact") << tricky << QByteArray(R"({"metadata":{"name":"b","namespace":"n"}})")
                             << QByteArray(",");
    QTest::newRow("spaced") << tricky << spaced << QByteArray(" \r\n ,\n\t");
    QTest::newRow("spaced first") << spaced << tricky << QByteArray("\n,");
}

void TestListPageParser::rawBytesExactlyTheObject() {
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QByteArray, separator);
    const QByteArray list = "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[ " +
                            first + separator + second + " \n] }";
    ListPageParser parser;
    QString error;
    auto page = parser.parse(list, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->items.size(), 2);
    QCOMPARE(page->items.at(0).json, first);
    QCOMPARE(page->items.at(1).json, second);

    // The same objects embedded in Table rows, the last member of their row.
    const QByteArray table = "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{},"
                             "\"columnDefinitions\":[],\"rows\":[{\"cells\":[\"a\"],\"object\":" +
                             first + separator.replace(',', ' ') +
                             "}, {\"cells\":[\"b\"],\"object\": " + second + "\n}]}";
    page = parser.parse(table, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->items.size(), 2);
    QCOMPARE(page->items.at(0).json, first);
    QCOMPARE(page->items.at(1).json, second);
}

QTEST_GUILESS_MAIN(TestListPageParser)
#include "tst_listpageparser.moc"
