#include "informertesting.h"
#include "resourcefilterproxy.h"
#include "resourcetablemodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using namespace binnacle;
using namespace binnacle::informers;
using binnacle::testing::summary;

namespace {

StringPool pool;

CachedObjectPtr cached(const QString& ns, const QString& name, const QString& uid, const QString& rv,
                       const QString& status = QStringLiteral("Running"), int restarts = 0) {
    return CachedObject::fromSummary(summary(ns, name, uid, rv, status, restarts), &pool);
}

InformerBatch batch(QList<CachedObjectPtr> added, QList<CachedObjectPtr> updated = {},
                    QList<CachedObjectPtr> removed = {}, bool snapshot = false) {
    InformerBatch result;
    result.delta.added = std::move(added);
    result.delta.updated = std::move(updated);
    result.delta.removed = std::move(removed);
    result.columns = testing::podColumns();
    result.isSnapshot = snapshot;
    result.synced = true;
    return result;
}

QStringList keysInOrder(const QAbstractItemModel& model) {
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row) {
        keys.append(model.index(row, 0).data(ResourceTableModel::KeyRole).toString());
    }
    return keys;
}

} // namespace

class TestResourceTableModel : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void snapshotIsOneInsertAfterTheColumns();
    void batchesBecomeMergedRanges();
    void overlapWithTheSnapshotIsIdempotent();
    void namespaceColumnAndAges();
    void cellsRoleIsTheRowsTexts();
    void humanDuration_data();
    void humanDuration();
    void ageTickDoesNotResort();
    void ageTickReadsNoSortValues();
    void sortSwitchesBetweenColumnsOfOneStandIn();
    void printedDurationsCountOn();
    void selectionSurvivesAThousandUpdates();
    void proxyFiltersAndSorts();
    void quantitiesAndNaturalOrder();

private:
    std::unique_ptr<InformerSubscription> m_subscription;
    std::unique_ptr<ResourceTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    void deliver(const InformerBatch& delivered) { m_subscription->deliverBatch(delivered); }
    // With the columns of a pod Table that has an Age column (NAME, STATUS, RESTARTS, AGE).
    void deliverWithAge(InformerBatch delivered) {
        delivered.columns = testing::podColumns();
        delivered.columns.append({QStringLiteral("Age"), QStringLiteral("string"), {}, {}, 0});
        deliver(delivered);
    }
};

void TestResourceTableModel::init() {
    m_subscription = std::make_unique<InformerSubscription>();
    m_model = std::make_unique<ResourceTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setSubscription(m_subscription.get());
}

void TestResourceTableModel::cleanup() {
    m_tester.reset();
    m_model.reset();
    m_subscription.reset();
}

void TestResourceTableModel::snapshotIsOneInsertAfterTheColumns() {
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsInserted);
    deliver(batch(
        {cached("b", "web-2", "u3", "1"), cached("a", "web-1", "u1", "1"), cached("a", "db-1", "u2", "1")},
        {}, {}, true));
    QCOMPARE(resets.size(), 1); // the columns arrived: the shape changed once
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(inserts.at(0).at(1).toInt(), 0);
    QCOMPARE(inserts.at(0).at(2).toInt(), 2);
    QCOMPARE(keysInOrder(*m_model), (QStringList{"a/db-1", "a/web-1", "b/web-2"}));
    QCOMPARE(m_model->columnCount(), 3);
    QCOMPARE(m_model->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Restarts"));
    QCOMPARE(m_model->index(0, 1).data().toString(), QStringLiteral("Running"));
    QCOMPARE(m_model->statusColumn(), 1);
}

void TestResourceTableModel::batchesBecomeMergedRanges() {
    QList<CachedObjectPtr> initial;
    for (int i = 0; i < 10; ++i) {
        initial.append(cached("a", QStringLiteral("p-%1").arg(i), QStringLiteral("u%1").arg(i), "1"));
    }
    deliver(batch(initial, {}, {}, true));
    QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removes(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changes(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);

    // Rows are p-0 .. p-9 in order. Remove p-2, p-3 (one range) and p-7; change p-5 and p-6 (one range);
    // add p-35 (between p-3 and p-4 by name) and p-99, p-98 (one run at the end).
    deliver(batch(
        {cached("a", "p-99", "u99", "2"), cached("a", "p-35", "u35", "2"), cached("a", "p-98", "u98", "2")},
        {cached("a", "p-5", "u5", "2", "Failed"), cached("a", "p-6", "u6", "2", "Failed")},
        {initial.at(2), initial.at(3), initial.at(7)}));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(removes.size(), 2);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(inserts.size(), 2);
    QCOMPARE(keysInOrder(*m_model), (QStringList{"a/p-0", "a/p-1", "a/p-35", "a/p-4", "a/p-5", "a/p-6",
                                                 "a/p-8", "a/p-9", "a/p-98", "a/p-99"}));
    QCOMPARE(m_model->index(4, 1).data().toString(), QStringLiteral("Failed"));
    QCOMPARE(m_model->index(5, 1).data().toString(), QStringLiteral("Failed"));
}

void TestResourceTableModel::overlapWithTheSnapshotIsIdempotent() {
    // A batch that arrives before the snapshot is ignored; afterwards an "added" for a shown row updates it
    // and an "updated" for an unknown row adds it.
    deliver(batch({cached("a", "early", "u0", "1")}));
    QCOMPARE(m_model->rowCount(), 0);
    deliver(batch({cached("a", "p", "u1", "1")}, {}, {}, true));
    QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changes(m_model.get(), &QAbstractItemModel::dataChanged);
    deliver(batch({cached("a", "p", "u1", "2", "Failed")}, {cached("a", "q", "u2", "2")}));
    QCOMPARE(keysInOrder(*m_model), (QStringList{"a/p", "a/q"}));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(m_model->index(0, 1).data().toString(), QStringLiteral("Failed"));
    deliver(batch({}, {}, {cached("a", "unknown", "u9", "3")}));
    QCOMPARE(m_model->rowCount(), 2);
}

void TestResourceTableModel::namespaceColumnAndAges() {
    auto columns = testing::podColumns();
    columns.append({QStringLiteral("Age"), QStringLiteral("string"), {}, {}, 0});
    auto object = summary("kube-system", "dns", "u1", "1");
    object.tableCells.append(QStringLiteral("5m")); // what the server printed when it sent the row
    InformerBatch first = batch({CachedObject::fromSummary(object, &pool)}, {}, {}, true);
    first.columns = columns;
    m_model->setShowNamespace(true);
    m_model->setNowForTesting(QDateTime(QDate(2026, 11, 26), QTime(10, 3, 7), Qt::UTC).toMSecsSinceEpoch());
    deliver(first);
    QCOMPARE(m_model->columnCount(), 5);
    QCOMPARE(m_model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Namespace"));
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("kube-system"));
    QCOMPARE(m_model->ageColumn(), 4);
    QCOMPARE(m_model->index(0, 4).data().toString(), QStringLiteral("3m7s"));
    m_model->setNowForTesting(QDateTime(QDate(2026, 11, 28), QTime(13, 0), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(m_model->index(0, 4).data().toString(), QStringLiteral("2d3h"));
}

void TestResourceTableModel::cellsRoleIsTheRowsTexts() {
    m_model->setShowNamespace(true);
    deliver(
        batch({cached("a", "p-1", "u1", "1"), cached("b", "p-2", "u2", "1", "Pending", 3)}, {}, {}, true));
    QCOMPARE(m_model->roleNames().value(ResourceTableModel::CellsRole), QByteArray("cells"));
    const QStringList second{"b", "p-2", "Pending", "3"};
    for (int column = 0; column < m_model->columnCount(); ++column) {
        QCOMPARE(m_model->index(1, column).data().toString(), second.at(column));
        // Any column's index answers with the whole row.
        QCOMPARE(m_model->index(1, column).data(ResourceTableModel::CellsRole).toStringList(), second);
    }
    // A change of the row is one dataChanged over all its columns and every role, the cells list included.
    QSignalSpy changes(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removes(m_model.get(), &QAbstractItemModel::rowsRemoved);
    deliver(batch({}, {cached("a", "p-1", "u1", "2", "Failed", 1)}));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).at(0).value<QModelIndex>(), m_model->index(0, 0));
    QCOMPARE(changes.at(0).at(1).value<QModelIndex>(), m_model->index(0, 3));
    QVERIFY(changes.at(0).at(2).value<QList<int>>().isEmpty());
    QCOMPARE(inserts.size(), 0);
    QCOMPARE(removes.size(), 0);
    QCOMPARE(m_model->index(0, 2).data(ResourceTableModel::CellsRole).toStringList(),
             (QStringList{"a", "p-1", "Failed", "1"}));
}

void TestResourceTableModel::humanDuration_data() {
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("skew") << qint64(-1) << "0s";
    QTest::newRow("future") << qint64(-5) << "<invalid>";
    QTest::newRow("119s") << qint64(119) << "119s";
    QTest::newRow("2m") << qint64(120) << "2m";
    QTest::newRow("9m59s") << qint64(599) << "9m59s";
    QTest::newRow("179m") << qint64(179 * 60 + 59) << "179m";
    QTest::newRow("3h") << qint64(3 * 3600) << "3h";
    QTest::newRow("7h59m") << qint64(8 * 3600 - 1) << "7h59m";
    QTest::newRow("47h") << qint64(47 * 3600) << "47h";
    QTest::newRow("7d23h") << qint64(8 * 86400 - 3600) << "7d23h";
    QTest::newRow("729d") << qint64(729 * 86400) << "729d";
    QTest::newRow("2y10d") << qint64(740 * 86400) << "2y10d";
    QTest::newRow("9y") << qint64(9 * 365 * 86400) << "9y";
}

void TestResourceTableModel::humanDuration() {
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(ResourceTableModel::humanDuration(seconds * 1000), text);
}

void TestResourceTableModel::ageTickDoesNotResort() {
    QList<CachedObjectPtr> objects;
    for (int i = 0; i < 50; ++i) {
        auto object = summary("a", QStringLiteral("p-%1").arg(i), QStringLiteral("u%1").arg(i), "1");
        object.creationTimestamp = QStringLiteral("2026-11-26T10:%1:00Z").arg(i, 2, 10, QLatin1Char('0'));
        objects.append(CachedObject::fromSummary(object, &pool));
    }
    InformerBatch first = batch(objects, {}, {}, true);
    deliverWithAge(first);
    ResourceFilterProxy proxy;
    proxy.setSourceModel(m_model.get());
    proxy.sort(3, Qt::AscendingOrder); // by age: the youngest first
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("p-49"));
    proxy.setFilterText(QStringLiteral("p-1")); // p-1, p-10 .. p-19
    QCOMPARE(proxy.rowCount(), 11);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("p-19"));
    // The tick is announced around its dataChanged, so that the proxy keeps each row in or out as it is
    // rather than re-filtering every row.
    QStringList sequence;
    connect(m_model.get(), &ResourceTableModel::agesAboutToTick, this, [&sequence] { sequence << "about"; });
    connect(m_model.get(), &QAbstractItemModel::dataChanged, this, [&sequence] { sequence << "changed"; });
    connect(m_model.get(), &ResourceTableModel::agesTicked, this, [&sequence] { sequence << "ticked"; });
    QSignalSpy proxyRemoves(&proxy, &QAbstractItemModel::rowsRemoved);
    QSignalSpy proxyInserts(&proxy, &QAbstractItemModel::rowsInserted);
    QSignalSpy layouts(&proxy, &QAbstractItemModel::layoutChanged);
    QSignalSpy proxyChanges(&proxy, &QAbstractItemModel::dataChanged);
    QSignalSpy modelChanges(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(modelChanges.wait(2500)); // the one-second tick
    QCOMPARE(modelChanges.size(), 1);
    QCOMPARE(modelChanges.at(0).at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(modelChanges.at(0).at(1).value<QModelIndex>().row(), 49);
    // The text roles only: the cell's, and the whole row's that list views draw from.
    QCOMPARE(modelChanges.at(0).at(2).value<QList<int>>(),
             (QList<int>{Qt::DisplayRole, ResourceTableModel::CellsRole}));
    QCOMPARE(layouts.size(), 0);
    QVERIFY(proxyChanges.size() >= 1);
    QCOMPARE(sequence, (QStringList{"about", "changed", "ticked"}));
    QCOMPARE(proxyRemoves.size(), 0);
    QCOMPARE(proxyInserts.size(), 0);
    QCOMPARE(proxy.rowCount(), 11);
    // A real change after the tick is filtered as ever.
    auto renamed = summary("a", "p-1", "u1", "2");
    renamed.creationTimestamp = QStringLiteral("2026-11-26T10:01:00Z");
    renamed.labels.insert(QStringLiteral("tier"), QStringLiteral("db"));
    proxy.setFilterText(QStringLiteral("tier=db"));
    QCOMPARE(proxy.rowCount(), 0);
    InformerBatch update = batch({}, {CachedObject::fromSummary(renamed, &pool)}, {});
    deliverWithAge(update);
    QCOMPARE(proxy.rowCount(), 1);
}

namespace {
// Counts the sort values a proxy reads.
class SortReadCountingModel : public ResourceTableModel {
public:
    QVariant data(const QModelIndex& index, int role) const override {
        if (role == SortRole) {
            ++sortReads;
        }
        return ResourceTableModel::data(index, role);
    }
    mutable int sortReads = 0;
};
} // namespace

// Sorted by age, a tick leaves the order as it is without comparing rows: the proxy reads no sort value
// during it (Qt would otherwise compare every row with its neighbours, once a second).
void TestResourceTableModel::ageTickReadsNoSortValues() {
    SortReadCountingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSubscription(m_subscription.get());
    QList<CachedObjectPtr> objects;
    for (int i = 0; i < 200; ++i) {
        auto object = summary("a", QStringLiteral("p-%1").arg(i), QStringLiteral("u%1").arg(i), "1");
        object.creationTimestamp =
            QDateTime(QDate(2026, 11, 26), QTime(10, 0)).addSecs(i * 7).toString(Qt::ISODate);
        objects.append(CachedObject::fromSummary(object, &pool));
    }
    InformerBatch first = batch(objects, {}, {}, true);
    deliverWithAge(first);
    ResourceFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(3, Qt::AscendingOrder); // by age: the youngest first
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("p-199"));
    QCOMPARE(proxy.sortedColumn(), 3);
    QCOMPARE(proxy.sortColumn(), 0); // Qt's proxy sorts by a steady stand-in
    int readsDuringTick = -1;
    connect(&model, &ResourceTableModel::agesAboutToTick, this, [&model] { model.sortReads = 0; });
    connect(&model, &ResourceTableModel::agesTicked, this,
            [&model, &readsDuringTick] { readsDuringTick = model.sortReads; });
    QSignalSpy layouts(&proxy, &QAbstractItemModel::layoutChanged);
    QSignalSpy proxyChanges(&proxy, &QAbstractItemModel::dataChanged);
    QTRY_VERIFY_WITH_TIMEOUT(readsDuringTick >= 0, 2500); // the one-second tick
    QCOMPARE(readsDuringTick, 0);
    QCOMPARE(layouts.size(), 0);
    QVERIFY(proxyChanges.size() >= 1); // the ages' new text still reaches the view
    for (int row = 0; row < 200; ++row) {
        QCOMPARE(proxy.index(row, 0).data().toString(), QStringLiteral("p-%1").arg(199 - row));
    }
    // Real changes sort into place by age: a new, younger pod goes first; an update that makes a pod the
    // oldest moves it last (its whole row changed, the stand-in column included).
    auto young = summary("a", "p-new", "u-new", "2");
    young.creationTimestamp = QDateTime(QDate(2026, 11, 26), QTime(12, 0)).toString(Qt::ISODate);
    InformerBatch added = batch({CachedObject::fromSummary(young, &pool)});
    deliverWithAge(added);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("p-new"));
    auto aged = summary("a", "p-150", "u150", "3");
    aged.creationTimestamp = QDateTime(QDate(2026, 11, 25), QTime(9, 0)).toString(Qt::ISODate);
    InformerBatch updated = batch({}, {CachedObject::fromSummary(aged, &pool)}, {});
    deliverWithAge(updated);
    QCOMPARE(proxy.index(proxy.rowCount() - 1, 0).data().toString(), QStringLiteral("p-150"));
    QCOMPARE(proxy.index(proxy.rowCount() - 2, 0).data().toString(), QStringLiteral("p-0"));
    // The other way round, and back to a steady column sorted by itself.
    proxy.sort(3, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("p-150"));
    QCOMPARE(proxy.index(proxy.rowCount() - 1, 0).data().toString(), QStringLiteral("p-new"));
    proxy.sort(0, Qt::AscendingOrder);
    QCOMPARE(proxy.sortedColumn(), 0);
    QCOMPARE(proxy.sortColumn(), 0);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("p-0"));
}

// Name, Restarts and Age share a stand-in (Name: Restarts and Age tick): switching between them in the same
// order still re-sorts, though Qt's proxy already sorts by that column in that order.
void TestResourceTableModel::sortSwitchesBetweenColumnsOfOneStandIn() {
    QList<CachedObjectPtr> objects;
    const QStringList names{"c", "a", "d", "b"};
    const QList<int> restarts{1, 3, 0, 2};
    const QList<int> minutes{30, 10, 20, 40}; // created at 10:MM
    for (int i = 0; i < names.size(); ++i) {
        auto object = summary("n", names.at(i), QStringLiteral("u%1").arg(i), "1", "Running", restarts.at(i));
        object.creationTimestamp =
            QDateTime(QDate(2026, 11, 26), QTime(10, minutes.at(i))).toString(Qt::ISODate);
        objects.append(CachedObject::fromSummary(object, &pool));
    }
    InformerBatch first = batch(objects, {}, {}, true);
    deliverWithAge(first);
    ResourceFilterProxy proxy;
    proxy.setSourceModel(m_model.get());
    const auto order = [&proxy] {
        QStringList shown;
        for (int row = 0; row < proxy.rowCount(); ++row) {
            shown << proxy.index(row, 0).data().toString();
        }
        return shown;
    };
    proxy.sort(0, Qt::AscendingOrder);
    QCOMPARE(order(), (QStringList{"a", "b", "c", "d"}));
    proxy.sort(3, Qt::AscendingOrder); // by age, the youngest first: b (10:40), c, d, a (10:10)
    QCOMPARE(proxy.sortedColumn(), 3);
    QCOMPARE(order(), (QStringList{"b", "c", "d", "a"}));
    proxy.sort(2, Qt::AscendingOrder); // by restarts
    QCOMPARE(order(), (QStringList{"d", "c", "b", "a"}));
    proxy.sort(0, Qt::AscendingOrder);
    QCOMPARE(order(), (QStringList{"a", "b", "c", "d"}));
    // A later insert lands where the asked column puts it.
    proxy.sort(2, Qt::AscendingOrder);
    auto late = summary("n", "e", "u9", "2", "Running", 2);
    InformerBatch added = batch({CachedObject::fromSummary(late, &pool)});
    deliverWithAge(added);
    QCOMPARE(order(), (QStringList{"d", "c", "b", "e", "a"}));
}

void TestResourceTableModel::printedDurationsCountOn() {
    // Events' Last Seen, a CRD's date column and a restart's "(5m ago)" were printed by the server when it
    // sent the row; they go on counting from then, as kubectl would print them now, and tick with Age.
    auto columns = testing::podColumns();
    columns.append({QStringLiteral("Last Seen"), QStringLiteral("string"), {}, {}, 0});
    columns.append({QStringLiteral("Expires"), QStringLiteral("date"), {}, {}, 0});
    auto seen = summary("a", "seen", "u1", "1", QStringLiteral("Running"), 3);
    seen.tableCells[2] = QStringLiteral("3 (5m ago)");
    seen.tableCells.append(QStringLiteral("2s"));
    seen.tableCells.append(QStringLiteral("7h"));
    auto unknown = summary("a", "unknown", "u2", "1");
    unknown.tableCells.append(QStringLiteral("<unknown>"));
    unknown.tableCells.append(QStringLiteral("<none>"));
    const CachedObjectPtr seenObject = CachedObject::fromSummary(seen, &pool);
    const CachedObjectPtr unknownObject = CachedObject::fromSummary(unknown, &pool);
    InformerBatch first = batch({seenObject, unknownObject}, {}, {}, true);
    first.columns = columns;
    deliver(first);
    QCOMPARE(m_model->index(0, 3).data().toString(), QStringLiteral("2s"));

    m_model->setNowForTesting(seenObject->receivedMsecs + 20'000);
    QCOMPARE(m_model->index(0, 2).data().toString(), QStringLiteral("3 (5m20s ago)"));
    QCOMPARE(m_model->index(0, 3).data().toString(), QStringLiteral("22s"));
    QCOMPARE(m_model->index(0, 4).data().toString(), QStringLiteral("7h")); // as precise as printed
    QCOMPARE(m_model->index(1, 3).data().toString(), QStringLiteral("<unknown>"));
    QCOMPARE(m_model->index(1, 4).data().toString(), QStringLiteral("<none>"));
    m_model->setNowForTesting(seenObject->receivedMsecs + 3'600'000);
    QCOMPARE(m_model->index(0, 3).data().toString(), QStringLiteral("60m"));
    QCOMPARE(m_model->index(0, 4).data().toString(), QStringLiteral("8h"));

    // Sorting by Last Seen orders by the moment it counts from; unknown durations go last.
    ResourceFilterProxy proxy;
    proxy.setSourceModel(m_model.get());
    proxy.sort(3, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("seen"));

    QSignalSpy ticks(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(ticks.wait(2500));
    QCOMPARE(ticks.at(0).at(0).value<QModelIndex>().column(), 2); // Restarts ...
    QCOMPARE(ticks.at(0).at(1).value<QModelIndex>().column(), 4); // ... to Expires

    QCOMPARE(ResourceTableModel::parseHumanDuration(u"2y10d"), (2 * 365 + 10) * 86'400'000LL);
    QCOMPARE(ResourceTableModel::parseHumanDuration(u"3m12s"), 192'000LL);
    QCOMPARE(ResourceTableModel::parseHumanDuration(u"12"), -1LL);
    QCOMPARE(ResourceTableModel::parseHumanDuration(u"<invalid>"), -1LL);
}

void TestResourceTableModel::selectionSurvivesAThousandUpdates() {
    QList<CachedObjectPtr> initial;
    for (int i = 0; i < 200; ++i) {
        initial.append(cached("a", QStringLiteral("p-%1").arg(i, 3, 10, QLatin1Char('0')),
                              QStringLiteral("u%1").arg(i), "1"));
    }
    deliver(batch(initial, {}, {}, true));
    ResourceFilterProxy proxy;
    proxy.setSourceModel(m_model.get());
    proxy.sort(2, Qt::DescendingOrder); // by restarts, which the updates change
    QItemSelectionModel selection(&proxy);
    const int sourceRow = m_model->rowOfUid(QStringLiteral("u100"));
    QCOMPARE(m_model->rowOfKey(QStringLiteral("a/p-100")), sourceRow);
    QCOMPARE(m_model->rowOfKey(QStringLiteral("a/p-1000")), -1);
    QCOMPARE(m_model->rowOfKey(QStringLiteral("a/p-099")), sourceRow - 1);
    selection.select(proxy.mapFromSource(m_model->index(sourceRow, 0)),
                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    int rv = 2;
    for (int update = 0; update < 1000; ++update) {
        const int i = (update * 37) % 200;
        QList<CachedObjectPtr> changed{cached("a", QStringLiteral("p-%1").arg(i, 3, 10, QLatin1Char('0')),
                                              QStringLiteral("u%1").arg(i), QString::number(rv++), "Running",
                                              update)};
        QList<CachedObjectPtr> added;
        QList<CachedObjectPtr> removed;
        if (update % 50 == 0) { // rows come and go around the selected one as well
            added.append(
                cached("a", QStringLiteral("p-100-%1").arg(update), QStringLiteral("x%1").arg(update), "1"));
        }
        if (update % 50 == 25) {
            removed.append(cached("a", QStringLiteral("p-100-%1").arg(update - 25),
                                  QStringLiteral("x%1").arg(update - 25), "1"));
        }
        deliver(batch(added, changed, removed));
    }
    const QModelIndexList selected = selection.selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(ResourceTableModel::UidRole).toString(), QStringLiteral("u100"));
    QCOMPARE(selected.first().data(ResourceTableModel::NameRole).toString(), QStringLiteral("p-100"));
}

void TestResourceTableModel::proxyFiltersAndSorts() {
    auto labelled = summary("prod", "api-1", "u1", "1", "CrashLoopBackOff", 12);
    labelled.labels.insert(QStringLiteral("tier"), QStringLiteral("backend"));
    auto other = summary("dev", "api-2", "u2", "1", "Running", 3);
    other.labels.insert(QStringLiteral("tier"), QStringLiteral("frontend"));
    auto third = summary("dev", "web-1", "u3", "1", "Running", 100);
    deliver(batch({CachedObject::fromSummary(labelled, &pool), CachedObject::fromSummary(other, &pool),
                   CachedObject::fromSummary(third, &pool)},
                  {}, {}, true));
    ResourceFilterProxy proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(m_model.get());
    const auto visible = [&proxy] {
        QStringList names;
        for (int row = 0; row < proxy.rowCount(); ++row) {
            names.append(proxy.index(row, 0).data(ResourceTableModel::NameRole).toString());
        }
        return names;
    };
    proxy.sort(2, Qt::DescendingOrder);
    QCOMPARE(visible(), (QStringList{"web-1", "api-1", "api-2"})); // 100 > 12 > 3, by value not text
    proxy.setFilterText(QStringLiteral("api"));
    QCOMPARE(visible(), (QStringList{"api-1", "api-2"}));
    proxy.setFilterText(QStringLiteral("tier=backend"));
    QCOMPARE(visible(), QStringList{"api-1"});
    proxy.setFilterText(QStringLiteral("tier in (frontend, backend) app!=web"));
    QCOMPARE(visible(), (QStringList{"api-1", "api-2"}));
    proxy.setFilterText(QStringLiteral("status:crashloopbackoff"));
    QCOMPARE(visible(), QStringList{"api-1"});
    proxy.setFilterText(QStringLiteral("!tier"));
    QCOMPARE(visible(), QStringList{"web-1"});
    proxy.setFilterText(QString());
    proxy.setNamespaces({QStringLiteral("dev")});
    QCOMPARE(visible(), (QStringList{"web-1", "api-2"}));
    // A live change re-sorts and re-filters the changed row only.
    deliver(
        batch({}, {CachedObject::fromSummary(summary("dev", "api-2", "u2", "2", "Running", 500), &pool)}));
    QCOMPARE(visible(), (QStringList{"api-2", "web-1"}));
    proxy.setFilterText(QStringLiteral("env in (a"));
    QVERIFY(!proxy.filterError().isEmpty());
}

void TestResourceTableModel::quantitiesAndNaturalOrder() {
    double value = 0;
    QVERIFY(ResourceFilterProxy::parseQuantity("250m", &value));
    QCOMPARE(value, 0.25);
    QVERIFY(ResourceFilterProxy::parseQuantity("1Gi", &value));
    QCOMPARE(value, 1073741824.0);
    QVERIFY(ResourceFilterProxy::parseQuantity("2", &value));
    QVERIFY(!ResourceFilterProxy::parseQuantity("Running", &value));
    QVERIFY(!ResourceFilterProxy::parseQuantity("1/1", &value));
    QVERIFY(ResourceFilterProxy::naturalCompare("pod-9", "pod-10") < 0);
    QVERIFY(ResourceFilterProxy::naturalCompare("pod-10", "pod-9") > 0);
    QCOMPARE(ResourceFilterProxy::naturalCompare("pod-007", "pod-7"), 0);
    QVERIFY(ResourceFilterProxy::naturalCompare("a", "B") < 0);
}

QTEST_GUILESS_MAIN(TestResourceTableModel)
#include "tst_resourcetablemodel.moc"
