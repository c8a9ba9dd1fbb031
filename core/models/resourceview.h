#pragma once

#include "clusterconnection.h"
#include "columnorderproxy.h"
#include "informersubscription.h"
#include "resourcefilterproxy.h"
#include "resourcetablemodel.h"

#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

// What one table shows: a kind (resourceKey, any spelling ClusterConnection::findResource accepts) in a
// namespace (empty: all) of a connection. Subscribes to the shared informer for that scope and exposes its
// rows sorted and filtered (`model`) together with the watch health (`health`), so that a view never shows
// stale data without saying so. A new kind or scope is a new subscription; the informer of the old one
// lingers in the registry for a quick return.
class ResourceView : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        binnacle::ClusterConnection* connection READ connection WRITE setConnection NOTIFY connectionChanged)
    Q_PROPERTY(QString resourceKey READ resourceKey WRITE setResourceKey NOTIFY resourceKeyChanged)
    Q_PROPERTY(QString namespaceName READ namespaceName WRITE setNamespaceName NOTIFY namespaceNameChanged)
    // The resolved resource: "deployments.apps", "Deployment"; empty while the kind is not (yet) served.
    Q_PROPERTY(QString resolvedKey READ resolvedKey NOTIFY targetChanged)
    Q_PROPERTY(QString kind READ kind NOTIFY targetChanged)
    Q_PROPERTY(bool namespaced READ namespaced NOTIFY targetChanged)
    // The rows sorted and filtered (set the filter here); columns in the server's order.
    Q_PROPERTY(binnacle::ResourceFilterProxy* model READ model CONSTANT)
    // The same rows with the columns in the user's order, remembered per kind: what the table shows.
    Q_PROPERTY(binnacle::ColumnOrderProxy* columns READ columns CONSTANT)
    Q_PROPERTY(binnacle::ResourceTableModel* table READ table CONSTANT)
    Q_PROPERTY(binnacle::informers::InformerSubscription* health READ health NOTIFY targetChanged)
    // One line for the top bar: "live", "syncing", "reconnecting (3): connection refused" ...
    Q_PROPERTY(QString healthText READ healthText NOTIFY healthChanged)
    // Synced and showing at least one row (what a screenshot waits for).
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)
    // Columns as the table shows them (`columns`); -1 for none.
    Q_PROPERTY(int sortColumn READ sortColumn NOTIFY sortChanged)
    Q_PROPERTY(int statusColumn READ statusColumn NOTIFY columnsChanged)
    Q_PROPERTY(bool sortDescending READ sortDescending NOTIFY sortChanged)
public:
    // How a Status cell reads, for its colour.
    enum class Severity { Neutral, Good, Warning, Bad };
    Q_ENUM(Severity)

    explicit ResourceView(QObject* parent = nullptr);
    ~ResourceView() override;

    ClusterConnection* connection() const { return m_connection; }
    void setConnection(ClusterConnection* connection);
    QString resourceKey() const { return m_resourceKey; }
    void setResourceKey(const QString& key);
    QString namespaceName() const { return m_namespaceName; }
    void setNamespaceName(const QString& namespaceName);

    QString resolvedKey() const { return m_resource ? m_resource->groupResource() : QString(); }
    QString kind() const { return m_resource ? m_resource->kind : QString(); }
    bool namespaced() const { return m_resource && m_resource->namespaced; }
    ResourceFilterProxy* model() const { return m_proxy; }
    ColumnOrderProxy* columns() const { return m_columns; }
    ResourceTableModel* table() const { return m_table; }
    informers::InformerSubscription* health() const { return m_subscription; }
    QString healthText() const;
    bool ready() const { return m_ready; }
    int sortColumn() const { return m_columns->displayColumn(m_proxy->sortedColumn()); }
    int statusColumn() const { return m_columns->displayColumn(m_table->statusColumn()); }
    Qt::SortOrder sortOrder() const { return m_proxy->sortOrder(); }
    bool sortDescending() const { return sortOrder() == Qt::DescendingOrder; }

    // Sorts by a column (as shown); the same column again reverses the order.
    Q_INVOKABLE void sortBy(int column);
    // Moves a column (as shown) to another place and remembers the order for the kind (DashboardSettings).
    Q_INVOKABLE void moveColumn(int from, int to);
    // The colour class of a Status cell ("Running", "CrashLoopBackOff" ...).
    Q_INVOKABLE binnacle::ResourceView::Severity statusSeverity(const QString& status) const {
        return severityOf(status);
    }
    static Severity severityOf(const QString& status);

signals:
    void connectionChanged();
    void resourceKeyChanged();
    void namespaceNameChanged();
    void targetChanged();
    void healthChanged();
    void readyChanged();
    void sortChanged();
    void columnsChanged();

private:
    void resubscribe();
    void updateReady();

    QPointer<ClusterConnection> m_connection;
    QString m_resourceKey;
    QString m_namespaceName;
    std::optional<client::ApiResource> m_resource;
    QString m_targetKey;
    ResourceTableModel* m_table = nullptr;
    ResourceFilterProxy* m_proxy = nullptr;
    ColumnOrderProxy* m_columns = nullptr;
    QObject* m_subscriptionOwner = nullptr;
    QPointer<informers::InformerSubscription> m_subscription;
    bool m_ready = false;
};

} // namespace binnacle
