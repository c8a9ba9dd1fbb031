#include "objectmodel.h"

#include "informerregistry.h"
#include "relatedkinds.h"
#include "relatedobjects.h"

namespace binnacle {

using informers::CachedObjectPtr;

ObjectModel::ObjectModel(QObject* parent)
    : QObject(parent)
    , m_events(new EventsModel(this))
    , m_related(new RelatedObjectsModel(this))
    , m_resolver(new RelatedObjectsResolver(m_related, this)) {}

ObjectModel::~ObjectModel() = default;

void ObjectModel::setRegistry(informers::InformerRegistry* registry) {
    if (registry == m_registry) {
        return;
    }
    m_registry = registry;
    m_resolver->setRegistry(registry);
    restart();
}

void ObjectModel::setConnection(ClusterConnection* connection) {
    if (connection == m_connection) {
        return;
    }
    if (m_connection) {
        disconnect(m_connection, nullptr, this, nullptr);
    }
    m_connection = connection;
    if (connection) {
        connect(connection, &ClusterConnection::sessionChanged, this, &ObjectModel::followConnection);
        connect(connection, &ClusterConnection::resourcesChanged, this, &ObjectModel::followConnection);
    }
    followConnection();
}

void ObjectModel::followConnection() {
    if (!m_connection) {
        return;
    }
    if (m_connection->hasResources()) {
        setRestMapper(m_connection->restMapper());
    }
    setRegistry(m_connection->registry());
}

void ObjectModel::setRestMapper(const client::RestMapper& mapper) {
    m_mapper = mapper;
    m_resolver->setRestMapper(mapper);
    if (!m_resourceName.isEmpty() && m_resource.resource.isEmpty()) {
        setResourceName(std::exchange(m_resourceName, QString()));
    }
}

void ObjectModel::setResource(const client::ApiResource& resource) {
    if (resource.groupResource() == m_resource.groupResource() && resource.version == m_resource.version) {
        return;
    }
    m_resource = resource;
    m_resourceName = resource.groupResource();
    restart();
}

void ObjectModel::setResourceName(const QString& resource) {
    if (resource == m_resourceName) {
        return;
    }
    std::optional<client::ApiResource> resolved;
    if (m_mapper) {
        resolved = m_mapper->resourceFor(resource);
    }
    if (!resolved) {
        if (const related::KindTraits* traits = related::builtinKindFor(resource)) {
            resolved = traits->apiResource();
        }
    }
    m_resource = resolved.value_or(client::ApiResource());
    m_resourceName = resource;
    restart();
}

void ObjectModel::setNamespaceName(const QString& namespaceName) {
    if (namespaceName == m_namespace) {
        return;
    }
    m_namespace = namespaceName;
    restart();
}

void ObjectModel::setName(const QString& name) {
    if (name == m_name) {
        return;
    }
    m_name = name;
    restart();
}

void ObjectModel::restart() {
    delete m_subscription.data();
    delete m_eventsSubscription.data();
    m_events->setSubscription(nullptr);
    m_resolver->clear();
    m_current.reset();
    m_json = {};
    m_loaded = false;
    m_deleted = false;
    emit sourceChanged();
    emit objectChanged();
    emit healthChanged();

    const bool namespaceKnown = !m_resource.namespaced || !m_namespace.isEmpty();
    if (!m_registry || m_resource.resource.isEmpty() || m_name.isEmpty() || !namespaceKnown) {
        return;
    }
    watch::WatchTarget target;
    target.resource = m_resource;
    target.namespaceName = m_resource.namespaced ? m_namespace : QString();
    target.fieldSelector = QStringLiteral("metadata.name=") + m_name;
    target.form = watch::WatchTarget::Form::Objects;
    m_subscription = m_registry->subscribe(target, this);
    connect(m_subscription, &informers::InformerSubscription::batch, this, &ObjectModel::applyBatch);
    connect(m_subscription, &informers::InformerSubscription::statusChanged, this, [this] {
        // Live means the list is complete; but an informer whose list was empty (no such object) has no
        // batch to send and so never tells us it synced. Asking for a snapshot now brings that news.
        if (!m_loaded && m_subscription->state() == informers::InformerSubscription::State::Live) {
            m_subscription->requestSnapshot();
        }
        emit healthChanged();
    });
    connect(m_subscription, &informers::InformerSubscription::objectCountChanged, this,
            &ObjectModel::updateLoaded);
    emit healthChanged();
}

void ObjectModel::applyBatch(const informers::InformerBatch& batch) {
    CachedObjectPtr candidate;
    for (const auto* list : {&batch.delta.added, &batch.delta.updated}) {
        for (const CachedObjectPtr& object : *list) {
            if (object->name == m_name) {
                candidate = object;
            }
        }
    }
    bool removedCurrent = false;
    for (const CachedObjectPtr& object : batch.delta.removed) {
        removedCurrent = removedCurrent || (m_current && object->uid == m_current->uid);
    }
    // A later snapshot (a re-subscription) that lacks the object means it went away meanwhile.
    removedCurrent = removedCurrent || (batch.isSnapshot && !candidate && m_current);

    if (candidate) {
        const bool anotherObject = !m_current || candidate->uid != m_current->uid;
        m_current = candidate;
        m_json = candidate->object();
        m_deleted = false;
        if (anotherObject) {
            subscribeEvents();
        }
        m_resolver->setRoot(m_resource.group, m_resource.kind, m_json);
        emit objectChanged();
    } else if (removedCurrent && !m_deleted) {
        // The last state stays, and so do its events and relations (a GC'd child may still be shown).
        m_deleted = true;
        emit objectChanged();
    }
    updateLoaded();
}

void ObjectModel::updateLoaded() {
    const bool loaded = m_subscription && m_subscription->synced();
    if (loaded != m_loaded) {
        m_loaded = loaded;
        emit objectChanged();
    }
}

std::optional<client::ApiResource> ObjectModel::eventsResource() const {
    return related::resourceForKind(QString(), QStringLiteral("Event"), m_mapper ? &*m_mapper : nullptr);
}

void ObjectModel::subscribeEvents() {
    delete m_eventsSubscription.data();
    const auto events = eventsResource();
    if (!m_registry || !events || !m_current) {
        m_events->setSubscription(nullptr);
        return;
    }
    watch::WatchTarget target;
    target.resource = *events;
    // Events of a cluster-scoped object (a Node) live in "default" on most clusters, but not necessarily.
    target.namespaceName = m_resource.namespaced ? m_namespace : QString();
    target.fieldSelector = QStringLiteral("involvedObject.uid=") + m_current->uid;
    target.form = watch::WatchTarget::Form::Objects;
    m_eventsSubscription = m_registry->subscribe(target, this);
    m_events->setSubscription(m_eventsSubscription);
}

QVariantMap ObjectModel::labels() const {
    return m_json.value(u"metadata").toObject().value(u"labels").toObject().toVariantMap();
}

QVariantMap ObjectModel::annotations() const {
    return m_json.value(u"metadata").toObject().value(u"annotations").toObject().toVariantMap();
}

QString ObjectModel::stateName() const {
    return m_subscription ? m_subscription->stateName() : QStringLiteral("idle");
}

QString ObjectModel::lastError() const {
    return m_subscription ? m_subscription->lastError() : QString();
}

int ObjectModel::relatedSubscriptionCount() const {
    return m_resolver->subscriptionCount();
}

} // namespace binnacle
