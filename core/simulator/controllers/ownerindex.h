#pragma once

#include "objectstore.h"

#include <QHash>
#include <QString>
#include <map>

namespace binnacle::sim {

// Objects of one resource type by the uid of their controller (the ownerReference with controller: true),
// kept current from the store's change stream. With 50,000 pods, a ReplicaSet that scanned every pod of its
// namespace on each reconcile kept the simulator's only thread busy for seconds; a lookup here costs the
// size of the answer.
class OwnerIndex : public QObject {
    Q_OBJECT
public:
    OwnerIndex(ObjectStore* store, QString typeKey, QObject* parent = nullptr);

    // The objects `ownerUid` controls in `namespaceName`, sorted by namespace/name as a list would be.
    QList<ObjectPtr> controlledBy(const QString& namespaceName, const QString& ownerUid) const;

private:
    void onEvent(const WatchEvent& event);
    void insert(const ObjectPtr& object);
    void erase(const ObjectPtr& object);
    static QString keyOf(const StoredObject& object);

    QString m_typeKey;
    QHash<QString, std::map<QString, ObjectPtr>> m_byOwner; // controller uid -> namespace/name -> object
};

} // namespace binnacle::sim
