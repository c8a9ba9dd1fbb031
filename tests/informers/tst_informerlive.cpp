// Shared informers and the table model against an in-process simulator over TLS: sharing, live changes,
// a relist after 410 that shows only the differences, and watch health through a server outage.
#include "informerregistry.h"
#include "informersubscription.h"
#include "kindsmodel.h"
#include "reflectortesting.h"
#include "resourcetablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace binnacle;
using namespace binnacle::informers;
using namespace testing;

namespace {

QHash<QString, QString> modelState(const ResourceTableModel& model) {
    QHash<QString, QString> state;
    for (int row = 0; row < model.rowCount(); ++row) {
        const CachedObjectPtr object = model.objectAt(row);
        state.insert(object->key, object->resourceVersion);
    }
    return state;
}

watch::ReflectorOptions quickOptions() {
    watch::ReflectorOptions options;
    options.initialBackoff = std::chrono::milliseconds(50);
    options.maxBackoff = std::chrono::milliseconds(200);
    options.pageSize = 7; // several pages even for small tests
    return options;
}

// A transport on a worker thread of its own, as the dashboard has it. Destroy the registries using it
// first: they hand their reflectors to the worker for deletion, before the transport's.
class WorkerTransport {
public:
    explicit WorkerTransport(binnacle::sim::Simulator& simulator)
        : m_provider(std::make_unique<StaticTokenProvider>(simulator.credentials().adminToken)) {
        m_worker.start();
        TransportOptions options;
        options.qps = -1;
        m_transport = new ClusterTransport(endpointOf(simulator), m_provider.get(), options);
        m_provider->moveToThread(&m_worker);
        m_transport->moveToThread(&m_worker);
    }
    ~WorkerTransport() {
        QMetaObject::invokeMethod(m_transport, &QObject::deleteLater);
        QMetaObject::invokeMethod(m_provider.release(), &QObject::deleteLater);
        m_worker.quit();
        m_worker.wait();
    }
    ClusterTransport* transport() const { return m_transport; }
    QThread* thread() { return &m_worker; }

private:
    QThread m_worker;
    std::unique_ptr<StaticTokenProvider> m_provider;
    ClusterTransport* m_transport = nullptr;
};

} // namespace

class TestInformerLive : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void sharedBetweenViewsAndLive();
    void relistAfterExpiryShowsOnlyTheDifferences();
    void outageIsVisibleAsReconnectingThenLive();
    void lingersThenStops();
    void kindsModelCountsLive();
    void emptyListIsSynced();
    void informersOffTheGuiThread_data();
    void informersOffTheGuiThread();

private:
    Cluster m_cluster;
    std::unique_ptr<Writer> m_writer;
};

void TestInformerLive::init() {
    m_cluster = startCluster();
    QVERIFY(m_cluster.simulator);
    m_writer = std::make_unique<Writer>(m_cluster.simulator.get());
    QVERIFY(m_writer->createNamespace());
    for (int i = 0; i < 20; ++i) {
        QVERIFY(m_writer->create(QStringLiteral("cm-%1").arg(i, 2, 10, QLatin1Char('0'))) > 0);
    }
}

void TestInformerLive::cleanup() {
    m_writer.reset();
    m_cluster = {};
}

void TestInformerLive::sharedBetweenViewsAndLive() {
    InformerRegistry registry(m_cluster.transport.get(), quickOptions());
    QObject owner;
    InformerSubscription* first =
        registry.subscribe(configMapsTarget(watch::WatchTarget::Form::Table), &owner);
    InformerSubscription* second =
        registry.subscribe(configMapsTarget(watch::WatchTarget::Form::Table), &owner);
    QCOMPARE(registry.informerCount(), 1);
    QCOMPARE(registry.subscriberCount(configMapsTarget(watch::WatchTarget::Form::Table)), 2);

    ResourceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSubscription(first);
    QTRY_COMPARE(modelState(model), m_writer->serverState());
    QTRY_VERIFY(first->synced());
    QTRY_COMPARE(first->state(), InformerSubscription::State::Live);
    // The server's Table columns for ConfigMaps, as kubectl shows them.
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Data"));
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Age"));

    // The second view of the same informer gets the same rows without a second list.
    ResourceTableModel secondModel;
    secondModel.setSubscription(second);
    QTRY_COMPARE(modelState(secondModel), m_writer->serverState());

    // Live: an insert, a change and a removal made on the server reach both models.
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(m_writer->create(QStringLiteral("cm-new")) > 0);
    QVERIFY(m_writer->remove(QStringLiteral("cm-03")) > 0);
    QVERIFY(m_writer->modify(QStringLiteral("cm-10"), QStringLiteral("changed")) > 0);
    QTRY_COMPARE(modelState(model), m_writer->serverState());
    QTRY_COMPARE(modelState(secondModel), m_writer->serverState());
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(removes.size(), 1);
    QCOMPARE(first->objectCount(), 20);
}

void TestInformerLive::relistAfterExpiryShowsOnlyTheDifferences() {
    InformerRegistry registry(m_cluster.transport.get(), quickOptions());
    QObject owner;
    InformerSubscription* subscription =
        registry.subscribe(configMapsTarget(watch::WatchTarget::Form::Table), &owner);
    ResourceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSubscription(subscription);
    QTRY_COMPARE(modelState(model), m_writer->serverState());
    QTRY_COMPARE(subscription->state(), InformerSubscription::State::Live);

    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
    QStringList changedRows; // named when the signal comes: later removals shift the rows
    connect(&model, &QAbstractItemModel::dataChanged, this,
            [&changedRows](const QModelIndex& first, const QModelIndex& last, const QList<int>& roles) {
                if (roles.isEmpty()) { // not the Age column's DisplayRole-only tick
                    for (int row = first.row(); row <= last.row(); ++row) {
                        changedRows.append(
                            first.sibling(row, 0).data(ResourceTableModel::NameRole).toString());
                    }
                }
            });
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    // The server goes away; meanwhile three things change and the history is compacted, so that the
    // watch cannot resume: 410 Gone, then a relist whose differences are exactly those three.
    m_cluster.simulator->faults()->configure(QJsonObject{{"restart", QJsonObject{{"downMs", 800}}}});
    QTRY_VERIFY(subscription->state() != InformerSubscription::State::Live);
    QVERIFY(m_writer->create(QStringLiteral("cm-15a")) > 0);
    QVERIFY(m_writer->remove(QStringLiteral("cm-05")) > 0);
    QVERIFY(m_writer->modify(QStringLiteral("cm-09"), QStringLiteral("changed")) > 0);
    m_cluster.simulator->faults()->configure(QJsonObject{{"compact", true}});
    QTRY_COMPARE_WITH_TIMEOUT(modelState(model), m_writer->serverState(), 10000);
    QTRY_COMPARE(subscription->state(), InformerSubscription::State::Live);
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(removes.size(), 1);
    QCOMPARE(changedRows, QStringList{QStringLiteral("cm-09")});
    QCOMPARE(resets.size(), 0);
}

void TestInformerLive::outageIsVisibleAsReconnectingThenLive() {
    InformerRegistry registry(m_cluster.transport.get(), quickOptions());
    QObject owner;
    InformerSubscription* subscription = registry.subscribe(configMapsTarget(), &owner);
    QTRY_COMPARE(subscription->state(), InformerSubscription::State::Live);
    QList<InformerSubscription::State> seen;
    connect(subscription, &InformerSubscription::statusChanged, this,
            [&seen, subscription] { seen.append(subscription->state()); });
    m_cluster.simulator->faults()->configure(QJsonObject{{"restart", QJsonObject{{"downMs", 1000}}}});
    QTRY_VERIFY(seen.contains(InformerSubscription::State::Reconnecting));
    QVERIFY(!subscription->lastError().isEmpty());
    QVERIFY(subscription->attempt() >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(subscription->state(), InformerSubscription::State::Live, 10000);
    QCOMPARE(subscription->attempt(), 0);
    const auto reconnecting = seen.indexOf(InformerSubscription::State::Reconnecting);
    QVERIFY(seen.lastIndexOf(InformerSubscription::State::Live) > reconnecting);
}

void TestInformerLive::lingersThenStops() {
    InformerRegistry registry(m_cluster.transport.get(), quickOptions());
    registry.setLinger(std::chrono::milliseconds(100));
    auto owner = std::make_unique<QObject>();
    InformerSubscription* subscription = registry.subscribe(configMapsTarget(), owner.get());
    QTRY_COMPARE(subscription->state(), InformerSubscription::State::Live);
    owner.reset();                         // the view goes away
    QCOMPARE(registry.informerCount(), 1); // lingering
    QTRY_COMPARE(registry.informerCount(), 0);
    // Coming back after it stopped starts a fresh one.
    QObject again;
    InformerSubscription* fresh = registry.subscribe(configMapsTarget(), &again);
    QTRY_COMPARE(fresh->objectCount(), 20);
}

void TestInformerLive::kindsModelCountsLive() {
    InformerRegistry registry(m_cluster.transport.get(), quickOptions());
    KindsModel kinds;
    QAbstractItemModelTester tester(&kinds, QAbstractItemModelTester::FailureReportingMode::QtTest);
    kinds.setResources({configMapsResource()});
    kinds.setNamespaceName(testNamespace);
    kinds.setCountedResources({QStringLiteral("configmaps")});
    kinds.setRegistry(&registry);
    const QModelIndex row = kinds.index(kinds.rowOf(QStringLiteral("configmaps")), 0);
    QTRY_COMPARE(row.data(KindsModel::CountRole).toLongLong(), 20);
    QSignalSpy changes(&kinds, &QAbstractItemModel::dataChanged);
    QVERIFY(m_writer->create(QStringLiteral("cm-extra")) > 0);
    QTRY_COMPARE(row.data(KindsModel::CountRole).toLongLong(), 21);
    QVERIFY(!changes.isEmpty());
    QCOMPARE(row.data(KindsModel::CountStateRole).toString(), QStringLiteral("live"));
    // A view of the same kind and scope shares the counting informer.
    QObject view;
    registry.subscribe(configMapsTarget(watch::WatchTarget::Form::Table), &view);
    QCOMPARE(registry.informerCount(), 1);
}

void TestInformerLive::emptyListIsSynced() {
    InformerRegistry registry(m_cluster.transport.get(), quickOptions());
    QObject owner;
    watch::WatchTarget target = configMapsTarget();
    target.namespaceName = QStringLiteral("nothing-here");
    InformerSubscription* subscription = registry.subscribe(target, &owner);
    QTRY_VERIFY(subscription->synced());
    QCOMPARE(subscription->objectCount(), 0);
}

void TestInformerLive::informersOffTheGuiThread_data() {
    QTest::addColumn<bool>("ownStoreThread");
    QTest::newRow("stores on the transport's thread") << false;
    // The dashboard's arrangement: the informers' stores on ClusterConnection's store worker.
    QTest::newRow("stores on a thread of their own") << true;
}

void TestInformerLive::informersOffTheGuiThread() {
    // Network and parsing on a worker thread, the informers' stores there or on a thread of their own, the
    // model on this thread. Pages, live events and a relist cross the threads in order.
    QFETCH(bool, ownStoreThread);
    WorkerTransport worker(*m_cluster.simulator);
    QThread storeWorker;
    storeWorker.start();
    QThread* expectedStoreThread = ownStoreThread ? &storeWorker : worker.thread();
    {
        InformerRegistry registry(worker.transport(), quickOptions(), nullptr,
                                  ownStoreThread ? &storeWorker : nullptr);
        QObject owner;
        InformerSubscription* subscription =
            registry.subscribe(configMapsTarget(watch::WatchTarget::Form::Table), &owner);
        ResourceTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSubscription(subscription);
        QThread* batchThread = nullptr;
        connect(subscription, &InformerSubscription::batch, this,
                [&batchThread] { batchThread = QThread::currentThread(); });
        QThread* publishingThread = nullptr;
        QVERIFY(subscription->informer());
        connect(
            subscription->informer(), &Informer::batchReady, subscription->informer(),
            [&publishingThread] { publishingThread = QThread::currentThread(); }, Qt::DirectConnection);
        QTRY_COMPARE(modelState(model), m_writer->serverState());
        QTRY_VERIFY(subscription->synced());
        QCOMPARE(batchThread, QThread::currentThread());
        QVERIFY(m_writer->modify(QStringLiteral("cm-04"), QStringLiteral("from the worker")) > 0);
        QVERIFY(m_writer->remove(QStringLiteral("cm-05")) > 0);
        QTRY_COMPARE(modelState(model), m_writer->serverState());
        QCOMPARE(publishingThread, expectedStoreThread);
        QCOMPARE(subscription->informer()->thread(), expectedStoreThread);

        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
        registry.relistAll(); // nothing changed: a relist across the threads changes no row
        QVERIFY(m_writer->create(QStringLiteral("cm-after")) > 0);
        QTRY_COMPARE(modelState(model), m_writer->serverState());
        QCOMPARE(inserts.size(), 1);
        QCOMPARE(removes.size(), 0);
    } // the registry hands the reflectors to the worker and the informers to their thread for deletion
    storeWorker.quit();
    QVERIFY(storeWorker.wait(5000));
}

QTEST_GUILESS_MAIN(TestInformerLive)
#include "tst_informerlive.moc"
