#include "informer.h"

#include "informersubscription.h"

#include <QTimer>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace binnacle::informers {

Informer::Informer(transport::ClusterTransport* transport, watch::WatchTarget target,
                   watch::ReflectorOptions options)
    : m_transport(transport)
    , m_target(std::move(target))
    , m_options(std::move(options)) {
    qRegisterMetaType<InformerBatch>();
    qRegisterMetaType<watch::ReflectorStatus>();
}

Informer::~Informer() = default;

void Informer::start() {
    if (m_reflector) {
        return;
    }
    // Created here, on the informer's thread, so that the reflector's requests and timers live there too.
    m_reflector = new watch::Reflector(m_transport, m_target, m_options, this);
    connect(m_reflector, &watch::Reflector::listStarted, this, [this] { m_store.beginSnapshot(); });
    connect(m_reflector, &watch::Reflector::listPage, this,
            [this](const QList<client::ObjectSummary>& objects) {
                m_store.applySnapshotPage(objects);
                scheduleFlush();
            });
    connect(m_reflector, &watch::Reflector::listFinished, this, [this] {
        m_store.endSnapshot();
        m_synced = true;
        scheduleFlush();
    });
    connect(m_reflector, &watch::Reflector::eventsReceived, this,
            [this](const QList<client::WatchEvent>& events) {
                m_store.applyEvents(events);
                scheduleFlush();
            });
    connect(m_reflector, &watch::Reflector::tableColumnsChanged, this,
            [this](const QList<client::TableColumn>& columns) {
                m_columns = columns;
                scheduleFlush();
            });
    connect(m_reflector, &watch::Reflector::statusChanged, this, &Informer::statusChanged);
    m_reflector->start();
}

void Informer::stop() {
    if (m_reflector) {
        m_reflector->stop();
    }
}

void Informer::relist() {
    if (m_reflector) {
        m_reflector->relist();
    }
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
    const watch::ReflectorStatus status = m_reflector ? m_reflector->status() : watch::ReflectorStatus{};
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
    if (m_compactionScheduled || !m_synced || m_store.inSnapshot() || m_store.uncompactedCount() == 0) {
        return;
    }
    m_compactionScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_compactionScheduled = false;
        if (m_store.compactSome(compactionSlice) > 0) {
            scheduleCompaction();
            return;
        }
#ifdef __GLIBC__
        // The plain JSON just freed lies in holes glibc keeps; hand what it can back to the system.
        malloc_trim(0);
#endif
    });
}

} // namespace binnacle::informers
