#pragma once

#include <QAbstractProxyModel>
#include <QList>
#include <QPersistentModelIndex>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace binnacle {

// The columns of a flat table in the order the user put them. Qt 6.4's TableView and HeaderView cannot move
// columns, so the order lives here: a permutation of the source's columns, changed with moveColumn() (a
// column move, never a reset, so that rows, selection and scroll position stay) and kept by name across the
// source's resets, so that an order restored before the columns are known applies once they arrive. Rows
// pass through unchanged. A ResourceTableModel's whole-row role (CellsRole) comes in display order too, and
// a column move tells views that it changed.
class ColumnOrderProxy : public QAbstractProxyModel {
    Q_OBJECT
    QML_ELEMENT
    // Column titles in display order. Setting it orders the named columns first, in that order; the others
    // follow in the source's order. Titles the source does not have are kept for when it has them.
    Q_PROPERTY(QStringList columnOrder READ columnOrder WRITE setColumnOrder NOTIFY columnOrderChanged)
public:
    explicit ColumnOrderProxy(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* sourceModel) override;

    QStringList columnOrder() const;
    void setColumnOrder(const QStringList& titles);

    // Moves the column at `from` to `to` (display positions); false when either is out of range.
    Q_INVOKABLE bool moveColumn(int from, int to);
    // Display position <-> source column; -1 when out of range.
    Q_INVOKABLE int sourceColumn(int column) const;
    Q_INVOKABLE int displayColumn(int sourceColumn) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    QModelIndex mapToSource(const QModelIndex& proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex& sourceIndex) const override;
    QVariant data(const QModelIndex& proxyIndex, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void columnOrderChanged();

private:
    QList<int> orderFor(const QStringList& titles) const;
    void applyOrder(const QList<int>& order);
    QString sourceTitle(int sourceColumn) const;
    // The display span of source columns [first, last].
    std::pair<int, int> displaySpan(int first, int last) const;
    void connectSource();

    QList<int> m_toSource;   // display position -> source column
    QList<int> m_fromSource; // source column -> display position
    QStringList m_wanted;
    QList<QPersistentModelIndex> m_layoutSources;
    QModelIndexList m_layoutProxies;
    QList<QMetaObject::Connection> m_sourceConnections;
};

} // namespace binnacle
