#include "namespacecontroller.h"

#include "controllerutil.h"

namespace binnacle::sim {

NamespaceController::NamespaceController(ControllerContext* context, QObject* parent)
    : Controller(context, parent)
    , m_namespaces(context->type(QString(), QStringLiteral("namespaces"))) {
    setResyncInterval(15000);
}

void NamespaceController::observe(const WatchEvent& event) {
    if (event.typeKey == m_namespaces.key()) {
        if (event.type != WatchEvent::Type::Deleted && objects::isDeleting(event.object->object)) {
            enqueue(QString(), event.object->name());
        }
    } else if (event.type == WatchEvent::Type::Deleted && m_terminating.contains(event.namespaceName)) {
        enqueue(QString(), event.namespaceName);
    }
}

void NamespaceController::resync() {
    for (const ObjectPtr& object : m_context->storage()->list(m_namespaces)) {
        if (objects::isDeleting(object->object)) {
            enqueue(QString(), object->name());
        }
    }
}

void NamespaceController::reconcile(const QString& /*namespaceName*/, const QString& name) {
    const ObjectPtr stored = m_context->storage()->get(m_namespaces, QString(), name);
    if (!stored || !objects::isDeleting(stored->object)) {
        m_terminating.remove(name);
        return;
    }
    m_terminating.insert(name);
    if (deleteContent(name) > 0) {
        // Graceful pods and finalizers take their time; deletions also re-queue us.
        enqueueAfter(QString(), name, 2000);
        return;
    }
    finalize(stored->object);
}

int NamespaceController::deleteContent(const QString& namespaceName) {
    ResourceStorage* storage = m_context->storage();
    for (const auto& type : storage->registry()->all()) {
        if (!type->namespaced) {
            continue;
        }
        for (const ObjectPtr& object : storage->list(*type, namespaceName)) {
            if (!objects::isDeleting(object->object)) {
                DeleteOptions options;
                options.propagationPolicy = QStringLiteral("Background");
                storage->remove(*type, namespaceName, object->name(), options);
            }
        }
    }
    // Count again: most objects went at once, graceful and finalized ones linger.
    int remaining = 0;
    for (const auto& type : storage->registry()->all()) {
        if (type->namespaced) {
            remaining += int(storage->list(*type, namespaceName).size());
        }
    }
    return remaining;
}

void NamespaceController::finalize(const QJsonObject& namespaceObject) {
    const QString name = objects::name(namespaceObject);
    QJsonObject updated = namespaceObject;
    QJsonObject spec = updated.value(QLatin1String("spec")).toObject();
    QJsonArray finalizers;
    for (const QJsonValue& finalizer : spec.value(QLatin1String("finalizers")).toArray()) {
        if (finalizer.toString() != QLatin1String("kubernetes")) {
            finalizers.append(finalizer);
        }
    }
    if (finalizers.isEmpty()) {
        spec.remove(QStringLiteral("finalizers"));
    } else {
        spec.insert(QStringLiteral("finalizers"), finalizers);
    }
    updated.insert(QStringLiteral("spec"), spec);
    const WriteResult result = m_context->storage()->update(
        m_namespaces, QString(), name, updated,
        ControllerContext::writeOptions(QStringLiteral("kube-controller-manager"),
                                        QStringLiteral("finalize")));
    const ObjectPtr after = m_context->storage()->get(m_namespaces, QString(), name);
    if (!after) {
        m_terminating.remove(name);
        return;
    }
    // Nothing else holds it (and the storage did not finish it by itself): remove it for good.
    const bool held =
        !finalizers.isEmpty() ||
        !objects::metadata(after->object).value(QLatin1String("finalizers")).toArray().isEmpty();
    if (!held) {
        m_context->storage()->purge(m_namespaces, QString(), name);
        m_terminating.remove(name);
    } else if (!result.ok()) {
        enqueueAfter(QString(), name, 2000);
    }
}

} // namespace binnacle::sim
