#pragma once

#include "informerstore.h"
#include "reflector.h"

#include <QObject>
#include <QPointer>

namespace binnacle::informers {

class InformerSubscription;

// One finished batch for the models: the net changes since the last batch, or (for a new subscriber) the
// whole cache as additions. Cheap to copy (implicitly shared lists of shared immutable objects).
struct InformerBatch {
    StoreDelta delta;
    QList<client::TableColumn> columns; // Table form; empty until known
    bool isSnapshot = false;            // the subscriber's first batch: everything the cache holds
    bool synced = false;                // the cache has seen a complete snapshot
    qsizetype objectCount = 0;          // objects in the cache after this batch
};

// A reflector and the cache it feeds, living on the transport's thread (network, parsing and store
// upkeep stay off the GUI thread). Changes are coalesced and published at most once per frame interval,
// so a watch storm becomes a few batches per second rather than thousands of signals.
class Informer : public QObject {
    Q_OBJECT
public:
    // Construct anywhere, then move to the transport's thread and call start() there (queued).
    Informer(transport::ClusterTransport* transport, watch::WatchTarget target,
             watch::ReflectorOptions options = {});
    ~Informer() override;

    const watch::WatchTarget& target() const { return m_target; }
    // Only on the informer's thread.
    const InformerStore& store() const { return m_store; }

    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();
    Q_INVOKABLE void relist();
    // Sends the subscriber the whole cache as its first batch (after flushing what is pending to everyone),
    // then the current status. Call through a queued invocation from the subscriber's thread.
    void sendSnapshotTo(QPointer<InformerSubscription> subscriber);

    static constexpr int flushIntervalMs = 16;
    // Objects whose JSON is compressed per event-loop turn once synced (about 10-20 ms of work).
    static constexpr int compactionSlice = 500;

signals:
    void batchReady(const binnacle::informers::InformerBatch& batch);
    void statusChanged(const binnacle::watch::ReflectorStatus& status);

private:
    void scheduleFlush();
    void flush();
    void scheduleCompaction();

    transport::ClusterTransport* m_transport;
    watch::WatchTarget m_target;
    watch::ReflectorOptions m_options;
    watch::Reflector* m_reflector = nullptr;
    InformerStore m_store;
    QList<client::TableColumn> m_columns;
    bool m_synced = false;
    bool m_flushScheduled = false;
    QList<client::TableColumn> m_publishedColumns;
    bool m_publishedSynced = false;
    bool m_compactionScheduled = false;
};

} // namespace binnacle::informers

Q_DECLARE_METATYPE(binnacle::informers::InformerBatch)
