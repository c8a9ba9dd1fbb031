#include "ownerindex.h"

#include "controllerutil.h"

namespace binnacle::sim {

OwnerIndex::OwnerIndex(ObjectStore* store, QString typeKey, QObject* parent)
    : QObject(parent)
    , m_typeKey(std::move(typeKey)) {
    for (const ObjectPtr& object : store->list(m_typeKey)) {
        insert(object);
    }
    connect(store, &ObjectStore::eventRecorded, this, &OwnerIndex::onEvent);
}

QString OwnerIndex::keyOf(const StoredObject& object) {
    return object.namespaceName() + QLatin1Char('/') + object.name();
}

void OwnerIndex::insert(const ObjectPtr& object) {
    const QString owner = objects::controllerUid(object->object);
    if (!owner.isEmpty()) {
        m_byOwner[owner][keyOf(*object)] = object;
    }
}

void OwnerIndex::erase(const ObjectPtr& object) {
    const QString owner = objects::controllerUid(object->object);
    auto found = m_byOwner.find(owner);
    if (found == m_byOwner.end()) {
        return;
    }
    found->erase(keyOf(*object));
    if (found->empty()) {
        m_byOwner.erase(found);
    }
}

void OwnerIndex::onEvent(const WatchEvent& event) {
    if (event.typeKey != m_typeKey) {
        return;
    }
    if (event.previous) {
        erase(event.previous);
    } else if (event.type == WatchEvent::Type::Deleted) {
        erase(event.object);
    }
    if (event.type != WatchEvent::Type::Deleted) {
        insert(event.object);
    }
}

QList<ObjectPtr> OwnerIndex::controlledBy(const QString& namespaceName, const QString& ownerUid) const {
    QList<ObjectPtr> owned;
    const auto found = m_byOwner.constFind(ownerUid);
    if (found == m_byOwner.constEnd()) {
        return owned;
    }
    for (const auto& [key, object] : *found) {
        if (namespaceName.isEmpty() || object->namespaceName() == namespaceName) {
            owned.append(object);
        }
    }
    return owned;
}

} // namespace binnacle::sim
