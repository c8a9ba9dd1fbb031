#include "kindsmodel.h"

#include "informerregistry.h"
#include "informersubscription.h"

#include <QSet>
#include <algorithm>

namespace binnacle {

namespace {
QString keyOf(const client::ApiResource& resource) {
    return resource.groupResource();
}
} // namespace

KindsModel::KindsModel(QObject* parent)
    : QAbstractListModel(parent)
    , m_countedKeys{QStringLiteral("pods"),
                    QStringLiteral("deployments.apps"),
                    QStringLiteral("daemonsets.apps"),
                    QStringLiteral("statefulsets.apps"),
                    QStringLiteral("replicasets.apps"),
                    QStringLiteral("jobs.batch"),
                    QStringLiteral("cronjobs.batch")} {}

KindsModel::~KindsModel() {
    delete m_countOwner;
}

bool KindsModel::rowLess(const Row& a, const Row& b) {
    if (a.category != b.category) {
        return a.category < b.category;
    }
    if (a.resource.group != b.resource.group && a.category == KindCategory::CustomResources) {
        return a.resource.group < b.resource.group;
    }
    if (a.resource.kind != b.resource.kind) {
        return a.resource.kind < b.resource.kind;
    }
    return a.key < b.key;
}

void KindsModel::setResources(const QList<client::ApiResource>& resources) {
    QList<Row> fresh;
    QSet<QString> seen;
    // Events are served twice (core v1 and events.k8s.io) with the same objects: one sidebar row, the core
    // one.
    const bool coreEvents =
        std::any_of(resources.cbegin(), resources.cend(), [](const client::ApiResource& r) {
            return r.group.isEmpty() && r.resource == QLatin1String("events");
        });
    for (const client::ApiResource& resource : resources) {
        if (coreEvents && resource.group == QLatin1String("events.k8s.io") &&
            resource.resource == QLatin1String("events")) {
            continue;
        }
        if (resource.resource.contains(QLatin1Char('/')) || !resource.supportsVerb(QStringLiteral("list"))) {
            continue;
        }
        Row row{resource, categoryOf(resource), keyOf(resource), {}};
        if (seen.contains(row.key)) {
            continue; // events and events.events.k8s.io are distinct keys; only true duplicates go
        }
        seen.insert(row.key);
        row.section = row.category == KindCategory::CustomResources
                          ? categoryName(row.category) + QStringLiteral(": ") + resource.group
                          : categoryName(row.category);
        fresh.append(row);
    }
    std::sort(fresh.begin(), fresh.end(), rowLess);

    // Rows that went away, from the back in merged runs; then, both lists being in the same order, walk
    // them together: equal keys are kept (and refreshed), new keys are inserted in runs.
    for (qsizetype i = m_rows.size() - 1; i >= 0;) {
        if (seen.contains(m_rows.at(i).key)) {
            --i;
            continue;
        }
        qsizetype first = i;
        while (first > 0 && !seen.contains(m_rows.at(first - 1).key)) {
            --first;
        }
        beginRemoveRows({}, int(first), int(i));
        m_rows.remove(first, i - first + 1);
        endRemoveRows();
        i = first - 1;
    }
    qsizetype cursor = 0;
    qsizetype next = 0;
    while (next < fresh.size()) {
        if (cursor < m_rows.size() && m_rows.at(cursor).key == fresh.at(next).key) {
            if (m_rows.at(cursor).resource.version != fresh.at(next).resource.version) {
                m_rows[cursor] = fresh.at(next);
                emit dataChanged(index(int(cursor)), index(int(cursor)));
            }
            ++cursor;
            ++next;
            continue;
        }
        qsizetype end = next + 1;
        while (end < fresh.size() &&
               (cursor >= m_rows.size() || fresh.at(end).key != m_rows.at(cursor).key)) {
            ++end;
        }
        beginInsertRows({}, int(cursor), int(cursor + (end - next) - 1));
        for (qsizetype i = next; i < end; ++i) {
            m_rows.insert(cursor + (i - next), fresh.at(i));
        }
        endInsertRows();
        cursor += end - next;
        next = end;
    }
    resubscribeCounts();
}

void KindsModel::setRegistry(informers::InformerRegistry* registry) {
    m_registry = registry;
    resubscribeCounts();
}

void KindsModel::setCountedResources(const QStringList& resourceKeys) {
    m_countedKeys = resourceKeys;
    resubscribeCounts();
}

void KindsModel::setNamespaceName(const QString& namespaceName) {
    if (namespaceName == m_namespace) {
        return;
    }
    m_namespace = namespaceName;
    resubscribeCounts();
    emit namespaceNameChanged();
}

void KindsModel::resubscribeCounts() {
    // The counting subscriptions are those the views use (Table form, same scope), so a count costs no
    // extra watch for a kind that is also on screen.
    const bool hadCounters = !m_counters.isEmpty();
    delete m_countOwner;
    m_countOwner = new QObject(this);
    m_counters.clear();
    if (m_registry) {
        for (const QString& key : std::as_const(m_countedKeys)) {
            const int row = rowOf(key);
            if (row < 0) {
                continue;
            }
            watch::WatchTarget target;
            target.resource = m_rows.at(row).resource;
            target.namespaceName = target.resource.namespaced ? m_namespace : QString();
            target.form = watch::WatchTarget::Form::Table;
            informers::InformerSubscription* subscription = m_registry->subscribe(target, m_countOwner);
            m_counters.insert(key, subscription);
            connect(subscription, &informers::InformerSubscription::objectCountChanged, this,
                    [this, key] { countChanged(key); });
            connect(subscription, &informers::InformerSubscription::statusChanged, this,
                    [this, key] { countChanged(key); });
        }
    }
    if (!m_rows.isEmpty() && (hadCounters || !m_counters.isEmpty())) {
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {CountRole, CountStateRole});
    }
}

void KindsModel::countChanged(const QString& resourceKey) {
    const int row = rowOf(resourceKey);
    if (row >= 0) {
        emit dataChanged(index(row), index(row), {CountRole, CountStateRole});
    }
}

void KindsModel::setFavourites(const QStringList& resourceKeys) {
    if (resourceKeys == m_favourites) {
        return;
    }
    m_favourites = resourceKeys;
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {FavouriteRole});
    }
    emit favouritesChanged();
}

void KindsModel::toggleFavourite(const QString& resourceKey) {
    QStringList favourites = m_favourites;
    if (!favourites.removeOne(resourceKey)) {
        favourites.append(resourceKey);
    }
    setFavourites(favourites);
}

int KindsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant KindsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case KindRole:
        return row.resource.kind;
    case ResourceRole:
        return row.resource.resource;
    case GroupRole:
        return row.resource.group;
    case VersionRole:
        return row.resource.version;
    case ResourceKeyRole:
        return row.key;
    case NamespacedRole:
        return row.resource.namespaced;
    case SectionRole:
        return row.section;
    case CountRole: {
        const auto* counter = m_counters.value(row.key);
        return counter && counter->synced() ? qlonglong(counter->objectCount()) : qlonglong(-1);
    }
    case FavouriteRole:
        return m_favourites.contains(row.key);
    case CountStateRole: {
        const auto* counter = m_counters.value(row.key);
        return counter ? counter->stateName() : QString();
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> KindsModel::roleNames() const {
    return {{Qt::DisplayRole, "display"},   {KindRole, "kind"},
            {ResourceRole, "resource"},     {GroupRole, "group"},
            {VersionRole, "version"},       {ResourceKeyRole, "resourceKey"},
            {NamespacedRole, "namespaced"}, {SectionRole, "section"},
            {CountRole, "count"},           {FavouriteRole, "favourite"},
            {CountStateRole, "countState"}};
}

int KindsModel::rowOf(const QString& resourceKey) const {
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).key == resourceKey) {
            return int(row);
        }
    }
    return -1;
}

client::ApiResource KindsModel::resourceAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).resource : client::ApiResource{};
}

} // namespace binnacle
