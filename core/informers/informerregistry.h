#pragma once

#include "reflector.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <chrono>

class QThread;
class QTimer;

namespace binnacle::informers {

class Informer;
class InformerSubscription;

// The shared informers of one cluster: one list+watch per WatchTarget however many views show it.
// Lives on the views' thread. Each informer's reflector lives on the transport's thread; the informers
// (their stores) on `storeThread` when given (so that parsing and storing run side by side), else on
// the transport's thread too. The store thread must outlive the registry. A subscription keeps its
// informer alive; when the last one goes, the informer lingers a while (a user flicking between views
// should not pay a relist each time) and then stops.
class InformerRegistry : public QObject {
    Q_OBJECT
public:
    explicit InformerRegistry(transport::ClusterTransport* transport, watch::ReflectorOptions options = {},
                              QObject* parent = nullptr, QThread* storeThread = nullptr);
    ~InformerRegistry() override;

    // A new subscription to the target's informer (started if needed), owned by `owner`. Its first batch
    // is the cache's current content. Destroying the subscription releases it.
    InformerSubscription* subscribe(const watch::WatchTarget& target, QObject* owner);

    void setLinger(std::chrono::milliseconds linger) { m_linger = linger; }
    int informerCount() const { return int(m_entries.size()); }
    int subscriberCount(const watch::WatchTarget& target) const;
    // Asks every informer to relist now (the user pressed refresh).
    void relistAll();

private:
    struct Entry {
        watch::Reflector* reflector = nullptr; // on the transport's thread; deleted there
        Informer* informer = nullptr;          // on the store's thread; deleted there
        int subscribers = 0;
        QTimer* lingerTimer = nullptr;
    };

    void release(const QString& key);
    void destroyEntry(const QString& key);

    transport::ClusterTransport* m_transport;
    QThread* m_storeThread;
    watch::ReflectorOptions m_options;
    std::chrono::milliseconds m_linger{std::chrono::seconds(60)};
    QHash<QString, Entry> m_entries;
};

} // namespace binnacle::informers
