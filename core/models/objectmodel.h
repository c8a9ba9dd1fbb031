#pragma once

#include "apiresource.h"
#include "clusterconnection.h"
#include "eventsmodel.h"
#include "informerregistry.h"
#include "informersubscription.h"
#include "relatedobjectsmodel.h"
#include "restmapper.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <optional>

namespace binnacle {

class RelatedObjectsResolver;

// One object, live, for a details panel: an informer of its resource in its namespace with the field
// selector metadata.name=<name> brings the full object (without managedFields) and keeps it current; a
// second one on core v1 events with involvedObject.uid=<uid> feeds `events`; `related` lists its owners,
// owned objects, selected pods and the ConfigMaps, Secrets and PVCs it uses. When the object goes away
// while shown, `deleted` turns true and the last state stays. A new object under the same name (another
// uid) replaces it.
class ObjectModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        binnacle::informers::InformerRegistry* registry READ registry WRITE setRegistry NOTIFY sourceChanged)
    // Or a whole connection: its registry and REST mapping (CRDs included), followed across sessions.
    Q_PROPERTY(
        binnacle::ClusterConnection* connection READ connection WRITE setConnection NOTIFY sourceChanged)
    // What kubectl accepts: "pods", "deployments.apps", "Deployment" (resolved with the RestMapper if one is
    // set, else among the built-in kinds). C++ may set the ApiResource itself with setResource().
    Q_PROPERTY(QString resource READ resourceName WRITE setResourceName NOTIFY sourceChanged)
    Q_PROPERTY(QString kind READ kind NOTIFY sourceChanged)
    // "apps/v1", "v1": of the resource as served (list items carry no apiVersion of their own).
    Q_PROPERTY(QString apiVersion READ apiVersion NOTIFY sourceChanged)
    Q_PROPERTY(QString namespaceName READ namespaceName WRITE setNamespaceName NOTIFY sourceChanged)
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY sourceChanged)

    Q_PROPERTY(bool loaded READ loaded NOTIFY objectChanged)     // the informer has synced once
    Q_PROPERTY(bool exists READ exists NOTIFY objectChanged)     // the object is on the server now
    Q_PROPERTY(bool deleted READ deleted NOTIFY objectChanged)   // it went away while shown; last state kept
    Q_PROPERTY(bool deleting READ deleting NOTIFY objectChanged) // deletionTimestamp set (finalizers)
    Q_PROPERTY(QVariantMap object READ objectMap NOTIFY objectChanged)
    Q_PROPERTY(QString uid READ uid NOTIFY objectChanged)
    Q_PROPERTY(QString resourceVersion READ resourceVersion NOTIFY objectChanged)
    Q_PROPERTY(QVariantMap labels READ labels NOTIFY objectChanged)
    Q_PROPERTY(QVariantMap annotations READ annotations NOTIFY objectChanged)

    // Watch health of the object's informer (see InformerSubscription::State); the subscription itself
    // for everything else (attempt, stateSince, lastEventAt).
    Q_PROPERTY(QString stateName READ stateName NOTIFY healthChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY healthChanged)
    Q_PROPERTY(binnacle::informers::InformerSubscription* subscription READ subscription NOTIFY healthChanged)

    Q_PROPERTY(binnacle::EventsModel* events READ events CONSTANT)
    Q_PROPERTY(binnacle::RelatedObjectsModel* related READ related CONSTANT)
public:
    explicit ObjectModel(QObject* parent = nullptr);
    ~ObjectModel() override;

    informers::InformerRegistry* registry() const { return m_registry; }
    void setRegistry(informers::InformerRegistry* registry);
    ClusterConnection* connection() const { return m_connection; }
    void setConnection(ClusterConnection* connection);
    // Used to resolve `resource` and the kinds of owners and related objects; copied. Without one, the
    // built-in kinds only (custom resources then need setResource()).
    void setRestMapper(const client::RestMapper& mapper);
    void setResource(const client::ApiResource& resource);
    const client::ApiResource& apiResource() const { return m_resource; }
    QString resourceName() const { return m_resourceName; }
    void setResourceName(const QString& resource);
    QString kind() const { return m_resource.kind; }
    QString apiVersion() const { return m_resource.groupVersion(); }
    QString namespaceName() const { return m_namespace; }
    void setNamespaceName(const QString& namespaceName);
    QString name() const { return m_name; }
    void setName(const QString& name);

    bool loaded() const { return m_loaded; }
    bool exists() const { return m_current && !m_deleted; }
    bool deleted() const { return m_deleted; }
    bool deleting() const { return m_current && m_current->deletingMsecs > 0; }
    // The full object without managedFields (the last state once deleted); empty before it arrives.
    const QJsonObject& json() const { return m_json; }
    QVariantMap objectMap() const { return m_json.toVariantMap(); }
    informers::CachedObjectPtr cachedObject() const { return m_current; }
    QString uid() const { return m_current ? m_current->uid : QString(); }
    QString resourceVersion() const { return m_current ? m_current->resourceVersion : QString(); }
    QVariantMap labels() const;
    QVariantMap annotations() const;

    QString stateName() const;
    QString lastError() const;
    informers::InformerSubscription* subscription() const { return m_subscription; }

    EventsModel* events() const { return m_events; }
    RelatedObjectsModel* related() const { return m_related; }
    // Informers the related objects hold right now, for tests.
    int relatedSubscriptionCount() const;

signals:
    void sourceChanged();
    void objectChanged();
    void healthChanged();

private:
    void restart();
    void applyBatch(const informers::InformerBatch& batch);
    void updateLoaded();
    void subscribeEvents();
    std::optional<client::ApiResource> eventsResource() const;

    void followConnection();

    QPointer<informers::InformerRegistry> m_registry;
    QPointer<ClusterConnection> m_connection;
    std::optional<client::RestMapper> m_mapper;
    client::ApiResource m_resource;
    QString m_resourceName;
    QString m_namespace;
    QString m_name;

    QPointer<informers::InformerSubscription> m_subscription;
    QPointer<informers::InformerSubscription> m_eventsSubscription;
    informers::CachedObjectPtr m_current;
    QJsonObject m_json;
    bool m_loaded = false;
    bool m_deleted = false;

    EventsModel* m_events;
    RelatedObjectsModel* m_related;
    RelatedObjectsResolver* m_resolver;
};

} // namespace binnacle
