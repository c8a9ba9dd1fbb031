#pragma once

#include "apiresource.h"
#include "kindcategories.h"
#include "reflector.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

namespace informers {
class InformerRegistry;
class InformerSubscription;
} // namespace informers

// The sidebar: every listable kind the cluster serves, in sections (Workloads, Network, Config, Storage,
// Cluster, Access control, then custom resources grouped by API group), with live object counts for the
// kinds that are counted and a favourite mark. Follows discovery: when CRDs come and go, their rows are
// inserted and removed, never a reset.
class KindsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the cluster session")
    Q_PROPERTY(QStringList favourites READ favourites WRITE setFavourites NOTIFY favouritesChanged)
    Q_PROPERTY(QString namespaceName READ namespaceName WRITE setNamespaceName NOTIFY namespaceNameChanged)
public:
    enum Role {
        KindRole = Qt::UserRole + 1, // "Deployment"
        ResourceRole,                // "deployments"
        GroupRole,                   // "apps", "" for core
        VersionRole,                 // the preferred version
        ResourceKeyRole,             // "deployments.apps": what binnacle-cli and kubectl accept
        NamespacedRole,
        SectionRole,    // "Workloads" ... or "Custom resources: example.com"
        CountRole,      // objects in the current namespace scope; -1 when not counted (yet)
        FavouriteRole,  // marked by the user
        CountStateRole, // the counting informer's state name ("Live", "Forbidden" ...); empty when not
                        // counted
    };
    Q_ENUM(Role)

    explicit KindsModel(QObject* parent = nullptr);
    ~KindsModel() override;

    // The cluster's resources (each group's preferred version); subresources and kinds that cannot be
    // listed are left out.
    void setResources(const QList<client::ApiResource>& resources);
    // Counting: informers (shared with the views) for these resource keys; by default the workloads.
    void setRegistry(informers::InformerRegistry* registry);
    void setCountedResources(const QStringList& resourceKeys);

    QStringList favourites() const { return m_favourites; }
    void setFavourites(const QStringList& resourceKeys);
    Q_INVOKABLE void toggleFavourite(const QString& resourceKey);
    QString namespaceName() const { return m_namespace; }
    void setNamespaceName(const QString& namespaceName);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE int rowOf(const QString& resourceKey) const;
    client::ApiResource resourceAt(int row) const;

signals:
    void favouritesChanged();
    void namespaceNameChanged();

private:
    struct Row {
        client::ApiResource resource;
        KindCategory category = KindCategory::Other;
        QString key;
        QString section;
    };
    static bool rowLess(const Row& a, const Row& b);
    void resubscribeCounts();
    void countChanged(const QString& resourceKey);

    QList<Row> m_rows;
    QStringList m_favourites;
    QString m_namespace;
    QStringList m_countedKeys;
    QPointer<informers::InformerRegistry> m_registry;
    QHash<QString, informers::InformerSubscription*> m_counters; // by resource key; owned by m_countOwner
    QObject* m_countOwner = nullptr;
};

} // namespace binnacle
