#include "controller.h"

#include "controllerutil.h"

namespace binnacle::sim {

Controller::Controller(ControllerContext* context, QObject* parent)
    : QObject(parent)
    , m_context(context) {
    m_drainTimer.setSingleShot(true);
    m_drainTimer.setInterval(0);
    connect(&m_drainTimer, &QTimer::timeout, this, &Controller::drain);
    connect(&m_resyncTimer, &QTimer::timeout, this, [this] { resync(); });
}

void Controller::start() {
    if (m_running) {
        return;
    }
    m_running = true;
    m_connection = connect(m_context->store(), &ObjectStore::eventRecorded, this,
                           [this](const WatchEvent& event) { observe(event); });
    resync();
    m_resyncTimer.start(m_context->scaled(m_resyncIntervalMs));
}

void Controller::stop() {
    m_running = false;
    disconnect(m_connection);
    m_resyncTimer.stop();
    m_drainTimer.stop();
    m_queue.clear();
    m_queued.clear();
}

void Controller::enqueue(const QString& namespaceName, const QString& name) {
    if (!m_running) {
        return;
    }
    const QString key = namespaceName + QLatin1Char('/') + name;
    if (m_queued.contains(key)) {
        return;
    }
    m_queued.insert(key);
    m_queue.append(key);
    if (!m_drainTimer.isActive()) {
        m_drainTimer.start();
    }
}

void Controller::enqueueAfter(const QString& namespaceName, const QString& name, int simulatedMs) {
    QTimer::singleShot(m_context->scaled(simulatedMs), this,
                       [this, namespaceName, name] { enqueue(namespaceName, name); });
}

void Controller::enqueueAll(const ResourceType& type) {
    for (const ObjectPtr& object : m_context->storage()->list(type)) {
        enqueue(object->namespaceName(), object->name());
    }
}

void Controller::enqueueOwner(const QJsonObject& object, const QString& ownerKind) {
    const QJsonObject metadata = objects::metadata(object);
    for (const QJsonValue& value : metadata.value(QLatin1String("ownerReferences")).toArray()) {
        const QJsonObject reference = value.toObject();
        if (reference.value(QLatin1String("controller")).toBool() &&
            reference.value(QLatin1String("kind")).toString() == ownerKind) {
            enqueue(metadata.value(QLatin1String("namespace")).toString(),
                    reference.value(QLatin1String("name")).toString());
        }
    }
}

void Controller::drain() {
    // Work queued while draining (our own writes come back as events) waits for the next round,
    // which keeps one round bounded and lets other controllers run in between.
    const QStringList batch = std::exchange(m_queue, {});
    m_queued.clear();
    for (const QString& key : batch) {
        if (!m_running) {
            return;
        }
        const qsizetype slash = key.indexOf(QLatin1Char('/'));
        reconcile(key.left(slash), key.mid(slash + 1));
    }
}

} // namespace binnacle::sim
