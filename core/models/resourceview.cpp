#include "resourceview.h"

#include "dashboardsettings.h"
#include "informerregistry.h"

namespace binnacle {

ResourceView::ResourceView(QObject* parent)
    : QObject(parent)
    , m_table(new ResourceTableModel(this))
    , m_proxy(new ResourceFilterProxy(this))
    , m_columns(new ColumnOrderProxy(this)) {
    m_proxy->setSourceModel(m_table);
    m_columns->setSourceModel(m_proxy);
    // Column positions as shown change with a move or a new column set.
    const auto columnsMoved = [this] {
        emit columnsChanged();
        emit sortChanged();
    };
    connect(m_columns, &QAbstractItemModel::modelReset, this, columnsMoved);
    connect(m_columns, &QAbstractItemModel::columnsMoved, this, columnsMoved);
    connect(m_table, &ResourceTableModel::columnsReset, this, &ResourceView::columnsChanged);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_proxy, signal, this, &ResourceView::updateReady);
    }
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ResourceView::updateReady);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ResourceView::updateReady);
}

ResourceView::~ResourceView() {
    // The model lets go of the subscription before it goes.
    m_table->setSubscription(nullptr);
    delete m_subscriptionOwner;
}

void ResourceView::setConnection(ClusterConnection* connection) {
    if (connection == m_connection) {
        return;
    }
    if (m_connection) {
        disconnect(m_connection, nullptr, this, nullptr);
    }
    m_connection = connection;
    if (m_connection) {
        // A new session: the old registry is about to go, so the subscription must go first.
        connect(m_connection, &ClusterConnection::sessionChanged, this, [this] {
            m_targetKey.clear();
            resubscribe();
        });
        connect(m_connection, &ClusterConnection::resourcesChanged, this, &ResourceView::resubscribe);
        connect(m_connection, &ClusterConnection::statusChanged, this, &ResourceView::healthChanged);
    }
    resubscribe();
    emit connectionChanged();
}

void ResourceView::setResourceKey(const QString& key) {
    if (key != m_resourceKey) {
        m_resourceKey = key;
        resubscribe();
        emit resourceKeyChanged();
    }
}

void ResourceView::setNamespaceName(const QString& namespaceName) {
    if (namespaceName != m_namespaceName) {
        m_namespaceName = namespaceName;
        resubscribe();
        emit namespaceNameChanged();
    }
}

void ResourceView::resubscribe() {
    std::optional<client::ApiResource> resource;
    if (m_connection && m_connection->registry()) {
        resource = m_connection->findResource(m_resourceKey);
    }
    watch::WatchTarget target;
    if (resource) {
        target.resource = *resource;
        // The same scope and form as the sidebar's counters, so that both share one informer.
        target.namespaceName = resource->namespaced ? m_namespaceName : QString();
        target.form = watch::WatchTarget::Form::Table;
    }
    const QString targetKey = resource ? target.key() : QString();
    if (targetKey == m_targetKey && (resource.has_value() == m_resource.has_value())) {
        return; // discovery changed elsewhere, or nothing changed
    }
    m_targetKey = targetKey;
    m_resource = resource;

    QObject* previousOwner = m_subscriptionOwner;
    m_subscriptionOwner = nullptr;
    m_subscription = nullptr;
    if (resource) {
        m_subscriptionOwner = new QObject(this);
        m_subscription = m_connection->registry()->subscribe(target, m_subscriptionOwner);
        connect(m_subscription, &informers::InformerSubscription::statusChanged, this,
                &ResourceView::healthChanged);
        connect(m_subscription, &informers::InformerSubscription::objectCountChanged, this,
                &ResourceView::updateReady);
    }
    // The kind's column order, applied when its columns arrive.
    m_columns->setColumnOrder(resource ? DashboardSettings().columnOrder(resource->groupResource())
                                       : QStringList());
    m_table->setShowNamespace(resource && resource->namespaced && m_namespaceName.isEmpty());
    m_table->setSubscription(m_subscription);
    // Released after the model moved on, so that a quick return finds the informer lingering.
    delete previousOwner;
    emit targetChanged();
    emit healthChanged();
    updateReady();
}

QString ResourceView::healthText() const {
    using State = informers::InformerSubscription::State;
    if (!m_subscription) {
        if (m_connection && m_connection->connected() && !m_resourceKey.isEmpty()) {
            return tr("unknown kind \"%1\"").arg(m_resourceKey);
        }
        return m_connection ? m_connection->status() : tr("not connected");
    }
    const QString error = m_subscription->lastError();
    switch (m_subscription->state()) {
    case State::Live:
        return tr("live");
    case State::Idle:
    case State::Syncing:
        return tr("syncing…");
    case State::Reconnecting:
        return tr("reconnecting (attempt %1): %2").arg(m_subscription->attempt()).arg(error);
    case State::Stale:
        return tr("stale: no events since %1")
            .arg(m_subscription->lastEventAt().toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    case State::Forbidden:
        return tr("forbidden: %1").arg(error);
    case State::Error:
        return tr("error: %1").arg(error);
    }
    return m_subscription->stateName();
}

void ResourceView::updateReady() {
    const bool ready = m_subscription && m_subscription->synced() && m_proxy->rowCount() > 0;
    if (ready != m_ready) {
        m_ready = ready;
        emit readyChanged();
    }
}

void ResourceView::sortBy(int displayColumn) {
    const int column = m_columns->sourceColumn(displayColumn);
    const Qt::SortOrder order =
        column == m_proxy->sortedColumn() && m_proxy->sortOrder() == Qt::AscendingOrder ? Qt::DescendingOrder
                                                                                        : Qt::AscendingOrder;
    m_proxy->sort(column, order);
    emit sortChanged();
}

void ResourceView::moveColumn(int from, int to) {
    if (m_columns->moveColumn(from, to) && m_resource) {
        DashboardSettings().setColumnOrder(m_resource->groupResource(), m_columns->columnOrder());
    }
}

ResourceView::Severity ResourceView::severityOf(const QString& status) {
    static const QStringList good{QStringLiteral("Running"),   QStringLiteral("Completed"),
                                  QStringLiteral("Succeeded"), QStringLiteral("Ready"),
                                  QStringLiteral("Active"),    QStringLiteral("Bound"),
                                  QStringLiteral("Available"), QStringLiteral("Complete")};
    static const QStringList warning{QStringLiteral("Pending"),         QStringLiteral("ContainerCreating"),
                                     QStringLiteral("PodInitializing"), QStringLiteral("Terminating"),
                                     QStringLiteral("Unknown"),         QStringLiteral("SchedulingDisabled")};
    static const QStringList bad{QStringLiteral("CrashLoopBackOff"),
                                 QStringLiteral("Error"),
                                 QStringLiteral("Failed"),
                                 QStringLiteral("ImagePullBackOff"),
                                 QStringLiteral("ErrImagePull"),
                                 QStringLiteral("OOMKilled"),
                                 QStringLiteral("Evicted"),
                                 QStringLiteral("NotReady"),
                                 QStringLiteral("Lost"),
                                 QStringLiteral("CreateContainerConfigError")};
    if (status.isEmpty()) {
        return Severity::Neutral;
    }
    if (bad.contains(status) || status.startsWith(QLatin1String("Init:Error")) ||
        status.startsWith(QLatin1String("Init:CrashLoopBackOff"))) {
        return Severity::Bad;
    }
    if (warning.contains(status) || status.startsWith(QLatin1String("Init:"))) {
        return Severity::Warning;
    }
    // Node status "Ready,SchedulingDisabled": ready but cordoned.
    if (status.contains(QLatin1String("SchedulingDisabled"))) {
        return Severity::Warning;
    }
    return good.contains(status) ? Severity::Good : Severity::Neutral;
}

} // namespace binnacle
