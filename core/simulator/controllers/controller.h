#pragma once

#include "controllercontext.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace binnacle::sim {

// The base of every simulated controller: a work queue of object keys ("namespace/name") filled from
// the store's change signal and drained on a zero timer, so no controller writes to the store while
// the store is still emitting; plus a periodic resync that re-queues every primary object.
class Controller : public QObject {
    Q_OBJECT
public:
    Controller(ControllerContext* context, QObject* parent = nullptr);

    // Connects to the store, queues every existing object and starts the resync timer.
    virtual void start();
    void stop();

protected:
    // Called synchronously from ObjectStore::eventRecorded: only queue work here, never write.
    virtual void observe(const WatchEvent& event) = 0;
    virtual void reconcile(const QString& namespaceName, const QString& name) = 0;
    // Queues every primary object; called at start and on each resync.
    virtual void resync() = 0;

    void enqueue(const QString& namespaceName, const QString& name);
    // Queues again after a simulated delay (scaled by the time scale).
    void enqueueAfter(const QString& namespaceName, const QString& name, int simulatedMs);
    void enqueueAll(const ResourceType& type);
    // Queues the controlling owner of `object` when it is of kind `ownerKind`.
    void enqueueOwner(const QJsonObject& object, const QString& ownerKind);
    void setResyncInterval(int simulatedMs) { m_resyncIntervalMs = simulatedMs; }

    ControllerContext* m_context;

private:
    void drain();

    QStringList m_queue;
    QSet<QString> m_queued;
    QTimer m_drainTimer;
    QTimer m_resyncTimer;
    QMetaObject::Connection m_connection;
    int m_resyncIntervalMs = 30000;
    bool m_running = false;
};

} // namespace binnacle::sim
