#pragma once

#include "derivedcache.h"
#include "jsonreuse.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <deque>
#include <map>
#include <memory>
#include <optional>

namespace binnacle::sim {

// One object as stored: the full object (with kind and apiVersion) and its compact JSON, serialised once.
struct StoredObject {
    QJsonObject object;
    qint64 resourceVersion = 0;

    QString name() const;
    QString namespaceName() const;
    // The object as a list item: compact JSON without kind/apiVersion (items in a typed list carry neither).
    const QByteArray& itemJson() const;
    // The object's "metadata" member as compact JSON (a view into itemJson(), located once when it is
    // serialised), for metadata-only responses and table rows; empty when the object has none.
    QByteArrayView metadataJson() const;
    // The object with kind and apiVersion first, as a GET or a watch event returns it.
    QByteArray fullJson(const QString& apiVersion) const;

    // The version this one replaced: the first itemJson() copies the members that did not change from
    // its JSON (when it has been serialised) instead of serialising them again, then lets it go.
    void setBasis(std::shared_ptr<const StoredObject> previous) const;

    // What consumers derive from this version alone (a printer's row facts), kept for its lifetime: a
    // stored version never changes, so each is computed once however often the version is printed.
    const DerivedCache& derivedCache() const { return m_derived; }

private:
    mutable std::shared_ptr<const StoredObject> m_basis;
    mutable compactjson::LaidOutJson m_item;
    DerivedCache m_derived;
};
using ObjectPtr = std::shared_ptr<const StoredObject>;

struct WatchEvent {
    enum class Type { Added, Modified, Deleted };
    Type type = Type::Added;
    qint64 resourceVersion = 0;
    QString typeKey;
    QString namespaceName;
    ObjectPtr object;   // the new state; for Deleted, the last state
    ObjectPtr previous; // the state before a Modified or Deleted
    static QByteArray typeName(Type type);
};

// The cluster's data: objects per resource, one cluster-wide resourceVersion counter, and a bounded
// history of changes that watches resume from. Compaction (by age and count) is what expires
// old resourceVersions and continue tokens, as etcd's compaction does on a real cluster.
class ObjectStore : public QObject {
    Q_OBJECT
public:
    explicit ObjectStore(QObject* parent = nullptr);

    qint64 resourceVersion() const { return m_resourceVersion; }
    // The oldest resourceVersion a watch or an exact list may still start from.
    qint64 compactedResourceVersion() const { return m_compactedVersion; }

    ObjectPtr get(const QString& typeKey, const QString& namespaceName, const QString& name) const;
    // Sorted by namespace then name, as etcd keys sort. Empty namespace = all namespaces.
    QList<ObjectPtr> list(const QString& typeKey, const QString& namespaceName = QString()) const;
    // The list as it was at resourceVersion `version`, rebuilt from the history; nullopt when compacted away.
    std::optional<QList<ObjectPtr>> listAt(const QString& typeKey, const QString& namespaceName,
                                           qint64 version) const;
    int count(const QString& typeKey) const;

    // Stores the object under a new resourceVersion (written into metadata) and records the change.
    ObjectPtr put(const QString& typeKey, QJsonObject object);
    // `lastState`: what the DELETED event carries, when the deletion itself changed the object (the last
    // finalizer removed); else the stored state.
    ObjectPtr remove(const QString& typeKey, const QString& namespaceName, const QString& name,
                     const std::optional<QJsonObject>& lastState = std::nullopt);

    // Changes after `version`, oldest first; nullopt when `version` is older than the history holds.
    std::optional<QList<WatchEvent>> eventsSince(qint64 version) const;

    // Serialises every object of the type now, on all cores, so that the first list of a large
    // collection streams as fast as later ones (objects cache their JSON on first use).
    void precomputeJson(const QString& typeKey) const;

    void setHistoryLimits(int maxEvents, int maxAgeSeconds);
    // Drops the whole history now: every older resourceVersion and continue token expires.
    void compactNow();

Q_SIGNALS:
    void eventRecorded(const binnacle::sim::WatchEvent& event);

private:
    void record(WatchEvent event);
    void compact();
    static QString storageKey(const QString& namespaceName, const QString& name);

    qint64 m_resourceVersion = 1000;
    qint64 m_compactedVersion = 1000;
    QHash<QString, std::map<QString, ObjectPtr>> m_objects;
    // list(type) of all namespaces, until the type's next change.
    mutable QHash<QString, QList<ObjectPtr>> m_sortedLists;
    struct HistoryEntry {
        WatchEvent event;
        QDateTime recordedAt;
    };
    std::deque<HistoryEntry> m_history;
    int m_maxHistoryEvents = 100000;
    int m_maxHistoryAgeSeconds = 300;
};

} // namespace binnacle::sim
