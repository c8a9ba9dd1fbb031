#pragma once

#include "objectsummary.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>
#include <memory>

namespace binnacle::informers {

// Hands out one shared copy of each distinct short string (namespaces, label keys and values, node names,
// repeated cells such as "Running" or "1/1"), so that 50,000 pods do not hold 50,000 copies of each.
// QString is implicitly shared: an interned string costs a pointer per use.
class StringPool {
public:
    QString intern(const QString& text);
    qsizetype size() const { return m_strings.size(); }

private:
    void prune();

    QSet<QString> m_strings;
    qsizetype m_pruneAt = 1024;
};

// One object as the cache keeps it: what views, indexes and the diff need, plus the object's JSON without
// managedFields, zlib-compressed (views parse it only when someone opens the object). Immutable once made,
// and shared between the cache (on its thread) and the models (on the GUI thread) without copies.
struct CachedObject {
    QString key; // namespace/name, or name
    QString uid;
    QString name;
    QString namespaceName;
    QString resourceVersion;
    qint64 createdMsecs = 0;  // creationTimestamp, ms since the epoch; 0 when unknown
    qint64 deletingMsecs = 0; // deletionTimestamp, 0 when not being deleted
    QList<QPair<QString, QString>> labels;
    QStringList ownerUids;
    QString nodeName;
    QStringList cells; // Table form: the server's printed cells, one per column (JSON scalars as text)
    QByteArray compressedJson;

    // Builds the cached form; short strings go through `pool`.
    static std::shared_ptr<const CachedObject> fromSummary(const client::ObjectSummary& summary,
                                                           StringPool* pool);

    // The object without managedFields (Table form: its metadata only), as the server sent it.
    QByteArray json() const;
    QJsonObject object() const;
    QString label(const QString& key) const;
    // Heap bytes held by this object (strings shared through the pool counted once per object anyway);
    // for the memory figures, not exact to the byte.
    qsizetype approximateBytes() const;
};

using CachedObjectPtr = std::shared_ptr<const CachedObject>;

} // namespace binnacle::informers
