#include "informer.h"

#include "allocator.h"
#include "informersubscription.h"

#include <QTimer>

namespace binnacle::informers {

Informer::Informer(watch::WatchTarget target)
    : m_target(std::move(target)) {
    qRegisterMetaType<InformerBatch>();
    qRegisterMetaType<watch::ReflectorStatus>();
    qRegisterMetaType<QList<client::ObjectSummary>>();
    qRegisterMetaType<QList<client::WatchEvent>>();
    qRegisterMetaType<QList<client::TableColumn>>();
}

Informer::~Informer() = default;

void Informer::connectTo(watch::Reflector* reflector) {
    using watch::Reflector;
    connect(reflector, &Reflector::listStarted, this, &Informer::onListStarted);
    connect(reflector, &Reflector::listPage, this, &Informer::onListPage);
    connect(reflector, &Reflector::listFinished, this, &Informer::onListFinished);
    connect(reflector, &Reflector::eventsReceived, this, &Informer::onEvents);
    connect(reflector, &Reflector::tableColumnsChanged, this, &Informer::onColumns);
    connect(reflector, &Reflector::statusChanged, this, &Informer::onStatus);
}

void Informer::onListStarted() {
    m_store.beginSnapshot();
}

void Informer::onListPage(const QList<client::ObjectSummary>& objects) {
    m_store.applySnapshotPage(objects);
    scheduleFlush();
}

void Informer::onListFinished() {
    m_store.endSnapshot();
    m_synced = true;
    scheduleFlush();
}

void Informer::onEvents(const QList<client::WatchEvent>& events) {
    m_store.applyEvents(events);
    scheduleFlush();
}

void Informer::onColumns(const QList<client::TableColumn>& columns) {
    m_columns = columns;
    scheduleFlush();
}

void Informer::onStatus(const watch::ReflectorStatus& status) {
    m_status = status;
    emit statusChanged(status);
}

void Informer::sendSnapshotTo(QPointer<InformerSubscription> subscriber) {
    // Everyone (the new subscriber included, which ignores it) gets what is pending first, so that the
    // snapshot and the batches after it do not overlap.
    flush();
    InformerBatch snapshot;
    snapshot.isSnapshot = true;
    snapshot.delta.added = m_store.all();
    snapshot.columns = m_columns;
    snapshot.synced = m_synced;
    snapshot.objectCount = m_store.size();
    const watch::ReflectorStatus status = m_status;
    QMetaObject::invokeMethod(
        subscriber.data(),
        [subscriber, snapshot, status] {
            if (subscriber) {
                subscriber->deliverBatch(snapshot);
                subscriber->deliverStatus(status);
            }
        },
        Qt::QueuedConnection);
}

void Informer::scheduleFlush() {
    if (m_flushScheduled) {
        return;
    }
    m_flushScheduled = true;
    QTimer::singleShot(flushIntervalMs, this, [this] {
        m_flushScheduled = false;
        flush();
    });
}

void Informer::flush() {
    // Published when something changed for the subscribers: objects, the columns, or the synced flag (an
    // empty list changes no object but still says "this is everything").
    const bool synced = m_synced && !m_store.inSnapshot();
    if (!m_store.hasPendingDelta() && m_columns == m_publishedColumns && synced == m_publishedSynced) {
        return;
    }
    InformerBatch batch;
    batch.delta = m_store.takeDelta();
    batch.columns = m_columns;
    batch.synced = synced;
    batch.objectCount = m_store.size();
    m_publishedColumns = m_columns;
    m_publishedSynced = synced;
    emit batchReady(batch);
    scheduleCompaction();
}

void Informer::scheduleCompaction() {
    // Only once the cache is synced (a cold start must not wait for it), and in slices, so that watch
    // events keep flowing between them.
    if (!m_synced || m_store.inSnapshot() || m_store.uncompactedCount() == 0) {
        return;
    }
    if (!m_compactionTimer) {
        m_compactionTimer = new QTimer(this);
        m_compactionTimer->setSingleShot(true);
        connect(m_compactionTimer, &QTimer::timeout, this, &Informer::compactSlice);
    }
    if (!m_compactionWaiting.isValid()) {
        m_compactionWaiting.start();
    }
    if (m_store.uncompactedBytes() >= maxUncompactedBytes ||
        m_compactionWaiting.hasExpired(maxCompactionWaitMs)) {
        if (!m_compactionTimer->isActive() || m_compactionTimer->interval() != 0) {
            m_compactionTimer->start(0);
        }
        return;
    }
    m_compactionTimer->start(compactionQuietMs); // (re)started by every batch: fires after a pause
}

void Informer::compactSlice() {
    if (m_store.inSnapshot()) {
        return; // a relist is under way: the flush after it schedules compaction again
    }
    const qsizetype waiting = m_store.uncompactedCount();
    const qsizetype left = m_store.compactSome(compactionSlice);
    m_compactedSinceTrim += waiting - left;
    if (left > 0) {
        m_compactionTimer->start(0); // the next batch, if one comes first, puts it back to waiting
        return;
    }
    m_compactionWaiting.invalidate();
    // The plain JSON just freed lies in holes the allocator keeps; hand them back to the system after a
    // list's worth of objects (not after every few objects of a watch, where the walk over the heap would
    // cost more than the objects' compression).
    if (m_compactedSinceTrim >= trimAfterCompacted) {
        memory::releaseFreedMemory();
        m_compactedSinceTrim = 0;
    }
}

} // namespace binnacle::informers
