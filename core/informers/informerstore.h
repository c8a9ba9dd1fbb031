#pragma once

#include "cachedobject.h"
#include "jsoncompressor.h"
#include "watchevent.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace binnacle::informers {

// What changed in the cache since the last takeDelta(), net: an object added and then deleted within one
// window appears nowhere; one updated five times appears once with its latest state. Row identity is the uid:
// an object deleted and re-created under the same name is a removal plus an addition.
struct StoreDelta {
    QList<CachedObjectPtr> removed; // last known state
    QList<CachedObjectPtr> updated; // new state
    QList<CachedObjectPtr> added;

    bool isEmpty() const { return removed.isEmpty() && updated.isEmpty() && added.isEmpty(); }
    qsizetype size() const { return removed.size() + updated.size() + added.size(); }
};

// The cache of one informer: objects by namespace/name with secondary indexes, fed by the reflector's
// sequence (snapshot pages, then watch events). A snapshot after a relist is merged, not swapped in: pages
// update what they contain in place, and at the end of the snapshot whatever it did not contain is
// deleted, so consumers see exactly the differences. Events that repeat a resourceVersion already held
// change nothing. Not thread-safe: lives on the informer's thread.
class InformerStore {
public:
    enum class Index { Namespace, OwnerUid, Label /* "key=value" */, NodeName };

    InformerStore() = default;

    void beginSnapshot();
    void applySnapshotPage(const QList<client::ObjectSummary>& objects);
    void endSnapshot();
    void applyEvents(const QList<client::WatchEvent>& events);
    // Forgets everything (the informer stops): every object is reported removed.
    void clear();

    StoreDelta takeDelta();
    bool hasPendingDelta() const { return !m_pending.isEmpty(); }

    qsizetype size() const { return m_objects.size(); }
    CachedObjectPtr get(const QString& key) const { return m_objects.value(key); }
    QList<CachedObjectPtr> all() const;
    // The first query of an index builds it (one pass over the cache); from then on every change keeps it
    // up to date. Most informers (a table's) never query one, and four indexes kept for 50,000 pods cost
    // about 600 bytes and 8 µs per object.
    QList<CachedObjectPtr> byIndex(Index index, const QString& value) const;
    bool inSnapshot() const { return m_inSnapshot; }
    // Compresses the JSON of up to `budget` objects not yet compacted (newest states only); returns how
    // many still wait.
    qsizetype compactSome(qsizetype budget);
    qsizetype uncompactedCount() const { return m_uncompacted.size(); }
    // Plain JSON bytes of the objects waiting for compaction, as they were when stored (an object replaced
    // or deleted meanwhile is counted until compactSome() passes it).
    qsizetype uncompactedBytes() const { return m_uncompactedBytes; }
    // Sum of CachedObject::approximateBytes(), for the memory figures.
    qsizetype approximateBytes() const;

private:
    enum class Change { Added, Updated, Removed };
    struct PendingChange {
        Change change;
        CachedObjectPtr object;
    };

    void upsert(const client::ObjectSummary& summary, JsonSlab* slab = nullptr);
    void noteUncompacted(const CachedObjectPtr& object);
    void remove(const QString& key);
    void noteAdded(const CachedObjectPtr& object);
    void noteUpdated(const CachedObjectPtr& object);
    void noteRemoved(const CachedObjectPtr& object);
    void index(const CachedObjectPtr& object);
    void unindex(const CachedObjectPtr& object);
    void addToIndex(Index which, const CachedObject& object) const;
    void buildIndex(Index which) const;

    static constexpr int indexCount = 4;
    QHash<QString, CachedObjectPtr> m_objects; // keyed by each object's own key string (shared, not copied)
    // Per Index: value -> keys; only those built (queried at least once) are kept.
    mutable QHash<QString, QSet<QString>> m_indexes[indexCount];
    mutable bool m_indexBuilt[indexCount] = {};
    QHash<QString, PendingChange> m_pending; // by uid
    QList<QString> m_pendingOrder;           // uids in first-change order, for stable batches
    QSet<QString> m_seenInSnapshot;
    // A snapshot into an empty cache (every cold start) cannot leave anything behind: no need to track
    // what it saw.
    bool m_trackSeen = false;
    bool m_inSnapshot = false;
    StringPool m_pool;
    JsonCompressor m_compressor;
    struct Uncompacted {
        std::weak_ptr<const CachedObject> object;
        qsizetype jsonBytes = 0;
    };
    QList<Uncompacted> m_uncompacted; // oldest first
    qsizetype m_uncompactedBytes = 0;
};

} // namespace binnacle::informers
