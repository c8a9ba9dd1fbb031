#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace binnacle::client {

// An object's labels as (key, value) pairs. A flat list rather than a hash: objects have a handful of labels,
// and building and freeing a hash per object was a tenth of a list page's parse.
class LabelList : public QList<QPair<QString, QString>> {
public:
    // Sets `key` to `value`, replacing the value of an existing `key`.
    void insert(const QString& key, const QString& value);
    // The value of `key`, or a null string when there is none.
    QString value(const QString& key) const;
};

// What the client extracts from one Kubernetes object at parse time, cheaply: its identity and labels, plus
// the object's raw JSON bytes so that the full object can be parsed later, only when someone looks at it.
struct ObjectSummary {
    QString kind;       // from the object, or inferred (list items carry none: PodList -> Pod)
    QString apiVersion; // from the object, or the list's
    QString name;
    QString namespaceName; // empty for cluster-scoped objects
    QString uid;
    QString resourceVersion;
    QString creationTimestamp;
    LabelList labels;
    QString deletionTimestamp; // set while the object is being deleted (finalizers pending)
    QStringList ownerUids;     // metadata.ownerReferences[].uid
    QString nodeName;          // spec.nodeName (pods)
    // The byte range of `"managedFields":[...]` in `json`, -1 when absent (see jsonWithoutManagedFields).
    qsizetype managedFieldsBegin = -1;
    qsizetype managedFieldsEnd = -1;
    QByteArray json; // the object exactly as the server sent it (list items without kind/apiVersion)
    // Table form only: the row's cells, one per column definition, as text: strings as they are, numbers and
    // booleans as JSON writes them, null as a null string, arrays and objects as compact JSON.
    QStringList tableCells;

    // `json` minus metadata.managedFields (and its comma): what a cache keeps and a YAML view shows.
    QByteArray jsonWithoutManagedFields() const;
    // The byte range to cut from `json` for that (the member and one comma); false when there is none.
    bool managedFieldsCut(qsizetype* begin, qsizetype* end) const;
    // The full object. Adds kind/apiVersion when the raw bytes lack them (list items).
    QJsonObject toJsonObject() const;
    // namespace/name, or name for cluster-scoped objects: kubectl's and the cache's key.
    QString key() const { return namespaceName.isEmpty() ? name : namespaceName + QLatin1Char('/') + name; }
};

} // namespace binnacle::client
