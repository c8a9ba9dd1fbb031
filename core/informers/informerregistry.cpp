#include "informerregistry.h"

#include "clustertransport.h"
#include "informer.h"
#include "informersubscription.h"

#include <QThread>
#include <QTimer>

namespace binnacle::informers {

InformerRegistry::InformerRegistry(transport::ClusterTransport* transport, watch::ReflectorOptions options,
                                   QObject* parent, QThread* storeThread)
    : QObject(parent)
    , m_transport(transport)
    , m_storeThread(storeThread ? storeThread : transport->thread())
    , m_options(std::move(options)) {}

InformerRegistry::~InformerRegistry() {
    const QList<QString> keys = m_entries.keys();
    for (const QString& key : keys) {
        destroyEntry(key);
    }
}

InformerSubscription* InformerRegistry::subscribe(const watch::WatchTarget& target, QObject* owner) {
    const QString key = target.key();
    Entry& entry = m_entries[key];
    if (!entry.informer) {
        entry.informer = new Informer(target);
        entry.informer->moveToThread(m_storeThread);
        // Created here, then moved: its requests and timers are created on the transport's thread by
        // start(), which runs there.
        entry.reflector = new watch::Reflector(m_transport, target, m_options);
        entry.reflector->moveToThread(m_transport->thread());
        entry.informer->connectTo(entry.reflector);
        QMetaObject::invokeMethod(entry.reflector, &watch::Reflector::start, Qt::QueuedConnection);
    }
    if (entry.lingerTimer) {
        entry.lingerTimer->stop();
    }
    ++entry.subscribers;

    auto* subscription = new InformerSubscription(owner);
    Informer* informer = entry.informer;
    subscription->setInformer(informer);
    // Queued even when both live on one thread: batches always arrive from the event loop, never from
    // inside a call into the model.
    connect(informer, &Informer::batchReady, subscription, &InformerSubscription::deliverBatch,
            Qt::QueuedConnection);
    connect(informer, &Informer::statusChanged, subscription, &InformerSubscription::deliverStatus,
            Qt::QueuedConnection);
    subscription->requestSnapshot();
    connect(subscription, &QObject::destroyed, this, [this, key] { release(key); });
    return subscription;
}

int InformerRegistry::subscriberCount(const watch::WatchTarget& target) const {
    const auto found = m_entries.constFind(target.key());
    return found == m_entries.constEnd() ? 0 : found->subscribers;
}

void InformerRegistry::relistAll() {
    for (const Entry& entry : std::as_const(m_entries)) {
        QMetaObject::invokeMethod(entry.reflector, &watch::Reflector::relist, Qt::QueuedConnection);
    }
}

void InformerRegistry::release(const QString& key) {
    auto found = m_entries.find(key);
    if (found == m_entries.end() || --found->subscribers > 0) {
        return;
    }
    if (m_linger.count() <= 0) {
        destroyEntry(key);
        return;
    }
    if (!found->lingerTimer) {
        found->lingerTimer = new QTimer(this);
        found->lingerTimer->setSingleShot(true);
        connect(found->lingerTimer, &QTimer::timeout, this, [this, key] {
            const auto entry = m_entries.constFind(key);
            if (entry != m_entries.constEnd() && entry->subscribers == 0) {
                destroyEntry(key);
            }
        });
    }
    found->lingerTimer->start(m_linger);
}

void InformerRegistry::destroyEntry(const QString& key) {
    const Entry entry = m_entries.take(key);
    delete entry.lingerTimer;
    if (entry.reflector) {
        // stop() and the deletion run on the transport's thread, in that order, and before the deletion
        // of the transport that its owner posts after destroying this registry.
        QMetaObject::invokeMethod(entry.reflector, &watch::Reflector::stop, Qt::QueuedConnection);
        entry.reflector->deleteLater();
    }
    if (entry.informer) {
        entry.informer->deleteLater();
    }
}

} // namespace binnacle::informers
