#include "resourcefilterproxy.h"

#include "resourcetablemodel.h"

#include <cmath>

namespace binnacle {

ResourceFilterProxy::ResourceFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(ResourceTableModel::SortRole);
    setFilterRole(ResourceTableModel::KeyRole);
    setDynamicSortFilter(true);
    connect(this, &QAbstractProxyModel::sourceModelChanged, this, &ResourceFilterProxy::followAgeTicks);
}

void ResourceFilterProxy::followAgeTicks() {
    disconnect(m_tickStarts);
    disconnect(m_tickEnds);
    disconnect(m_columnsReset);
    m_agesTicking = false;
    if (ResourceTableModel* model = tableModel()) {
        m_tickStarts =
            connect(model, &ResourceTableModel::agesAboutToTick, this, [this] { m_agesTicking = true; });
        m_tickEnds = connect(model, &ResourceTableModel::agesTicked, this, [this] { m_agesTicking = false; });
        // A new column set may tick elsewhere: choose the stand-in again (Qt has already sorted the new
        // rows, comparing the asked column, so only a different stand-in needs another sort).
        m_columnsReset = connect(model, &ResourceTableModel::columnsReset, this, [this] {
            if (m_sortedColumn >= 0 && standInFor(m_sortedColumn) != QSortFilterProxyModel::sortColumn()) {
                sort(m_sortedColumn, sortOrder());
            }
        });
    }
    if (m_sortedColumn >= 0) {
        sort(m_sortedColumn, sortOrder());
    }
}

int ResourceFilterProxy::standInFor(int column) const {
    const ResourceTableModel* model = tableModel();
    if (model && column >= 0 && model->ticks(column)) {
        // The first column outside the ticking range (none: the column itself).
        for (int steady = 0; steady < model->columnCount(); ++steady) {
            if (!model->ticks(steady)) {
                return steady;
            }
        }
    }
    return column;
}

void ResourceFilterProxy::sort(int column, Qt::SortOrder order) {
    const int sortedBy = standInFor(column);
    // Qt ignores a sort by the column and order it already has; a new column behind the same stand-in
    // must still be sorted by.
    const bool qtWouldSkip = dynamicSortFilter() && QSortFilterProxyModel::sortColumn() == sortedBy &&
                             sortOrder() == order && sortedBy >= 0;
    const bool newColumn = column != m_sortedColumn;
    m_sortedColumn = column;
    if (qtWouldSkip && newColumn) {
        invalidate();
        return;
    }
    QSortFilterProxyModel::sort(sortedBy, order);
}

void ResourceFilterProxy::setFilterText(const QString& text) {
    if (text == m_filterText) {
        return;
    }
    m_filterText = text;
    m_query = FilterQuery::parse(text);
    invalidateRowsFilter();
    emit filterTextChanged();
}

void ResourceFilterProxy::setNamespaces(const QStringList& namespaces) {
    if (namespaces == m_namespaces) {
        return;
    }
    m_namespaces = namespaces;
    invalidateRowsFilter();
    emit namespacesChanged();
}

ResourceTableModel* ResourceFilterProxy::tableModel() const {
    return qobject_cast<ResourceTableModel*>(sourceModel());
}

bool ResourceFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (sourceParent.isValid()) {
        return false;
    }
    if (m_agesTicking && m_query.isEmpty() && m_namespaces.isEmpty()) {
        return true; // nothing filtered out: no need to look
    }
    ResourceTableModel* model = tableModel();
    if (m_agesTicking && model) {
        // Only ages changed: each row stays in or out as it is, at the cost of a lookup. (A free-text filter
        // that matches an age's text sees the new text at the row's next real change.)
        return mapFromSource(model->index(sourceRow, 0)).isValid();
    }
    const informers::CachedObjectPtr object = model ? model->objectAt(sourceRow) : nullptr;
    if (!object) {
        return true;
    }
    if (!m_namespaces.isEmpty() && !m_namespaces.contains(object->namespaceName)) {
        return false;
    }
    if (m_query.isEmpty()) {
        return true;
    }
    const QString status = model->data(model->index(sourceRow, 0), ResourceTableModel::StatusRole).toString();
    const FilterQuery::Row row{object->name, object->namespaceName, status, object->cells,
                               [&object](const QString& key, QString* value) {
                                   for (const auto& [labelKey, labelValue] : object->labels) {
                                       if (labelKey == key) {
                                           *value = labelValue;
                                           return true;
                                       }
                                   }
                                   return false;
                               }};
    return m_query.matches(row);
}

bool ResourceFilterProxy::lessThan(const QModelIndex& sortedLeft, const QModelIndex& sortedRight) const {
    if (m_agesTicking) {
        // Every age moved by the same second: no order changes, since a ticking column sorts by a point in
        // time. Qt still checks each changed row against its neighbours when the sort column is among the
        // changed ones (a column set in which sort() found no steady stand-in); "neither is less" tells it
        // the order holds, without reading 100,000 sort values.
        return false;
    }
    // Qt hands over the cells of the column it sorts by; the values compared are those of the asked one.
    const bool standIn = m_sortedColumn >= 0 && sortedLeft.column() != m_sortedColumn;
    const QModelIndex left = standIn ? sortedLeft.siblingAtColumn(m_sortedColumn) : sortedLeft;
    const QModelIndex right = standIn ? sortedRight.siblingAtColumn(m_sortedColumn) : sortedRight;
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    int order = 0;
    if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString) {
        const QString textA = a.toString();
        const QString textB = b.toString();
        double quantityA = 0;
        double quantityB = 0;
        if (parseQuantity(textA, &quantityA) && parseQuantity(textB, &quantityB)) {
            order = quantityA < quantityB ? -1 : (quantityB < quantityA ? 1 : 0);
        } else {
            order = naturalCompare(textA, textB);
        }
    } else {
        const double numberA = a.toDouble();
        const double numberB = b.toDouble();
        order = numberA < numberB ? -1 : (numberB < numberA ? 1 : 0);
    }
    if (order != 0) {
        return order < 0;
    }
    // Ties keep kubectl's namespace/name order, so equal rows do not swap places on every update.
    return left.data(ResourceTableModel::KeyRole).toString() <
           right.data(ResourceTableModel::KeyRole).toString();
}

bool ResourceFilterProxy::parseQuantity(const QString& text, double* value) {
    static const struct {
        const char* suffix;
        double factor;
    } suffixes[] = {{"Ki", 1024.0},
                    {"Mi", 1024.0 * 1024},
                    {"Gi", 1024.0 * 1024 * 1024},
                    {"Ti", 1024.0 * 1024 * 1024 * 1024},
                    {"Pi", std::pow(1024.0, 5)},
                    {"Ei", std::pow(1024.0, 6)},
                    {"n", 1e-9},
                    {"u", 1e-6},
                    {"m", 1e-3},
                    {"k", 1e3},
                    {"M", 1e6},
                    {"G", 1e9},
                    {"T", 1e12},
                    {"P", 1e15},
                    {"E", 1e18}};
    if (text.isEmpty() ||
        !(text.at(0).isDigit() || text.at(0) == u'.' || text.at(0) == u'-' || text.at(0) == u'+')) {
        return false;
    }
    QString number = text;
    double factor = 1;
    for (const auto& [suffix, suffixFactor] : suffixes) {
        if (text.endsWith(QLatin1String(suffix))) {
            number.chop(qsizetype(qstrlen(suffix)));
            factor = suffixFactor;
            break;
        }
    }
    bool ok = false;
    const double parsed = number.toDouble(&ok);
    if (!ok) {
        return false;
    }
    *value = parsed * factor;
    return true;
}

int ResourceFilterProxy::naturalCompare(const QString& a, const QString& b) {
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.at(i).isDigit() && b.at(j).isDigit()) {
            qsizetype endA = i;
            qsizetype endB = j;
            while (endA < a.size() && a.at(endA).isDigit()) {
                ++endA;
            }
            while (endB < b.size() && b.at(endB).isDigit()) {
                ++endB;
            }
            // Compare digit runs by length without leading zeros, then lexically.
            QStringView runA = QStringView(a).mid(i, endA - i);
            QStringView runB = QStringView(b).mid(j, endB - j);
            while (runA.size() > 1 && runA.front() == u'0') {
                runA = runA.mid(1);
            }
            while (runB.size() > 1 && runB.front() == u'0') {
                runB = runB.mid(1);
            }
            if (runA.size() != runB.size()) {
                return runA.size() < runB.size() ? -1 : 1;
            }
            if (const int order = runA.compare(runB); order != 0) {
                return order < 0 ? -1 : 1;
            }
            i = endA;
            j = endB;
            continue;
        }
        const int order = QString::compare(a.at(i), b.at(j), Qt::CaseInsensitive);
        if (order != 0) {
            return order < 0 ? -1 : 1;
        }
        ++i;
        ++j;
    }
    return a.size() - i == b.size() - j ? 0 : (a.size() - i < b.size() - j ? -1 : 1);
}

} // namespace binnacle
