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
}

void InformerStore::applySnapshotPage(const QList<ObjectSummary>& objects) {
    for (const ObjectSummary& summary : objects) {
        m_seenInSnapshot.insert(summaryKey(summary));
        upsert(summary);
    }
}

void InformerStore::endSnapshot() {
    QStringList gone;
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
        if (!m_seenInSnapshot.contains(it.key())) {
            gone.append(it.key());
        }
    }
    for (const QString& key : std::as_const(gone)) {
        remove(key);
    }
    m_seenInSnapshot.clear();
    m_seenInSnapshot.squeeze();
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

void InformerStore::upsert(const ObjectSummary& summary) {
    const QString key = summaryKey(summary);
    auto existing = m_objects.find(key);
    if (existing != m_objects.end()) {
        const CachedObjectPtr old = existing.value();
        if (old->uid == summary.uid && old->resourceVersion == summary.resourceVersion) {
            return; // a replay of what we hold: nothing changed
        }
        CachedObjectPtr updated = CachedObject::fromSummary(summary, &m_pool);
        m_uncompacted.append(updated);
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
    CachedObjectPtr added = CachedObject::fromSummary(summary, &m_pool);
    m_uncompacted.append(added);
    m_objects.insert(key, added);
    index(added);
    noteAdded(added);
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
        if (const CachedObjectPtr object = m_uncompacted.at(taken).lock()) {
            object->compactJson(&m_compressor);
            ++done;
        }
        ++taken;
    }
    m_uncompacted.remove(0, taken);
    if (m_uncompacted.isEmpty()) {
        m_uncompacted.squeeze();
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

void InformerStore::index(const CachedObjectPtr& object) {
    if (!object->namespaceName.isEmpty()) {
        m_indexes[int(Index::Namespace)][object->namespaceName].insert(object->key);
    }
    for (const QString& owner : object->ownerUids) {
        m_indexes[int(Index::OwnerUid)][owner].insert(object->key);
    }
    for (const auto& [labelKey, value] : object->labels) {
        m_indexes[int(Index::Label)][labelKey + QLatin1Char('=') + value].insert(object->key);
    }
    if (!object->nodeName.isEmpty()) {
        m_indexes[int(Index::NodeName)][object->nodeName].insert(object->key);
    }
}

void InformerStore::unindex(const CachedObjectPtr& object) {
    const auto drop = [this, &object](Index which, const QString& value) {
        auto& index = m_indexes[int(which)];
        auto found = index.find(value);
        if (found != index.end()) {
            found->remove(object->key);
            if (found->isEmpty()) {
                index.erase(found);
            }
        }
    };
    if (!object->namespaceName.isEmpty()) {
        drop(Index::Namespace, object->namespaceName);
    }
    for (const QString& owner : object->ownerUids) {
        drop(Index::OwnerUid, owner);
    }
    for (const auto& [labelKey, value] : object->labels) {
        drop(Index::Label, labelKey + QLatin1Char('=') + value);
    }
    if (!object->nodeName.isEmpty()) {
        drop(Index::NodeName, object->nodeName);
    }
}

} // namespace binnacle::informers
