#include "garbagecollector.h"

#include "controllerutil.h"

namespace binnacle::sim {

namespace {

const QString kForeground = QStringLiteral("foregroundDeletion");
const QString kOrphan = QStringLiteral("orphan");

QStringList ownerUids(const QJsonObject& object) {
    QStringList uids;
    for (const QJsonValue& reference :
         objects::metadata(object).value(QLatin1String("ownerReferences")).toArray()) {
        uids.append(reference.toObject().value(QLatin1String("uid")).toString());
    }
    return uids;
}

} // namespace

GarbageCollector::GarbageCollector(ControllerContext* context, QObject* parent)
    : Controller(context, parent) {
    setResyncInterval(60000);
}

void GarbageCollector::index(const QString& typeKey, const QJsonObject& object) {
    const QString uid = objects::uid(object);
    if (uid.isEmpty()) {
        return;
    }
    m_objects.insert(uid, ObjectKey{typeKey, objects::namespaceName(object), objects::name(object)});
    const QStringList owners = ownerUids(object);
    const QStringList previous = m_ownersOf.value(uid);
    if (owners == previous) {
        return;
    }
    for (const QString& owner : previous) {
        m_dependentsOf[owner].remove(uid);
    }
    for (const QString& owner : owners) {
        m_dependentsOf[owner].insert(uid);
    }
    if (owners.isEmpty()) {
        m_ownersOf.remove(uid);
    } else {
        m_ownersOf.insert(uid, owners);
    }
}

void GarbageCollector::unindex(const QString& uid) {
    m_objects.remove(uid);
    for (const QString& owner : m_ownersOf.take(uid)) {
        m_dependentsOf[owner].remove(uid);
        if (m_dependentsOf[owner].isEmpty()) {
            m_dependentsOf.remove(owner);
        }
    }
}

void GarbageCollector::observe(const WatchEvent& event) {
    const QJsonObject& object = event.object->object;
    const QString uid = objects::uid(object);
    if (event.type == WatchEvent::Type::Deleted) {
        unindex(uid);
        // Its dependents may now be orphaned, and an owner waiting in the foreground may be done.
        for (const QString& dependent : m_dependentsOf.value(uid)) {
            enqueue(QString(), dependent);
        }
        for (const QString& owner : ownerUids(object)) {
            enqueue(QString(), owner);
        }
        return;
    }
    index(event.typeKey, object);
    if (!ownerUids(object).isEmpty()) {
        enqueue(QString(), uid);
    }
    if (objects::isDeleting(object)) {
        if (objects::hasFinalizer(object, kForeground) || objects::hasFinalizer(object, kOrphan)) {
            enqueue(QString(), uid);
        }
        for (const QString& owner : ownerUids(object)) {
            enqueue(QString(), owner);
        }
    }
}

void GarbageCollector::resync() {
    m_objects.clear();
    m_ownersOf.clear();
    m_dependentsOf.clear();
    ResourceStorage* storage = m_context->storage();
    for (const auto& type : storage->registry()->all()) {
        for (const ObjectPtr& object : storage->list(*type)) {
            index(type->key(), object->object);
        }
    }
    for (auto it = m_ownersOf.cbegin(); it != m_ownersOf.cend(); ++it) {
        enqueue(QString(), it.key());
    }
    for (auto it = m_dependentsOf.cbegin(); it != m_dependentsOf.cend(); ++it) {
        if (m_objects.contains(it.key())) {
            enqueue(QString(), it.key());
        }
    }
}

ObjectPtr GarbageCollector::lookup(const QString& uid, const ResourceType** type) const {
    const auto found = m_objects.constFind(uid);
    if (found == m_objects.cend()) {
        return nullptr;
    }
    const auto resourceType = m_context->storage()->registry()->findKey(found->typeKey);
    if (!resourceType) {
        return nullptr;
    }
    const ObjectPtr object = m_context->storage()->get(*resourceType, found->namespaceName, found->name);
    if (!object || objects::uid(object->object) != uid) {
        return nullptr;
    }
    *type = resourceType.get();
    return object;
}

void GarbageCollector::reconcile(const QString& /*namespaceName*/, const QString& uid) {
    const ResourceType* type = nullptr;
    const ObjectPtr object = lookup(uid, &type);
    if (!object) {
        return;
    }
    if (objects::isDeleting(object->object)) {
        processDeletingOwner(*type, object->object);
        return;
    }
    processDependent(*type, object->object);
}

void GarbageCollector::processDeletingOwner(const ResourceType& type, const QJsonObject& owner) {
    const QString uid = objects::uid(owner);
    const QSet<QString> dependents = m_dependentsOf.value(uid);
    if (objects::hasFinalizer(owner, kOrphan)) {
        for (const QString& dependentUid : dependents) {
            const ResourceType* dependentType = nullptr;
            const ObjectPtr dependent = lookup(dependentUid, &dependentType);
            if (dependent && !removeOwnerReferences(*dependentType, dependent->object, {uid})) {
                enqueueAfter(QString(), uid, 1000);
                return;
            }
        }
        removeFinalizer(type, owner, kOrphan);
        return;
    }
    if (!objects::hasFinalizer(owner, kForeground)) {
        return;
    }
    bool blocked = false;
    for (const QString& dependentUid : dependents) {
        const ResourceType* dependentType = nullptr;
        const ObjectPtr dependent = lookup(dependentUid, &dependentType);
        if (!dependent) {
            continue;
        }
        blocked = true;
        if (!objects::isDeleting(dependent->object)) {
            // Pods terminate gracefully; everything else is deleted in the foreground as well, so that
            // grandchildren go before children.
            DeleteOptions options;
            options.propagationPolicy = dependentType->kind == QLatin1String("Pod")
                                            ? QStringLiteral("Background")
                                            : QStringLiteral("Foreground");
            m_context->storage()->remove(*dependentType, dependent->namespaceName(), dependent->name(),
                                         options);
        }
    }
    if (!blocked) {
        removeFinalizer(type, owner, kForeground);
    }
}

void GarbageCollector::processDependent(const ResourceType& type, const QJsonObject& dependent) {
    const QStringList owners = ownerUids(dependent);
    if (owners.isEmpty()) {
        return;
    }
    QSet<QString> gone;
    for (const QString& owner : owners) {
        const ResourceType* ownerType = nullptr;
        if (!lookup(owner, &ownerType)) {
            gone.insert(owner);
        }
    }
    if (gone.isEmpty()) {
        return;
    }
    if (gone.size() < QSet<QString>(owners.begin(), owners.end()).size()) {
        removeOwnerReferences(type, dependent, gone);
        return;
    }
    DeleteOptions options;
    options.propagationPolicy = QStringLiteral("Background");
    m_context->storage()->remove(type, objects::namespaceName(dependent), objects::name(dependent), options);
}

bool GarbageCollector::removeOwnerReferences(const ResourceType& type, const QJsonObject& dependent,
                                             const QSet<QString>& ownerUidsToRemove) {
    QJsonObject metadata = objects::metadata(dependent);
    QJsonArray kept;
    for (const QJsonValue& reference : metadata.value(QLatin1String("ownerReferences")).toArray()) {
        if (!ownerUidsToRemove.contains(reference.toObject().value(QLatin1String("uid")).toString())) {
            kept.append(reference);
        }
    }
    if (kept.isEmpty()) {
        metadata.remove(QStringLiteral("ownerReferences"));
    } else {
        metadata.insert(QStringLiteral("ownerReferences"), kept);
    }
    QJsonObject updated = dependent;
    updated.insert(QStringLiteral("metadata"), metadata);
    return m_context->storage()
        ->update(type, objects::namespaceName(dependent), objects::name(dependent), updated,
                 ControllerContext::writeOptions(QStringLiteral("kube-controller-manager")))
        .ok();
}

void GarbageCollector::removeFinalizer(const ResourceType& type, const QJsonObject& object,
                                       const QString& finalizer) {
    m_context->storage()->update(type, objects::namespaceName(object), objects::name(object),
                                 objects::withoutFinalizer(object, finalizer),
                                 ControllerContext::writeOptions(QStringLiteral("kube-controller-manager")));
}

} // namespace binnacle::sim
