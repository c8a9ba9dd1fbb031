#pragma once

#include "informerregistry.h"
#include "informersubscription.h"
#include "relatedkinds.h"
#include "relatedobjectsmodel.h"
#include "restmapper.h"

#include <QHash>
#include <QJsonObject>
#include <QMultiHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>
#include <optional>

namespace binnacle {

// Finds and follows what relates to one object, for a RelatedObjectsModel:
//   owners   ownerReferences, then each owner's own, up the chain (Pod -> ReplicaSet -> Deployment);
//   owned    objects of the kind's child kinds (related::KindTraits) whose ownerReferences point at the
//            object, or at one of its owned objects, down the chain;
//   selects  pods matching a Service's or workload's selector (those not already owned);
//   uses     the ConfigMaps, Secrets and PVCs a pod, or a workload's pod template, names.
// Every lookup is a shared informer in Table form (metadata and printed cells only: light, and it gives
// the status text), filtered here on the GUI thread; owners are watched by name. Informers no longer
// needed are released. Changes to any of them are coalesced into one recomputation per event-loop pass.
class RelatedObjectsResolver : public QObject {
    Q_OBJECT
public:
    explicit RelatedObjectsResolver(RelatedObjectsModel* model, QObject* parent = nullptr);
    ~RelatedObjectsResolver() override;

    void setRegistry(informers::InformerRegistry* registry);
    void setRestMapper(std::optional<client::RestMapper> mapper);
    // The object to relate (its full JSON), of this group/kind. Recomputes (coalesced).
    void setRoot(const QString& group, const QString& kind, const QJsonObject& object);
    // Forgets the object and releases every informer; the model empties.
    void clear();

    // Informers currently held, for tests.
    int subscriptionCount() const { return int(m_caches.size()); }

private:
    // The GUI-side copy of one informer's objects, indexed as the relations need them.
    struct Cache {
        watch::WatchTarget target;
        informers::InformerSubscription* subscription = nullptr;
        QHash<QString, informers::CachedObjectPtr> objects; // by uid
        QHash<QString, QString> uidByName;
        QMultiHash<QString, QString> uidsByOwner;
        int statusCell = -1;

        void apply(const informers::InformerBatch& batch);
        void insert(const informers::CachedObjectPtr& object);
        void remove(const QString& uid);
        informers::CachedObjectPtr byName(const QString& name) const;
        QString statusOf(const informers::CachedObject& object) const;
    };

    Cache* cacheFor(const client::ApiResource& resource, const QString& namespaceName,
                    const QString& fieldSelector, QSet<QString>* needed);
    std::optional<client::ApiResource> resourceFor(const QString& group, const QString& kind) const;
    void scheduleRecompute();
    void recompute();
    void addOwners(QList<RelatedObject>* rows, QSet<QString>* needed);
    QSet<QString> addOwned(const related::KindTraits& traits, QList<RelatedObject>* rows,
                           QSet<QString>* needed);
    void addSelected(const related::KindTraits& traits, const QSet<QString>& owned,
                     QList<RelatedObject>* rows, QSet<QString>* needed);
    void addUsed(const related::KindTraits& traits, QList<RelatedObject>* rows, QSet<QString>* needed);

    RelatedObjectsModel* m_model;
    QPointer<informers::InformerRegistry> m_registry;
    std::optional<client::RestMapper> m_mapper;
    QString m_group;
    QString m_kind;
    QJsonObject m_root;
    QString m_namespace;
    QString m_uid;
    QHash<QString, std::shared_ptr<Cache>> m_caches; // by WatchTarget::key()
    QTimer m_recomputeTimer;
};

} // namespace binnacle
