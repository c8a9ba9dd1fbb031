#include "informerstore.h"
#include "informertesting.h"
#include "jsoncompressor.h"

#include <QTest>
#include <thread>

using namespace binnacle::informers;
using binnacle::client::WatchEvent;
using binnacle::testing::summary;
using binnacle::testing::watchEvent;

namespace {
QStringList names(const QList<CachedObjectPtr>& objects) {
    QStringList result;
    for (const CachedObjectPtr& object : objects) {
        result.append(object->key);
    }
    result.sort();
    return result;
}
} // namespace

class TestInformerStore : public QObject {
    Q_OBJECT
private slots:
    void firstSnapshotAddsEverything();
    void relistEmitsOnlyDifferences();
    void restartedFirstListDropsWhatItNoLongerHas();
    void eventsCoalesceWithinAWindow();
    void recreatedUnderTheSameNameIsANewRow();
    void replayedEventsChangeNothing();
    void indexes();
    void managedFieldsAreNotCached();
    void pageJsonSurvivesCompaction();
    void compressorRoundTrips();
    void stringPoolSlots();
    void uncompactedBytesCounted();
};

void TestInformerStore::firstSnapshotAddsEverything() {
    InformerStore store;
    store.beginSnapshot();
    store.applySnapshotPage({summary("a", "p-1", "u1", "10"), summary("a", "p-2", "u2", "11")});
    store.applySnapshotPage({summary("b", "p-3", "u3", "12")});
    store.endSnapshot();
    const StoreDelta delta = store.takeDelta();
    QCOMPARE(names(delta.added), (QStringList{"a/p-1", "a/p-2", "b/p-3"}));
    QVERIFY(delta.updated.isEmpty());
    QVERIFY(delta.removed.isEmpty());
    QCOMPARE(store.size(), 3);
    QVERIFY(store.takeDelta().isEmpty());
}

void TestInformerStore::relistEmitsOnlyDifferences() {
    InformerStore store;
    store.beginSnapshot();
    store.applySnapshotPage({summary("a", "same", "u1", "10"), summary("a", "changed", "u2", "11"),
                             summary("a", "gone", "u3", "12")});
    store.endSnapshot();
    store.takeDelta();

    // The relist after a 410: one unchanged, one changed, one deleted, one new.
    store.beginSnapshot();
    store.applySnapshotPage(
        {summary("a", "same", "u1", "10"), summary("a", "changed", "u2", "20", "Failed")});
    store.applySnapshotPage({summary("a", "new", "u4", "21")});
    store.endSnapshot();
    const StoreDelta delta = store.takeDelta();
    QCOMPARE(names(delta.added), QStringList{"a/new"});
    QCOMPARE(names(delta.updated), QStringList{"a/changed"});
    QCOMPARE(names(delta.removed), QStringList{"a/gone"});
    QCOMPARE(delta.updated.first()->cells.value(1), QStringLiteral("Failed"));
    QCOMPARE(delta.removed.first()->resourceVersion, QStringLiteral("12")); // the last state known
    QCOMPARE(store.size(), 3);
}

void TestInformerStore::restartedFirstListDropsWhatItNoLongerHas() {
    // The first list of an empty cache failed after a page (its continue token expired) and started over:
    // what the second list lacks was deleted meanwhile and must go, though the first list tracked nothing.
    InformerStore store;
    store.beginSnapshot();
    store.applySnapshotPage({summary("a", "kept", "u1", "10"), summary("a", "deleted", "u2", "11")});
    store.beginSnapshot();
    store.applySnapshotPage({summary("a", "kept", "u1", "10")});
    store.endSnapshot();
    const StoreDelta delta = store.takeDelta();
    QCOMPARE(names(delta.added), QStringList{"a/kept"}); // never shown, so "deleted" is not reported
    QVERIFY(delta.removed.isEmpty());
    QCOMPARE(store.size(), 1);
}

void TestInformerStore::eventsCoalesceWithinAWindow() {
    InformerStore store;
    store.applyEvents({watchEvent(WatchEvent::Type::Added, summary("a", "p", "u1", "1"))});
    store.takeDelta();
    store.applyEvents({
        watchEvent(WatchEvent::Type::Modified, summary("a", "p", "u1", "2")),
        watchEvent(WatchEvent::Type::Modified, summary("a", "p", "u1", "3", "Failed")),
        watchEvent(WatchEvent::Type::Added, summary("a", "short", "u2", "4")),
        watchEvent(WatchEvent::Type::Deleted,
                   summary("a", "short", "u2", "5")), // added and gone: nothing to say
        watchEvent(WatchEvent::Type::Added, summary("a", "q", "u3", "6")),
        watchEvent(WatchEvent::Type::Modified, summary("a", "q", "u3", "7")),
    });
    const StoreDelta delta = store.takeDelta();
    QCOMPARE(names(delta.updated), QStringList{"a/p"});
    QCOMPARE(delta.updated.first()->resourceVersion, QStringLiteral("3"));
    QCOMPARE(names(delta.added), QStringList{"a/q"});
    QCOMPARE(delta.added.first()->resourceVersion, QStringLiteral("7"));
    QVERIFY(delta.removed.isEmpty());

    store.applyEvents({watchEvent(WatchEvent::Type::Modified, summary("a", "q", "u3", "8")),
                       watchEvent(WatchEvent::Type::Deleted, summary("a", "q", "u3", "9"))});
    const StoreDelta second = store.takeDelta();
    QCOMPARE(names(second.removed), QStringList{"a/q"});
    QVERIFY(second.updated.isEmpty());
    QVERIFY(second.added.isEmpty());
}

void TestInformerStore::recreatedUnderTheSameNameIsANewRow() {
    InformerStore store;
    store.applyEvents({watchEvent(WatchEvent::Type::Added, summary("a", "p", "old-uid", "1"))});
    store.takeDelta();
    // The relist saw the same name with another uid: deleted and created while we were away.
    store.beginSnapshot();
    store.applySnapshotPage({summary("a", "p", "new-uid", "9")});
    store.endSnapshot();
    const StoreDelta delta = store.takeDelta();
    QCOMPARE(delta.removed.size(), 1);
    QCOMPARE(delta.removed.first()->uid, QStringLiteral("old-uid"));
    QCOMPARE(delta.added.size(), 1);
    QCOMPARE(delta.added.first()->uid, QStringLiteral("new-uid"));
    QVERIFY(delta.updated.isEmpty());
}

void TestInformerStore::replayedEventsChangeNothing() {
    InformerStore store;
    store.applyEvents({watchEvent(WatchEvent::Type::Added, summary("a", "p", "u1", "1"))});
    store.takeDelta();
    store.applyEvents({watchEvent(WatchEvent::Type::Added, summary("a", "p", "u1", "1")),
                       watchEvent(WatchEvent::Type::Modified, summary("a", "p", "u1", "1")),
                       watchEvent(WatchEvent::Type::Deleted, summary("a", "never-seen", "u9", "2"))});
    QVERIFY(store.takeDelta().isEmpty());
    QCOMPARE(store.size(), 1);
}

void TestInformerStore::indexes() {
    InformerStore store;
    auto owned = summary("a", "web-1", "u1", "1");
    owned.ownerUids = {QStringLiteral("rs-1")};
    owned.nodeName = QStringLiteral("node-a");
    auto other = summary("b", "db-1", "u2", "2");
    other.nodeName = QStringLiteral("node-a");
    // Queried while empty: built then, and kept up to date by the additions (the others are built from
    // the cache when first queried below).
    QVERIFY(store.byIndex(InformerStore::Index::Namespace, "a").isEmpty());
    store.applyEvents(
        {watchEvent(WatchEvent::Type::Added, owned), watchEvent(WatchEvent::Type::Added, other)});
    QCOMPARE(names(store.byIndex(InformerStore::Index::Namespace, "a")), QStringList{"a/web-1"});
    QCOMPARE(names(store.byIndex(InformerStore::Index::OwnerUid, "rs-1")), QStringList{"a/web-1"});
    QCOMPARE(names(store.byIndex(InformerStore::Index::Label, "app=db")), QStringList{"b/db-1"});
    QCOMPARE(names(store.byIndex(InformerStore::Index::NodeName, "node-a")),
             (QStringList{"a/web-1", "b/db-1"}));

    // Moving to another node and deleting keep the indexes exact.
    other.nodeName = QStringLiteral("node-b");
    other.resourceVersion = QStringLiteral("3");
    store.applyEvents(
        {watchEvent(WatchEvent::Type::Modified, other), watchEvent(WatchEvent::Type::Deleted, owned)});
    QCOMPARE(names(store.byIndex(InformerStore::Index::NodeName, "node-a")), QStringList{});
    QCOMPARE(names(store.byIndex(InformerStore::Index::NodeName, "node-b")), QStringList{"b/db-1"});
    QVERIFY(store.byIndex(InformerStore::Index::OwnerUid, "rs-1").isEmpty());
    QVERIFY(store.byIndex(InformerStore::Index::Namespace, "a").isEmpty());
}

void TestInformerStore::managedFieldsAreNotCached() {
    auto object = summary("a", "p", "u1", "1");
    object.json = R"({"metadata":{"name":"p","managedFields":[{"manager":"kubectl"}],"uid":"u1"},"spec":{}})";
    object.managedFieldsBegin = object.json.indexOf("\"managedFields\"");
    object.managedFieldsEnd = object.json.indexOf("}],") + 2;
    StringPool pool;
    const CachedObjectPtr cached = CachedObject::fromSummary(object, &pool);
    QCOMPARE(cached->json(), QByteArray(R"({"metadata":{"name":"p","uid":"u1"},"spec":{}})"));
    QCOMPARE(cached->createdMsecs, QDateTime(QDate(2026, 11, 26), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(cached->label("app"), QStringLiteral("p"));
}

void TestInformerStore::pageJsonSurvivesCompaction() {
    // A page's objects keep their plain JSON in one shared slab until compressed; each reads back exactly,
    // before and after, and a copy taken before compaction stays valid after the slab is gone.
    QList<binnacle::client::ObjectSummary> page;
    QStringList expected;
    for (int i = 0; i < 3; ++i) {
        auto object = summary("a", QStringLiteral("p-%1").arg(i), QStringLiteral("u%1").arg(i), "1");
        const QByteArray name = QByteArray::number(i);
        object.json = R"({"metadata":{"name":"p-)" + name +
                      R"(","managedFields":[{"manager":"kubectl"}],"uid":"u)" + name + R"("},"spec":{}})";
        object.managedFieldsBegin = object.json.indexOf("\"managedFields\"");
        object.managedFieldsEnd = object.json.indexOf("}],") + 2;
        page.append(object);
        expected.append(QStringLiteral(R"({"metadata":{"name":"p-%1","uid":"u%1"},"spec":{}})").arg(i));
    }
    InformerStore store;
    store.beginSnapshot();
    store.applySnapshotPage(page);
    store.endSnapshot();
    QList<QByteArray> before;
    for (int i = 0; i < 3; ++i) {
        const CachedObjectPtr cached = store.get(QStringLiteral("a/p-%1").arg(i));
        QVERIFY(!cached->isJsonCompacted());
        before.append(cached->json());
        QCOMPARE(QString::fromUtf8(before.last()), expected.at(i));
    }
    QCOMPARE(store.compactSome(100), 0);
    for (int i = 0; i < 3; ++i) {
        const CachedObjectPtr cached = store.get(QStringLiteral("a/p-%1").arg(i));
        QVERIFY(cached->isJsonCompacted());
        QCOMPARE(QString::fromUtf8(cached->json()), expected.at(i));
        QCOMPARE(QString::fromUtf8(before.at(i)), expected.at(i));
    }
}

void TestInformerStore::compressorRoundTrips() {
    JsonCompressor compressor;
    QByteArray large;
    for (int i = 0; i < 5000; ++i) {
        large += "{\"name\":\"pod-" + QByteArray::number(i) + "\"},";
    }
    for (const QByteArray& json : {QByteArray(), QByteArray("{}"), QByteArray("{\"a\":1}"), large + large}) {
        const auto compressed = compressor.compress(json); // one context, reused between objects
        QCOMPARE(JsonCompressor::decompress(compressed), json);
    }
    // Objects after the first are primed with an earlier one: a sibling costs a fraction of it, and each
    // reads back through the dictionary it was compressed against, also across a renewal.
    JsonCompressor primed;
    const auto pod = [](int i) {
        return R"({"metadata":{"name":"checkout-web-)" + QByteArray::number(i) +
               R"(","namespace":"shop","labels":{"app.kubernetes.io/name":"checkout-web","tier":"frontend"},)"
               R"("ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"checkout-web-7d9f"}]}})";
    };
    const auto first = primed.compress(pod(0));
    QVERIFY(!first.dictionary);
    QList<JsonCompressor::Compressed> siblings;
    for (int i = 1; i <= JsonCompressor::dictionaryRenewal + 1; ++i) {
        siblings.append(primed.compress(pod(i)));
    }
    QVERIFY(siblings.first().dictionary);
    QVERIFY(siblings.first().bytes.size() * 3 < first.bytes.size());
    QVERIFY(siblings.last().dictionary != siblings.first().dictionary); // renewed
    QCOMPARE(JsonCompressor::decompress(first), pod(0));
    QCOMPARE(JsonCompressor::decompress(siblings.first()), pod(1));
    QCOMPARE(JsonCompressor::decompress(siblings.last()), pod(JsonCompressor::dictionaryRenewal + 1));
    QVERIFY(
        JsonCompressor::decompress({siblings.first().bytes, nullptr}).isEmpty()); // its dictionary missing
    // Damaged bytes read back as nothing, not as a crash or garbage.
    QVERIFY(JsonCompressor::decompress({siblings.first().bytes.chopped(3), siblings.first().dictionary})
                .isEmpty());
    QVERIFY(JsonCompressor::decompress({QByteArray("not a frame"), nullptr}).isEmpty());
    QVERIFY(JsonCompressor::decompress({QByteArray(), nullptr}).isEmpty());
    // Any thread reads objects back (the GUI's, a store's): each has a context of its own.
    QByteArray readElsewhere;
    std::thread reader([&] { readElsewhere = JsonCompressor::decompress(siblings.last()); });
    reader.join();
    QCOMPARE(readElsewhere, pod(JsonCompressor::dictionaryRenewal + 1));
    // Through the cache: compaction keeps the same bytes and holds fewer of them.
    InformerStore store;
    auto object = summary("a", "p", "u1", "1");
    object.json =
        R"({"metadata":{"name":"p","managedFields":[{"manager":"kubectl"}],"uid":"u1"},"spec":{"data":")" +
        large + R"("}})";
    object.managedFieldsBegin = object.json.indexOf("\"managedFields\"");
    object.managedFieldsEnd = object.json.indexOf("}],") + 2;
    store.applyEvents({watchEvent(WatchEvent::Type::Added, object)});
    const CachedObjectPtr cached = store.get("a/p");
    const QByteArray plain = cached->json();
    const qsizetype plainBytes = cached->approximateBytes();
    QVERIFY(!cached->isJsonCompacted());
    QCOMPARE(store.uncompactedCount(), 1);
    QCOMPARE(store.compactSome(10), 0);
    QVERIFY(cached->isJsonCompacted());
    QCOMPARE(cached->json(), plain);
    QVERIFY(!plain.contains("managedFields"));
    QVERIFY(cached->approximateBytes() < plainBytes / 4);
}

void TestInformerStore::stringPoolSlots() {
    StringPool pool;
    // Equal values share one copy, whether they repeat at their place or come back later.
    const QString first = pool.intern(0, QString::fromLatin1("shop"));
    QVERIFY(pool.intern(0, QString::fromLatin1("shop")).isSharedWith(first));
    pool.intern(0, QString::fromLatin1("billing"));
    QVERIFY(pool.intern(0, QString::fromLatin1("shop")).isSharedWith(first));
    QVERIFY(pool.intern(QString::fromLatin1("shop")).isSharedWith(first));

    // A place whose values are all distinct (a pod IP) stops filling the pool after its trial; one whose
    // values repeat keeps sharing.
    const qsizetype before = pool.size();
    QList<QString> held; // the objects holding them: the pool prunes only what nobody holds
    const int distinct = int(StringPool::slotTrial) * 3;
    for (int i = 0; i < distinct; ++i) {
        held.append(pool.intern(7, QStringLiteral("10.0.%1.%2").arg(i / 256).arg(i % 256)));
        held.append(pool.intern(8, QString::fromLatin1(i % 2 ? "Running" : "Pending")));
    }
    // The trial's values are pooled but for its last, which ends it; then "Running" and "Pending".
    QCOMPARE(pool.size(), before + qsizetype(StringPool::slotTrial) - 1 + 2);
    QCOMPARE(held.at(2 * distinct - 1), QStringLiteral("Running"));
    QVERIFY(held.at(2 * distinct - 1).isSharedWith(held.at(3)));
    QCOMPARE(held.at(2 * distinct - 2), QStringLiteral("10.0.5.255"));
}

// What waits for compression is counted in plain JSON bytes (the informer compresses at once past a limit):
// each stored state adds its bytes, replaced states count until compaction passes them, and compaction
// brings the count back down.
void TestInformerStore::uncompactedBytesCounted() {
    InformerStore store;
    QCOMPARE(store.uncompactedBytes(), 0);
    auto first = summary("a", "p-1", "u1", "1");
    auto second = summary("a", "p-2", "u2", "1");
    store.applyEvents(
        {watchEvent(WatchEvent::Type::Added, first), watchEvent(WatchEvent::Type::Added, second)});
    const qsizetype both = store.get("a/p-1")->jsonBytes() + store.get("a/p-2")->jsonBytes();
    QVERIFY(both > 0);
    QCOMPARE(store.uncompactedBytes(), both);

    first.resourceVersion = QStringLiteral("2");
    store.applyEvents({watchEvent(WatchEvent::Type::Modified, first)});
    const qsizetype withReplaced = both + store.get("a/p-1")->jsonBytes();
    QCOMPARE(store.uncompactedBytes(), withReplaced);
    QCOMPARE(store.uncompactedCount(), 3);

    QCOMPARE(store.compactSome(1),
             1); // the replaced state is passed over, p-2 compressed, p-1's new state waits
    QCOMPARE(store.uncompactedBytes(), store.get("a/p-1")->jsonBytes());
    QVERIFY(store.get("a/p-2")->isJsonCompacted());
    QCOMPARE(store.compactSome(10), 0);
    QCOMPARE(store.uncompactedBytes(), 0);
}

QTEST_GUILESS_MAIN(TestInformerStore)
#include "tst_informerstore.moc"
