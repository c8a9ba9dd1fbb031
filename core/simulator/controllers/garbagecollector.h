#pragma once

#include "controller.h"

#include <QHash>

namespace binnacle::sim {

// The garbage collector, over every resource the registry serves. It keeps an index of objects by uid
// and of dependents by owner uid, fed by the store's changes, and:
//  - deletes (in the background) a dependent whose owners are all gone, and strips the references to
//    gone owners from a dependent that still has a live one;
//  - finishes foreground deletion: deletes the dependents of an owner carrying `foregroundDeletion`,
//    then removes that finalizer once no blocking dependent is left;
//  - honours `orphan`: removes the owner's references from its dependents, then the finalizer.
// Work items are keyed by uid (the queue's "name"; its "namespace" is empty).
class GarbageCollector : public Controller {
    Q_OBJECT
public:
    explicit GarbageCollector(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& uid) override;
    void resync() override;

private:
    struct ObjectKey {
        QString typeKey;
        QString namespaceName;
        QString name;
    };

    void index(const QString& typeKey, const QJsonObject& object);
    void unindex(const QString& uid);
    ObjectPtr lookup(const QString& uid, const ResourceType** type) const;
    void processDeletingOwner(const ResourceType& type, const QJsonObject& owner);
    void processDependent(const ResourceType& type, const QJsonObject& dependent);
    bool removeOwnerReferences(const ResourceType& type, const QJsonObject& dependent,
                               const QSet<QString>& ownerUids);
    void removeFinalizer(const ResourceType& type, const QJsonObject& object, const QString& finalizer);

    QHash<QString, ObjectKey> m_objects;          // uid -> where the object lives
    QHash<QString, QStringList> m_ownersOf;       // uid -> owner uids
    QHash<QString, QSet<QString>> m_dependentsOf; // owner uid -> dependent uids
};

} // namespace binnacle::sim
