#include "columnorderproxy.h"

#include "resourcetablemodel.h"

#include <algorithm>

namespace binnacle {

ColumnOrderProxy::ColumnOrderProxy(QObject* parent)
    : QAbstractProxyModel(parent) {}

void ColumnOrderProxy::setSourceModel(QAbstractItemModel* newSource) {
    if (newSource == sourceModel()) {
        return;
    }
    beginResetModel();
    for (const QMetaObject::Connection& connection : std::as_const(m_sourceConnections)) {
        disconnect(connection);
    }
    m_sourceConnections.clear();
    QAbstractProxyModel::setSourceModel(newSource);
    if (newSource) {
        connectSource();
    }
    applyOrder(orderFor(m_wanted));
    endResetModel();
}

void ColumnOrderProxy::connectSource() {
    QAbstractItemModel* source = sourceModel();
    auto follow = [this, source](auto signal, auto slot) {
        m_sourceConnections.append(connect(source, signal, this, slot));
    };
    // Rows are the same on both sides.
    follow(&QAbstractItemModel::rowsAboutToBeInserted,
           [this](const QModelIndex&, int first, int last) { beginInsertRows({}, first, last); });
    follow(&QAbstractItemModel::rowsInserted, [this] { endInsertRows(); });
    follow(&QAbstractItemModel::rowsAboutToBeRemoved,
           [this](const QModelIndex&, int first, int last) { beginRemoveRows({}, first, last); });
    follow(&QAbstractItemModel::rowsRemoved, [this] { endRemoveRows(); });
    follow(&QAbstractItemModel::rowsAboutToBeMoved,
           [this](const QModelIndex&, int first, int last, const QModelIndex&, int destination) {
               beginMoveRows({}, first, last, {}, destination);
           });
    follow(&QAbstractItemModel::rowsMoved, [this] { endMoveRows(); });
    follow(&QAbstractItemModel::dataChanged,
           [this](const QModelIndex& topLeft, const QModelIndex& bottomRight, const QList<int>& roles) {
               const auto [first, last] = displaySpan(topLeft.column(), bottomRight.column());
               emit dataChanged(index(topLeft.row(), first), index(bottomRight.row(), last), roles);
           });
    follow(&QAbstractItemModel::headerDataChanged, [this](Qt::Orientation orientation, int first, int last) {
        if (orientation == Qt::Horizontal) {
            std::tie(first, last) = displaySpan(first, last);
        }
        emit headerDataChanged(orientation, first, last);
    });
    // Sorting: the source reorders its rows; persistent indexes follow through their source indexes.
    follow(&QAbstractItemModel::layoutAboutToBeChanged,
           [this](const QList<QPersistentModelIndex>&, QAbstractItemModel::LayoutChangeHint hint) {
               emit layoutAboutToBeChanged({}, hint);
               m_layoutProxies = persistentIndexList();
               m_layoutSources.clear();
               for (const QModelIndex& proxyIndex : std::as_const(m_layoutProxies)) {
                   m_layoutSources.append(mapToSource(proxyIndex));
               }
           });
    follow(&QAbstractItemModel::layoutChanged,
           [this](const QList<QPersistentModelIndex>&, QAbstractItemModel::LayoutChangeHint hint) {
               for (qsizetype i = 0; i < m_layoutProxies.size(); ++i) {
                   changePersistentIndex(m_layoutProxies.at(i), mapFromSource(m_layoutSources.at(i)));
               }
               m_layoutProxies.clear();
               m_layoutSources.clear();
               emit layoutChanged({}, hint);
           });
    // A new column set (another kind) is a reset on the source's side too; the wanted order applies anew.
    const auto beginReset = [this] { beginResetModel(); };
    const auto endReset = [this] {
        applyOrder(orderFor(m_wanted));
        endResetModel();
    };
    follow(&QAbstractItemModel::modelAboutToBeReset, beginReset);
    follow(&QAbstractItemModel::modelReset, endReset);
    follow(&QAbstractItemModel::columnsAboutToBeInserted, beginReset);
    follow(&QAbstractItemModel::columnsInserted, endReset);
    follow(&QAbstractItemModel::columnsAboutToBeRemoved, beginReset);
    follow(&QAbstractItemModel::columnsRemoved, endReset);
    follow(&QAbstractItemModel::columnsAboutToBeMoved, beginReset);
    follow(&QAbstractItemModel::columnsMoved, endReset);
}

QString ColumnOrderProxy::sourceTitle(int column) const {
    return sourceModel()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
}

QList<int> ColumnOrderProxy::orderFor(const QStringList& titles) const {
    const int count = sourceModel() ? sourceModel()->columnCount() : 0;
    QList<int> order;
    order.reserve(count);
    QList<bool> placed(count, false);
    for (const QString& title : titles) {
        for (int column = 0; column < count; ++column) {
            if (!placed[column] && sourceTitle(column) == title) {
                placed[column] = true;
                order.append(column);
                break;
            }
        }
    }
    for (int column = 0; column < count; ++column) {
        if (!placed[column]) {
            order.append(column);
        }
    }
    return order;
}

void ColumnOrderProxy::applyOrder(const QList<int>& order) {
    m_toSource = order;
    m_fromSource = QList<int>(order.size(), -1);
    for (int position = 0; position < order.size(); ++position) {
        m_fromSource[order[position]] = position;
    }
}

QStringList ColumnOrderProxy::columnOrder() const {
    if (m_toSource.isEmpty()) {
        return m_wanted;
    }
    QStringList titles;
    for (int column : m_toSource) {
        titles.append(sourceTitle(column));
    }
    return titles;
}

void ColumnOrderProxy::setColumnOrder(const QStringList& titles) {
    if (titles == m_wanted) {
        return;
    }
    m_wanted = titles;
    const QList<int> order = orderFor(m_wanted);
    if (order != m_toSource) {
        beginResetModel();
        applyOrder(order);
        endResetModel();
    }
    emit columnOrderChanged();
}

bool ColumnOrderProxy::moveColumn(int from, int to) {
    const int count = int(m_toSource.size());
    if (from < 0 || from >= count || to < 0 || to >= count) {
        return false;
    }
    if (from == to) {
        return true;
    }
    // Qt names the destination as the position before which the column goes, counted before the move.
    if (!beginMoveColumns({}, from, from, {}, to > from ? to + 1 : to)) {
        return false;
    }
    m_toSource.move(from, to);
    applyOrder(m_toSource);
    endMoveColumns();
    // Views that draw a row from its cells list (not from the moved column's indexes) must re-read it.
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, count - 1), {ResourceTableModel::CellsRole});
    }
    m_wanted = columnOrder();
    emit columnOrderChanged();
    return true;
}

int ColumnOrderProxy::sourceColumn(int column) const {
    return column >= 0 && column < m_toSource.size() ? m_toSource[column] : -1;
}

int ColumnOrderProxy::displayColumn(int column) const {
    return column >= 0 && column < m_fromSource.size() ? m_fromSource[column] : -1;
}

std::pair<int, int> ColumnOrderProxy::displaySpan(int first, int last) const {
    int low = int(m_toSource.size());
    int high = -1;
    for (int column = std::max(0, first); column <= last && column < m_fromSource.size(); ++column) {
        low = std::min(low, m_fromSource[column]);
        high = std::max(high, m_fromSource[column]);
    }
    return high < 0 ? std::pair{first, last} : std::pair{low, high};
}

int ColumnOrderProxy::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->rowCount();
}

int ColumnOrderProxy::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_toSource.size());
}

QModelIndex ColumnOrderProxy::index(int row, int column, const QModelIndex& parent) const {
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount()) {
        return {};
    }
    return createIndex(row, column);
}

QModelIndex ColumnOrderProxy::parent(const QModelIndex&) const {
    return {};
}

QModelIndex ColumnOrderProxy::mapToSource(const QModelIndex& proxyIndex) const {
    if (!proxyIndex.isValid() || !sourceModel()) {
        return {};
    }
    return sourceModel()->index(proxyIndex.row(), sourceColumn(proxyIndex.column()));
}

QModelIndex ColumnOrderProxy::mapFromSource(const QModelIndex& sourceIndex) const {
    if (!sourceIndex.isValid()) {
        return {};
    }
    return index(sourceIndex.row(), displayColumn(sourceIndex.column()));
}

QVariant ColumnOrderProxy::data(const QModelIndex& proxyIndex, int role) const {
    const QVariant value = QAbstractProxyModel::data(proxyIndex, role);
    if (role != ResourceTableModel::CellsRole || value.typeId() != QMetaType::QStringList) {
        return value;
    }
    const QStringList sourceCells = value.toStringList();
    QStringList cells;
    cells.reserve(m_toSource.size());
    for (int column : m_toSource) {
        cells.append(sourceCells.value(column));
    }
    return cells;
}

QVariant ColumnOrderProxy::headerData(int section, Qt::Orientation orientation, int role) const {
    if (!sourceModel()) {
        return {};
    }
    if (orientation == Qt::Horizontal) {
        const int column = sourceColumn(section);
        return column < 0 ? QVariant() : sourceModel()->headerData(column, orientation, role);
    }
    return sourceModel()->headerData(section, orientation, role);
}

void ColumnOrderProxy::sort(int column, Qt::SortOrder order) {
    if (sourceModel()) {
        sourceModel()->sort(sourceColumn(column), order);
    }
}

} // namespace binnacle
