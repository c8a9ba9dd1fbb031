#pragma once

#include "objectsummary.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>

namespace binnacle::informers {

class JsonCompressor;

// The plain JSON of a page of objects, side by side in one allocation until each is compressed. Kept one
// allocation per object, the plain JSON (half of what a fresh object holds) was freed object by object
// during compaction and left holes between the objects' long-lived small allocations that the allocator
// could not give back: about 50 MB of resident memory for 50,000 pods. A slab is freed whole, once the
// last of its objects is compressed or replaced.
class JsonSlab {
public:
    // Room for `capacity` bytes; appends beyond it get storage of their own.
    explicit JsonSlab(qsizetype capacity);
    // Copies `head` then `tail` in; the view stays valid while storage() is held.
    QByteArrayView append(QByteArrayView head, QByteArrayView tail);
    const std::shared_ptr<const char[]>& storage() const { return m_storage; }

private:
    std::shared_ptr<const char[]> m_storage;
    char* m_data = nullptr;
    qsizetype m_capacity = 0;
    qsizetype m_used = 0;
};

// Hands out one shared copy of each distinct short string (namespaces, label keys and values, node names,
// repeated cells such as "Running" or "1/1"), so that 50,000 pods do not hold 50,000 copies of each.
// QString is implicitly shared: an interned string costs a pointer per use.
class StringPool {
public:
    QString intern(const QString& text);
    // The same, for a value at a fixed place of an object (its namespace, the i-th label, the i-th cell).
    // Objects arrive grouped (a list is sorted by namespace and name; a workload's pods share labels and
    // cells), so a value equal to the last one at its place is taken without a lookup; and a place whose
    // values are nearly all distinct (a pod's IP) stops going through the pool, which would only grow.
    QString intern(int slot, const QString& text);
    qsizetype size() const { return m_strings.size(); }

    static constexpr int slotCount = 64;
    // Lookups of a slot before deciding whether it is worth pooling, and the share of them that must
    // have found a string already there.
    static constexpr quint32 slotTrial = 512;
    static constexpr quint32 slotMinimumHitPercent = 20;

private:
    struct Slot {
        QString last;
        quint32 lookups = 0;
        quint32 hits = 0;
        bool bypass = false;
    };

    void prune();

    QSet<QString> m_strings;
    qsizetype m_pruneAt = 1024;
    Slot m_slots[slotCount];
};

// One object as the cache keeps it: what views, indexes and the diff need, plus the object's JSON without
// managedFields (views parse it only when someone opens the object). The JSON is kept as it came at first and
// compressed later, when the informer is idle (JsonCompressor): a cold start should not wait for 50,000
// compressions, while they shrink what each object holds for the rest of its life several times over.
// Immutable otherwise, and shared between the cache (on its thread) and the models (on the GUI thread)
// without copies; the JSON's swap from plain to compressed is atomic.
struct CachedObject {
    QString key; // namespace/name, or name
    QString uid;
    QString name;
    QString namespaceName;
    QString resourceVersion;
    qint64 createdMsecs = 0;  // creationTimestamp, ms since the epoch; 0 when unknown
    qint64 deletingMsecs = 0; // deletionTimestamp, 0 when not being deleted
    // When the cache read this form of the object: cells the server printed relative to its own now
    // ("Last Seen 22s", "3 (5m ago)") keep counting from here.
    qint64 receivedMsecs = 0;
    QList<QPair<QString, QString>> labels;
    QStringList ownerUids;
    QString nodeName;
    QStringList cells; // Table form: the server's printed cells, one per column (JSON scalars as text)

    // Builds the cached form, JSON not yet compressed; short strings go through `pool`. With a `slab`, the
    // plain JSON is kept there rather than in an allocation of its own.
    static std::shared_ptr<const CachedObject> fromSummary(const client::ObjectSummary& summary,
                                                           StringPool* pool, JsonSlab* slab = nullptr);

    // Compresses the JSON in place if it is not yet; thread-safe against json() from any thread.
    void compactJson(JsonCompressor* compressor) const;
    bool isJsonCompacted() const;
    // Bytes of the JSON as held now (plain or compressed).
    qsizetype jsonBytes() const;
    // The object without managedFields (Table form: its metadata only), as the server sent it.
    QByteArray json() const;
    QJsonObject object() const;
    QString label(const QString& key) const;
    // Heap bytes held by this object (strings shared through the pool counted once per object anyway);
    // for the memory figures, not exact to the byte.
    qsizetype approximateBytes() const;

private:
    struct StoredJson {
        QByteArray bytes; // compressed, or plain: its own, or a view into `slab`
        std::shared_ptr<const char[]> slab;
        std::shared_ptr<const QByteArray> dictionary; // compressed against it, shared with other objects
        bool compressed = false;
    };
    mutable std::atomic<std::shared_ptr<const StoredJson>> m_json;
};

using CachedObjectPtr = std::shared_ptr<const CachedObject>;

} // namespace binnacle::informers
