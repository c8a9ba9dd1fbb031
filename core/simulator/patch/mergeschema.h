#pragma once

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace binnacle::sim {

// How the lists (and atomic structs) of one kind merge, as the k8s.io/api struct tags say:
// `patchStrategy`/`patchMergeKey` drive strategic merge patch, `+listType`/`+listMapKey` and
// `+structType=atomic`/`+mapType=atomic` drive server-side apply and field ownership.
//
// Places are named by schema paths: field names joined by ".", with "[]" after a list field for its
// items, e.g. "spec.template.spec.containers[].ports". A list with no rule is atomic (replaced whole),
// which is also what Kubernetes does for lists without tags.
class MergeSchema {
public:
    enum class ApplyListType { Atomic, Map, Set };

    struct ListRule {
        QString patchMergeKey;   // strategic merge key for lists of objects; empty for primitives
        bool patchMerge = false; // patchStrategy contains "merge"
        ApplyListType applyType = ApplyListType::Atomic;
        QStringList applyKeys;   // listMapKey(s), in declaration order
        QJsonObject keyDefaults; // default values of key fields absent from an item (protocol: TCP)
    };

    // The schema of a built-in kind; any other kind (custom resources) gets the ObjectMeta rules only,
    // so that its own lists stay atomic.
    static const MergeSchema& forKind(const QString& group, const QString& kind);
    // Custom resources: ObjectMeta rules (ownerReferences by uid, finalizers as a set), all else atomic.
    static const MergeSchema& forCustomResource();
    // No rules at all: every list atomic.
    static const MergeSchema& empty();

    // The rule of the list at `path`, nullptr when the list is atomic and replaced on patch.
    const ListRule* listRule(const QString& path) const;
    // Whether the object at `path` is owned and replaced as one value (LabelSelector, ObjectFieldSelector…).
    bool isAtomicObject(const QString& path) const { return m_atomicObjects.contains(path); }

    void addList(const QString& path, const ListRule& rule) { m_lists.insert(path, rule); }
    void addAtomicObject(const QString& path) { m_atomicObjects.insert(path); }

    // Schema paths of a child field and of the items of a list.
    static QString fieldPath(const QString& parent, const QString& field) {
        return parent.isEmpty() ? field : parent + QLatin1Char('.') + field;
    }
    static QString itemPath(const QString& list) { return list + QStringLiteral("[]"); }

    // Rule builders for the three common list shapes.
    static ListRule keyedBy(const QString& key) { return keyedBy(key, QStringList{key}); }
    static ListRule keyedBy(const QString& patchMergeKey, const QStringList& applyKeys,
                            const QJsonObject& keyDefaults = {});
    static ListRule mergedSet();

private:
    QHash<QString, ListRule> m_lists;
    QSet<QString> m_atomicObjects;
};

} // namespace binnacle::sim
