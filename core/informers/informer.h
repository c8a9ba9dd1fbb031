#pragma once

#include "informerstore.h"
#include "reflector.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

QT_FORWARD_DECLARE_CLASS(QTimer)

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

// The cache a reflector feeds, and the batches it publishes. The reflector lives on the transport's thread
// (its requests' callbacks, and the parsing, run there); the informer and its store may live on a thread of
// their own, so that parsing one list page and storing the one before run side by side. Their signals
// then cross threads queued, in order. Changes are coalesced and published at most once per frame
// interval, so a watch storm becomes a few batches per second rather than thousands of signals.
class Informer : public QObject {
    Q_OBJECT
public:
    // Construct anywhere, move to the store's thread, then connect a reflector with connectTo().
    explicit Informer(watch::WatchTarget target);
    ~Informer() override;

    const watch::WatchTarget& target() const { return m_target; }
    // Only on the informer's thread.
    const InformerStore& store() const { return m_store; }

    // Feeds this informer from `reflector`'s signals (thread-safe; call before starting the reflector).
    void connectTo(watch::Reflector* reflector);
    // Sends the subscriber the whole cache as its first batch (after flushing what is pending to everyone),
    // then the current status. Call through a queued invocation from the subscriber's thread.
    void sendSnapshotTo(QPointer<InformerSubscription> subscriber);

    static constexpr int flushIntervalMs = 16;
    // Objects whose JSON is compressed per event-loop turn once synced (about 5-10 ms of work).
    static constexpr int compactionSlice = 500;
    // Compression waits for events to pause this long: during a burst the thread's time goes to the
    // changes themselves, and an object changed again before its pause is never compressed at all.
    static constexpr int compactionQuietMs = 250;
    // ... unless the plain JSON waiting grows past this, or has waited this long: then it goes on between
    // batches, bounding the memory a burst takes, and what steady traffic that never pauses holds plain.
    static constexpr qsizetype maxUncompactedBytes = qsizetype(32) << 20;
    static constexpr int maxCompactionWaitMs = 2000;
    // Objects compressed before the heap is trimmed once compaction is idle.
    static constexpr qsizetype trimAfterCompacted = 5000;

signals:
    void batchReady(const binnacle::informers::InformerBatch& batch);
    void statusChanged(const binnacle::watch::ReflectorStatus& status);

private:
    void onListStarted();
    void onListPage(const QList<client::ObjectSummary>& objects);
    void onListFinished();
    void onEvents(const QList<client::WatchEvent>& events);
    void onColumns(const QList<client::TableColumn>& columns);
    void onStatus(const watch::ReflectorStatus& status);
    void scheduleFlush();
    void flush();
    void scheduleCompaction();
    void compactSlice();

    watch::WatchTarget m_target;
    watch::ReflectorStatus m_status; // the reflector's, as last heard
    InformerStore m_store;
    QList<client::TableColumn> m_columns;
    bool m_synced = false;
    bool m_flushScheduled = false;
    QList<client::TableColumn> m_publishedColumns;
    bool m_publishedSynced = false;
    QTimer* m_compactionTimer = nullptr; // single shot: a pause to wait for, or 0 for the next slice
    QElapsedTimer m_compactionWaiting;   // since objects began to wait for compression
    qsizetype m_compactedSinceTrim = 0;
};

} // namespace binnacle::informers

Q_DECLARE_METATYPE(binnacle::informers::InformerBatch)
