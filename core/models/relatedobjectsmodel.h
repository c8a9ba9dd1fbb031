#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

// One object related to the object a details panel shows.
struct RelatedObject {
    // In the order the panel lists them.
    enum class Relation { Owner, Owned, Selects, Uses };

    Relation relation = Relation::Owner;
    int depth = 1; // owners: 1 the direct owner, 2 its owner ...; owned: 1 a direct child, 2 a grandchild
    QString apiVersion;
    QString kind;
    QString namespaceName;
    QString name;
    QString uid;    // empty while (or when) the object is not found
    QString status; // the object's Status cell (pods, PVCs), else its Ready cell (workloads); may be empty
    QString detail; // how it is related: "controller", "volume data", "env DB_PASSWORD", "envFrom"
    bool found = false;

    static QString relationName(Relation relation);
    // The row's identity and order: relation, depth, kind, namespace, name.
    bool sortsBefore(const RelatedObject& other) const;
    bool sameRow(const RelatedObject& other) const;
    bool operator==(const RelatedObject& other) const = default;
};

// Related objects as a list for the details panel: owners up the chain, owned objects down it, pods a
// Service or workload selects, and the ConfigMaps, Secrets and PVCs a pod uses. setRows() turns each new
// list into the minimal removes, inserts (merged ranges) and changes; never a reset.
class RelatedObjectsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by an ObjectModel")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        RelationRole = Qt::UserRole + 1, // "owner", "owned", "selects", "uses"
        DepthRole,
        ApiVersionRole,
        KindRole,
        NamespaceRole,
        NameRole,
        UidRole,
        StatusRole,
        DetailRole,
        FoundRole,
    };
    Q_ENUM(Role)

    explicit RelatedObjectsModel(QObject* parent = nullptr);

    // The new content, in any order (it is sorted here); rows that compare sameRow() must not repeat.
    void setRows(QList<RelatedObject> rows);
    const QList<RelatedObject>& rows() const { return m_rows; }
    int count() const { return int(m_rows.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    QList<RelatedObject> m_rows;
};

} // namespace binnacle
