#include "relatedobjects.h"

#include "informerregistry.h"

#include <QJsonArray>
#include <QSet>

namespace binnacle {

using informers::CachedObject;
using informers::CachedObjectPtr;
using related::KindTraits;

namespace {

// Far enough for any real chain (Pod -> ReplicaSet -> Deployment -> an operator's resource ...), short
// enough that a cycle of ownerReferences cannot make us watch forever.
constexpr int maxDepth = 8;

QString ownerKindKey(const QString& group, const QString& kind) {
    return group + QLatin1Char('/') + kind;
}

} // namespace

void RelatedObjectsResolver::Cache::apply(const informers::InformerBatch& batch) {
    if (batch.isSnapshot) {
        objects.clear();
        uidByName.clear();
        uidsByOwner.clear();
    }
    if (!batch.columns.isEmpty() || statusCell < 0) {
        const QList<client::TableColumn>& columns =
            batch.columns.isEmpty() ? subscription->columns() : batch.columns;
        statusCell = -1;
        for (const QString& wanted : {QStringLiteral("Status"), QStringLiteral("Ready")}) {
            for (qsizetype column = 0; column < columns.size() && statusCell < 0; ++column) {
                if (columns.at(column).name == wanted) {
                    statusCell = int(column);
                }
            }
        }
    }
    for (const CachedObjectPtr& object : batch.delta.removed) {
        remove(object->uid);
    }
    for (const auto* list : {&batch.delta.updated, &batch.delta.added}) {
        for (const CachedObjectPtr& object : *list) {
            remove(object->uid);
            insert(object);
        }
    }
}

void RelatedObjectsResolver::Cache::insert(const CachedObjectPtr& object) {
    objects.insert(object->uid, object);
    uidByName.insert(object->name, object->uid);
    for (const QString& owner : object->ownerUids) {
        uidsByOwner.insert(owner, object->uid);
    }
}

void RelatedObjectsResolver::Cache::remove(const QString& uid) {
    const CachedObjectPtr old = objects.take(uid);
    if (!old) {
        return;
    }
    if (uidByName.value(old->name) == uid) {
        uidByName.remove(old->name);
    }
    for (const QString& owner : old->ownerUids) {
        uidsByOwner.remove(owner, uid);
    }
}

CachedObjectPtr RelatedObjectsResolver::Cache::byName(const QString& name) const {
    return objects.value(uidByName.value(name));
}

QString RelatedObjectsResolver::Cache::statusOf(const CachedObject& object) const {
    return statusCell >= 0 && statusCell < object.cells.size() ? object.cells.at(statusCell) : QString();
}

RelatedObjectsResolver::RelatedObjectsResolver(RelatedObjectsModel* model, QObject* parent)
    : QObject(parent)
    , m_model(model) {
    m_recomputeTimer.setSingleShot(true);
    m_recomputeTimer.setInterval(0);
    connect(&m_recomputeTimer, &QTimer::timeout, this, &RelatedObjectsResolver::recompute);
}

RelatedObjectsResolver::~RelatedObjectsResolver() {
    for (const auto& cache : std::as_const(m_caches)) {
        delete cache->subscription;
    }
}

void RelatedObjectsResolver::setRegistry(informers::InformerRegistry* registry) {
    if (registry == m_registry) {
        return;
    }
    clear();
    m_registry = registry;
}

void RelatedObjectsResolver::setRestMapper(std::optional<client::RestMapper> mapper) {
    m_mapper = std::move(mapper);
    scheduleRecompute();
}

void RelatedObjectsResolver::setRoot(const QString& group, const QString& kind, const QJsonObject& object) {
    const QJsonObject metadata = object.value(u"metadata").toObject();
    m_group = group;
    m_kind = kind;
    m_root = object;
    m_namespace = metadata.value(u"namespace").toString();
    m_uid = metadata.value(u"uid").toString();
    scheduleRecompute();
}

void RelatedObjectsResolver::clear() {
    m_recomputeTimer.stop();
    m_root = {};
    m_uid.clear();
    for (const auto& cache : std::as_const(m_caches)) {
        delete cache->subscription;
    }
    m_caches.clear();
    m_model->setRows({});
}

std::optional<client::ApiResource> RelatedObjectsResolver::resourceFor(const QString& group,
                                                                       const QString& kind) const {
    return related::resourceForKind(group, kind, m_mapper ? &*m_mapper : nullptr);
}

void RelatedObjectsResolver::scheduleRecompute() {
    if (!m_root.isEmpty()) {
        m_recomputeTimer.start();
    }
}

RelatedObjectsResolver::Cache* RelatedObjectsResolver::cacheFor(const client::ApiResource& resource,
                                                                const QString& namespaceName,
                                                                const QString& fieldSelector,
                                                                QSet<QString>* needed) {
    watch::WatchTarget target;
    target.resource = resource;
    target.namespaceName = resource.namespaced ? namespaceName : QString();
    target.fieldSelector = fieldSelector;
    target.form = watch::WatchTarget::Form::Table;
    const QString key = target.key();
    needed->insert(key);
    if (const auto found = m_caches.constFind(key); found != m_caches.constEnd()) {
        return found->get();
    }
    if (!m_registry) {
        return nullptr;
    }
    auto cache = std::make_shared<Cache>();
    cache->target = target;
    cache->subscription = m_registry->subscribe(target, this);
    Cache* raw = cache.get();
    connect(cache->subscription, &informers::InformerSubscription::batch, this,
            [this, raw](const informers::InformerBatch& batch) {
                raw->apply(batch);
                scheduleRecompute();
            });
    m_caches.insert(key, cache);
    return raw;
}

void RelatedObjectsResolver::recompute() {
    if (m_root.isEmpty()) {
        return;
    }
    QList<RelatedObject> rows;
    QSet<QString> needed;
    addOwners(&rows, &needed);
    if (const KindTraits* traits = related::builtinKind(m_kind); traits && traits->group == m_group) {
        const QSet<QString> owned = addOwned(*traits, &rows, &needed);
        addSelected(*traits, owned, &rows, &needed);
        addUsed(*traits, &rows, &needed);
    }
    // Informers nothing refers to any more (an owner reference dropped, a volume removed) are released.
    for (auto it = m_caches.begin(); it != m_caches.end();) {
        if (needed.contains(it.key())) {
            ++it;
        } else {
            delete it.value()->subscription;
            it = m_caches.erase(it);
        }
    }
    m_model->setRows(std::move(rows));
}

void RelatedObjectsResolver::addOwners(QList<RelatedObject>* rows, QSet<QString>* needed) {
    QSet<QString> visited{m_uid};
    QJsonArray references = m_root.value(u"metadata").toObject().value(u"ownerReferences").toArray();
    for (int depth = 1; depth <= maxDepth && !references.isEmpty(); ++depth) {
        QJsonArray next;
        for (const QJsonValue& value : std::as_const(references)) {
            const QJsonObject reference = value.toObject();
            RelatedObject row;
            row.relation = RelatedObject::Relation::Owner;
            row.depth = depth;
            row.apiVersion = reference.value(u"apiVersion").toString();
            row.kind = reference.value(u"kind").toString();
            row.name = reference.value(u"name").toString();
            row.uid = reference.value(u"uid").toString();
            row.detail = reference.value(u"controller").toBool() ? QStringLiteral("controller") : QString();
            if (visited.contains(row.uid)) {
                continue;
            }
            visited.insert(row.uid);
            const auto resource = resourceFor(related::groupOfApiVersion(row.apiVersion), row.kind);
            if (resource) {
                row.namespaceName = resource->namespaced ? m_namespace : QString();
                Cache* cache =
                    cacheFor(*resource, m_namespace, QStringLiteral("metadata.name=") + row.name, needed);
                const CachedObjectPtr owner = cache ? cache->byName(row.name) : nullptr;
                // A different uid under the same name is a successor, not this owner: shown as missing.
                if (owner && owner->uid == row.uid) {
                    row.found = true;
                    row.status = cache->statusOf(*owner);
                    const QJsonArray ownersOfOwner =
                        owner->object().value(u"metadata").toObject().value(u"ownerReferences").toArray();
                    for (const QJsonValue& further : ownersOfOwner) {
                        next.append(further);
                    }
                }
            }
            rows->append(row);
        }
        references = next;
    }
}

QSet<QString> RelatedObjectsResolver::addOwned(const KindTraits& traits, QList<RelatedObject>* rows,
                                               QSet<QString>* needed) {
    // The caches of every kind below this one (Deployment: ReplicaSets and Pods).
    QList<std::pair<const KindTraits*, Cache*>> caches;
    QStringList pending = traits.childKinds;
    QSet<QString> seenKinds{ownerKindKey(traits.group, traits.kind)};
    while (!pending.isEmpty()) {
        const KindTraits* child = related::builtinKind(pending.takeFirst());
        if (!child || seenKinds.contains(ownerKindKey(child->group, child->kind))) {
            continue;
        }
        seenKinds.insert(ownerKindKey(child->group, child->kind));
        const auto resource = resourceFor(child->group, child->kind);
        if (Cache* cache = resource ? cacheFor(*resource, m_namespace, {}, needed) : nullptr) {
            caches.append({child, cache});
        }
        pending += child->childKinds;
    }
    QSet<QString> owned;
    QStringList frontier{m_uid};
    for (int depth = 1; depth <= maxDepth && !frontier.isEmpty(); ++depth) {
        QStringList next;
        for (const QString& ownerUid : std::as_const(frontier)) {
            for (const auto& [child, cache] : std::as_const(caches)) {
                for (auto it = cache->uidsByOwner.constFind(ownerUid);
                     it != cache->uidsByOwner.constEnd() && it.key() == ownerUid; ++it) {
                    const CachedObjectPtr object = cache->objects.value(it.value());
                    if (!object || owned.contains(object->uid) || object->uid == m_uid) {
                        continue;
                    }
                    owned.insert(object->uid);
                    next.append(object->uid);
                    RelatedObject row;
                    row.relation = RelatedObject::Relation::Owned;
                    row.depth = depth;
                    row.apiVersion = cache->target.resource.groupVersion();
                    row.kind = child->kind;
                    row.namespaceName = object->namespaceName;
                    row.name = object->name;
                    row.uid = object->uid;
                    row.status = cache->statusOf(*object);
                    row.found = true;
                    rows->append(row);
                }
            }
        }
        frontier = next;
    }
    return owned;
}

void RelatedObjectsResolver::addSelected(const KindTraits& traits, const QSet<QString>& owned,
                                         QList<RelatedObject>* rows, QSet<QString>* needed) {
    if (traits.selector == related::SelectorKind::None) {
        return;
    }
    const QJsonObject selector = m_root.value(u"spec").toObject().value(u"selector").toObject();
    const auto pods = resourceFor(QString(), QStringLiteral("Pod"));
    Cache* cache = pods ? cacheFor(*pods, m_namespace, {}, needed) : nullptr;
    if (!cache) {
        return;
    }
    for (const CachedObjectPtr& pod : std::as_const(cache->objects)) {
        const bool matches = traits.selector == related::SelectorKind::ServiceMap
                                 ? related::serviceSelectorMatches(selector, pod->labels)
                                 : related::labelSelectorMatches(selector, pod->labels);
        // An owned pod is listed once, as owned: the selector only adds the pods nobody here owns.
        if (!matches || owned.contains(pod->uid)) {
            continue;
        }
        RelatedObject row;
        row.relation = RelatedObject::Relation::Selects;
        row.apiVersion = cache->target.resource.groupVersion();
        row.kind = QStringLiteral("Pod");
        row.namespaceName = pod->namespaceName;
        row.name = pod->name;
        row.uid = pod->uid;
        row.status = cache->statusOf(*pod);
        row.found = true;
        rows->append(row);
    }
}

void RelatedObjectsResolver::addUsed(const KindTraits& traits, QList<RelatedObject>* rows,
                                     QSet<QString>* needed) {
    const QJsonObject podSpec = related::podSpecOf(traits, m_root);
    if (podSpec.isEmpty()) {
        return;
    }
    for (const related::NamedReference& reference : related::podSpecReferences(podSpec)) {
        RelatedObject row;
        row.relation = RelatedObject::Relation::Uses;
        row.kind = reference.kind;
        row.name = reference.name;
        row.namespaceName = m_namespace;
        row.detail = reference.detail;
        if (const auto resource = resourceFor(QString(), reference.kind)) {
            row.apiVersion = resource->groupVersion();
            if (Cache* cache = cacheFor(*resource, m_namespace, {}, needed)) {
                if (const CachedObjectPtr used = cache->byName(reference.name)) {
                    row.uid = used->uid;
                    row.status = cache->statusOf(*used);
                    row.found = true;
                }
            }
        }
        rows->append(row);
    }
}

} // namespace binnacle
