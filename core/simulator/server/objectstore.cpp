#include "objectstore.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace binnacle::sim {

QString StoredObject::name() const {
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
}

QString StoredObject::namespaceName() const {
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("namespace")).toString();
}

void StoredObject::setBasis(std::shared_ptr<const StoredObject> previous) const {
    if (previous) {
        previous->m_basis.reset(); // one version back only: no chain of old versions kept alive
    }
    m_basis = std::move(previous);
}

namespace {
QJsonObject withoutTypeMeta(QJsonObject object) {
    object.remove(QLatin1String("kind"));
    object.remove(QLatin1String("apiVersion"));
    return object;
}
} // namespace

const QByteArray& StoredObject::itemJson() const {
    if (m_item.json.isEmpty()) {
        const std::shared_ptr<const StoredObject> basis = std::exchange(m_basis, nullptr);
        if (basis && !basis->m_item.json.isEmpty()) {
            const QJsonObject basisItem = withoutTypeMeta(basis->object);
            m_item = compactjson::toLaidOutJson(withoutTypeMeta(object), &basisItem, &basis->m_item);
        } else {
            m_item = compactjson::toLaidOutJson(withoutTypeMeta(object));
        }
    }
    return m_item.json;
}

QByteArrayView StoredObject::metadataJson() const {
    itemJson();
    return m_item.member("metadata");
}

QByteArray StoredObject::fullJson(const QString& apiVersion) const {
    const QByteArray& item = itemJson();
    QByteArray json;
    json.reserve(item.size() + 64);
    // Kinds and apiVersions are plain identifiers: no escaping needed.
    json += "{\"kind\":\"" + object.value(QLatin1String("kind")).toString().toUtf8() + '"';
    json += ",\"apiVersion\":\"" + apiVersion.toUtf8() + '"';
    if (item.size() > 2) {
        json += ',';
        json.append(item.constData() + 1, item.size() - 1);
    } else {
        json += '}';
    }
    return json;
}

QByteArray WatchEvent::typeName(Type type) {
    switch (type) {
    case Type::Added:
        return "ADDED";
    case Type::Modified:
        return "MODIFIED";
    case Type::Deleted:
        return "DELETED";
    }
    return "ERROR";
}

ObjectStore::ObjectStore(QObject* parent)
    : QObject(parent) {}

QString ObjectStore::storageKey(const QString& namespaceName, const QString& name) {
    return namespaceName + QLatin1Char('/') + name;
}

ObjectPtr ObjectStore::get(const QString& typeKey, const QString& namespaceName, const QString& name) const {
    const auto type = m_objects.constFind(typeKey);
    if (type == m_objects.cend()) {
        return nullptr;
    }
    const auto found = type->find(storageKey(namespaceName, name));
    return found == type->end() ? nullptr : found->second;
}

QList<ObjectPtr> ObjectStore::list(const QString& typeKey, const QString& namespaceName) const {
    QList<ObjectPtr> result;
    const auto type = m_objects.constFind(typeKey);
    if (type == m_objects.cend()) {
        return result;
    }
    if (namespaceName.isEmpty()) {
        // Every page of a paged list asks for the whole collection: walking a map of 50,000 objects
        // each time costs more than the page itself, so the sorted list is kept until the type changes.
        auto cached = m_sortedLists.constFind(typeKey);
        if (cached == m_sortedLists.cend()) {
            result.reserve(qsizetype(type->size()));
            for (const auto& [key, object] : *type) {
                result.append(object);
            }
            cached = m_sortedLists.insert(typeKey, result);
        }
        return *cached;
    }
    const QString prefix = namespaceName + QLatin1Char('/');
    for (auto it = type->lower_bound(prefix); it != type->end() && it->first.startsWith(prefix); ++it) {
        result.append(it->second);
    }
    return result;
}

std::optional<QList<ObjectPtr>> ObjectStore::listAt(const QString& typeKey, const QString& namespaceName,
                                                    qint64 version) const {
    if (version >= m_resourceVersion) {
        return list(typeKey, namespaceName);
    }
    if (version < m_compactedVersion) {
        return std::nullopt;
    }
    // Most often nothing of this type changed since `version` (later pages of a list while other
    // kinds move): the current list is that snapshot.
    bool changed = false;
    for (auto it = m_history.rbegin(); it != m_history.rend() && it->event.resourceVersion > version; ++it) {
        if (it->event.typeKey == typeKey &&
            (namespaceName.isEmpty() || it->event.namespaceName == namespaceName)) {
            changed = true;
            break;
        }
    }
    if (!changed) {
        return list(typeKey, namespaceName);
    }
    // The state at `version` of every key changed since: undoing the changes newest first leaves the
    // state before the oldest one (nullptr: the key did not exist then).
    std::map<QString, ObjectPtr> undone;
    for (auto it = m_history.rbegin(); it != m_history.rend() && it->event.resourceVersion > version; ++it) {
        const WatchEvent& event = it->event;
        if (event.typeKey != typeKey || (!namespaceName.isEmpty() && event.namespaceName != namespaceName)) {
            continue;
        }
        undone[storageKey(event.namespaceName, event.object->name())] =
            event.type == WatchEvent::Type::Added ? nullptr
                                                  : (event.previous ? event.previous : event.object);
    }
    // Merge the current objects (already in key order) with the undone keys, so the objects themselves
    // are never looked into: paging a huge collection that moves stays linear in pointer copies.
    QList<ObjectPtr> result;
    const auto type = m_objects.constFind(typeKey);
    if (type != m_objects.cend()) {
        result.reserve(qsizetype(type->size()));
    }
    auto change = undone.cbegin();
    auto appendChangesBefore = [&](const QString* key) {
        for (; change != undone.cend() && (!key || change->first < *key); ++change) {
            if (change->second) {
                result.append(change->second);
            }
        }
    };
    if (type != m_objects.cend()) {
        const QString prefix = namespaceName.isEmpty() ? QString() : namespaceName + QLatin1Char('/');
        for (auto it = type->lower_bound(prefix);
             it != type->cend() && (prefix.isEmpty() || it->first.startsWith(prefix)); ++it) {
            appendChangesBefore(&it->first);
            if (change != undone.cend() && change->first == it->first) {
                if (change->second) {
                    result.append(change->second);
                }
                ++change;
            } else {
                result.append(it->second);
            }
        }
    }
    appendChangesBefore(nullptr);
    return result;
}

int ObjectStore::count(const QString& typeKey) const {
    const auto type = m_objects.constFind(typeKey);
    return type == m_objects.cend() ? 0 : int(type->size());
}

ObjectPtr ObjectStore::put(const QString& typeKey, QJsonObject object) {
    const qint64 version = ++m_resourceVersion;
    QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
    metadata.insert(QStringLiteral("resourceVersion"), QString::number(version));
    object.insert(QStringLiteral("metadata"), metadata);

    auto stored = std::make_shared<StoredObject>();
    stored->object = std::move(object);
    stored->resourceVersion = version;
    const QString namespaceName = stored->namespaceName();
    const QString key = storageKey(namespaceName, stored->name());

    auto& objects = m_objects[typeKey];
    m_sortedLists.remove(typeKey);
    ObjectPtr previous;
    if (auto found = objects.find(key); found != objects.end()) {
        previous = found->second;
        stored->setBasis(previous);
        found->second = stored;
    } else {
        objects.emplace(key, stored);
    }
    record(WatchEvent{previous ? WatchEvent::Type::Modified : WatchEvent::Type::Added, version, typeKey,
                      namespaceName, stored, previous});
    return stored;
}

ObjectPtr ObjectStore::remove(const QString& typeKey, const QString& namespaceName, const QString& name,
                              const std::optional<QJsonObject>& lastState) {
    auto type = m_objects.find(typeKey);
    if (type == m_objects.end()) {
        return nullptr;
    }
    auto found = type->find(storageKey(namespaceName, name));
    if (found == type->end()) {
        return nullptr;
    }
    const ObjectPtr previous = found->second;
    type->erase(found);
    m_sortedLists.remove(typeKey);

    // A DELETED event carries the last state under the deletion's resourceVersion.
    const qint64 version = ++m_resourceVersion;
    QJsonObject last = lastState.value_or(previous->object);
    QJsonObject metadata = last.value(QLatin1String("metadata")).toObject();
    metadata.insert(QStringLiteral("resourceVersion"), QString::number(version));
    last.insert(QStringLiteral("metadata"), metadata);
    auto deleted = std::make_shared<StoredObject>();
    deleted->object = std::move(last);
    deleted->resourceVersion = version;
    deleted->setBasis(previous);
    record(WatchEvent{WatchEvent::Type::Deleted, version, typeKey, namespaceName, deleted, previous});
    return deleted;
}

std::optional<QList<WatchEvent>> ObjectStore::eventsSince(qint64 version) const {
    if (version < m_compactedVersion) {
        return std::nullopt;
    }
    QList<WatchEvent> events;
    auto first =
        std::upper_bound(m_history.begin(), m_history.end(), version,
                         [](qint64 v, const HistoryEntry& entry) { return v < entry.event.resourceVersion; });
    for (auto it = first; it != m_history.end(); ++it) {
        events.append(it->event);
    }
    return events;
}

void ObjectStore::precomputeJson(const QString& typeKey) const {
    const QList<ObjectPtr> objects = list(typeKey);
    const unsigned workers = std::max(1u, std::thread::hardware_concurrency());
    // Each worker fills the caches of its own objects; the objects' JSON data is only read, and
    // Qt's implicit sharing counts references atomically, so the workers do not interfere.
    std::vector<std::thread> threads;
    for (unsigned worker = 0; worker < workers; ++worker) {
        threads.emplace_back([&objects, worker, workers] {
            for (qsizetype i = worker; i < objects.size(); i += workers) {
                objects.at(i)->itemJson();
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
}

void ObjectStore::setHistoryLimits(int maxEvents, int maxAgeSeconds) {
    m_maxHistoryEvents = maxEvents;
    m_maxHistoryAgeSeconds = maxAgeSeconds;
    compact();
}

void ObjectStore::compactNow() {
    m_history.clear();
    m_compactedVersion = m_resourceVersion;
}

void ObjectStore::record(WatchEvent event) {
    m_history.push_back(HistoryEntry{event, QDateTime::currentDateTimeUtc()});
    compact();
    Q_EMIT eventRecorded(event);
}

void ObjectStore::compact() {
    const QDateTime oldestKept = QDateTime::currentDateTimeUtc().addSecs(-m_maxHistoryAgeSeconds);
    while (!m_history.empty() &&
           (int(m_history.size()) > m_maxHistoryEvents || m_history.front().recordedAt < oldestKept)) {
        m_compactedVersion = m_history.front().event.resourceVersion;
        m_history.pop_front();
    }
}

} // namespace binnacle::sim
