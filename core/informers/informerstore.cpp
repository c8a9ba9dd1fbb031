#include "informerstore.h"

namespace binnacle::informers {

namespace {
using client::ObjectSummary;
using client::WatchEvent;

QString summaryKey(const ObjectSummary& summary) {
    return summary.namespaceName.isEmpty() ? summary.name : summary.key();
}
} // namespace

void InformerStore::beginSnapshot() {
    m_inSnapshot = true;
    m_seenInSnapshot.clear();
    m_trackSeen = !m_objects.isEmpty();
}

void InformerStore::applySnapshotPage(const QList<ObjectSummary>& objects) {
    // Room for every object's bytes as they came: exact for reflectors' pages (their parsers dropped
    // managedFields already), an upper bound otherwise.
    qsizetype pageBytes = 0;
    for (const ObjectSummary& summary : objects) {
        pageBytes += summary.json.size();
    }
    JsonSlab slab(pageBytes);
    for (const ObjectSummary& summary : objects) {
        if (m_trackSeen) {
            m_seenInSnapshot.insert(summaryKey(summary));
        }
        upsert(summary, &slab);
    }
}

void InformerStore::endSnapshot() {
    QStringList gone;
    for (auto it = m_objects.cbegin(); m_trackSeen && it != m_objects.cend(); ++it) {
        if (!m_seenInSnapshot.contains(it.key())) {
            gone.append(it.key());
        }
    }
    for (const QString& key : std::as_const(gone)) {
        remove(key);
    }
    m_seenInSnapshot.clear();
    m_seenInSnapshot.squeeze();
    m_trackSeen = false;
    m_inSnapshot = false;
}

void InformerStore::applyEvents(const QList<WatchEvent>& events) {
    for (const WatchEvent& event : events) {
        switch (event.type) {
        case WatchEvent::Type::Added:
        case WatchEvent::Type::Modified:
            upsert(event.object);
            break;
        case WatchEvent::Type::Deleted:
            remove(summaryKey(event.object));
            break;
        case WatchEvent::Type::Bookmark:
        case WatchEvent::Type::Error:
            break;
        }
    }
}

void InformerStore::clear() {
    const QList<QString> keys = m_objects.keys();
    for (const QString& key : keys) {
        remove(key);
    }
}

void InformerStore::upsert(const ObjectSummary& summary, JsonSlab* slab) {
    const QString key = summaryKey(summary);
    auto existing = m_objects.find(key);
    if (existing != m_objects.end()) {
        const CachedObjectPtr old = existing.value();
        if (old->uid == summary.uid && old->resourceVersion == summary.resourceVersion) {
            return; // a replay of what we hold: nothing changed
        }
        CachedObjectPtr updated = CachedObject::fromSummary(summary, &m_pool, slab);
        noteUncompacted(updated);
        unindex(old);
        existing.value() = updated;
        index(updated);
        if (old->uid == updated->uid) {
            noteUpdated(updated);
        } else {
            noteRemoved(old); // re-created under the same name: a different row
            noteAdded(updated);
        }
        return;
    }
    CachedObjectPtr added = CachedObject::fromSummary(summary, &m_pool, slab);
    noteUncompacted(added);
    m_objects.insert(added->key, added);
    index(added);
    noteAdded(added);
}

void InformerStore::noteUncompacted(const CachedObjectPtr& object) {
    const qsizetype bytes = object->jsonBytes();
    m_uncompacted.append({object, bytes});
    m_uncompactedBytes += bytes;
}

void InformerStore::remove(const QString& key) {
    const CachedObjectPtr old = m_objects.take(key);
    if (!old) {
        return; // a delete for something never seen (or already gone): nothing to say
    }
    unindex(old);
    noteRemoved(old);
}

void InformerStore::noteAdded(const CachedObjectPtr& object) {
    auto pending = m_pending.find(object->uid);
    if (pending == m_pending.end()) {
        m_pending.insert(object->uid, {Change::Added, object});
        m_pendingOrder.append(object->uid);
    } else if (pending->change == Change::Removed) {
        *pending = {Change::Updated, object}; // gone and back within one window: the row just changed
    } else {
        pending->object = object;
    }
}

void InformerStore::noteUpdated(const CachedObjectPtr& object) {
    auto pending = m_pending.find(object->uid);
    if (pending == m_pending.end()) {
        m_pending.insert(object->uid, {Change::Updated, object});
        m_pendingOrder.append(object->uid);
    } else {
        pending->object = object; // Added stays Added, Updated stays Updated
    }
}

void InformerStore::noteRemoved(const CachedObjectPtr& object) {
    auto pending = m_pending.find(object->uid);
    if (pending == m_pending.end()) {
        m_pending.insert(object->uid, {Change::Removed, object});
        m_pendingOrder.append(object->uid);
    } else if (pending->change == Change::Added) {
        m_pending.erase(pending); // never shown: nothing to remove (its uid stays in m_pendingOrder, skipped)
    } else {
        *pending = {Change::Removed, object};
    }
}

StoreDelta InformerStore::takeDelta() {
    StoreDelta delta;
    for (const QString& uid : std::as_const(m_pendingOrder)) {
        const auto pending = m_pending.constFind(uid);
        if (pending == m_pending.constEnd()) {
            continue;
        }
        switch (pending->change) {
        case Change::Added:
            delta.added.append(pending->object);
            break;
        case Change::Updated:
            delta.updated.append(pending->object);
            break;
        case Change::Removed:
            delta.removed.append(pending->object);
            break;
        }
        m_pending.erase(pending);
    }
    m_pending.clear();
    m_pendingOrder.clear();
    return delta;
}

QList<CachedObjectPtr> InformerStore::all() const {
    QList<CachedObjectPtr> objects;
    objects.reserve(m_objects.size());
    for (const CachedObjectPtr& object : m_objects) {
        objects.append(object);
    }
    return objects;
}

QList<CachedObjectPtr> InformerStore::byIndex(Index which, const QString& value) const {
    if (!m_indexBuilt[int(which)]) {
        buildIndex(which);
    }
    QList<CachedObjectPtr> objects;
    const QSet<QString> keys = m_indexes[int(which)].value(value);
    objects.reserve(keys.size());
    for (const QString& key : keys) {
        if (CachedObjectPtr object = m_objects.value(key)) {
            objects.append(object);
        }
    }
    return objects;
}

qsizetype InformerStore::compactSome(qsizetype budget) {
    qsizetype done = 0;
    qsizetype taken = 0;
    while (taken < m_uncompacted.size() && done < budget) {
        // Objects replaced or deleted meanwhile are gone from under the weak pointer: nothing to do.
        const Uncompacted& waiting = m_uncompacted.at(taken);
        if (const CachedObjectPtr object = waiting.object.lock()) {
            object->compactJson(&m_compressor);
            ++done;
        }
        m_uncompactedBytes -= waiting.jsonBytes;
        ++taken;
    }
    m_uncompacted.remove(0, taken);
    if (m_uncompacted.isEmpty()) {
        m_uncompacted.squeeze();
        m_uncompactedBytes = 0;
    }
    return m_uncompacted.size();
}

qsizetype InformerStore::approximateBytes() const {
    qsizetype bytes = 0;
    for (const CachedObjectPtr& object : m_objects) {
        bytes += object->approximateBytes();
    }
    return bytes;
}

namespace {
// Calls `visit` with each value under which `object` appears in index `which`.
template <typename Visit>
void forEachIndexValue(InformerStore::Index which, const CachedObject& object, Visit visit) {
    switch (which) {
    case InformerStore::Index::Namespace:
        if (!object.namespaceName.isEmpty()) {
            visit(object.namespaceName);
        }
        break;
    case InformerStore::Index::OwnerUid:
        for (const QString& owner : object.ownerUids) {
            visit(owner);
        }
        break;
    case InformerStore::Index::Label:
        for (const auto& [labelKey, value] : object.labels) {
            visit(labelKey + QLatin1Char('=') + value);
        }
        break;
    case InformerStore::Index::NodeName:
        if (!object.nodeName.isEmpty()) {
            visit(object.nodeName);
        }
        break;
    }
}
} // namespace

void InformerStore::addToIndex(Index which, const CachedObject& object) const {
    auto& index = m_indexes[int(which)];
    forEachIndexValue(which, object, [&](const QString& value) { index[value].insert(object.key); });
}

void InformerStore::buildIndex(Index which) const {
    for (const CachedObjectPtr& object : m_objects) {
        addToIndex(which, *object);
    }
    m_indexBuilt[int(which)] = true;
}

void InformerStore::index(const CachedObjectPtr& object) {
    for (int which = 0; which < indexCount; ++which) {
        if (m_indexBuilt[which]) {
            addToIndex(Index(which), *object);
        }
    }
}

void InformerStore::unindex(const CachedObjectPtr& object) {
    for (int which = 0; which < indexCount; ++which) {
        if (!m_indexBuilt[which]) {
            continue;
        }
        auto& index = m_indexes[which];
        forEachIndexValue(Index(which), *object, [&](const QString& value) {
            auto found = index.find(value);
            if (found != index.end()) {
                found->remove(object->key);
                if (found->isEmpty()) {
                    index.erase(found);
                }
            }
        });
    }
}

} // namespace binnacle::informers
