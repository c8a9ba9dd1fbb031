#include "relatedobjectsmodel.h"

#include <algorithm>
#include <tuple>

namespace binnacle {

namespace {

auto orderKey(const RelatedObject& row) {
    return std::tie(row.relation, row.depth, row.kind, row.namespaceName, row.name);
}

} // namespace

QString RelatedObject::relationName(Relation relation) {
    switch (relation) {
    case Relation::Owner:
        return QStringLiteral("owner");
    case Relation::Owned:
        return QStringLiteral("owned");
    case Relation::Selects:
        return QStringLiteral("selects");
    case Relation::Uses:
        return QStringLiteral("uses");
    }
    return {};
}

bool RelatedObject::sortsBefore(const RelatedObject& other) const {
    return orderKey(*this) < orderKey(other);
}

bool RelatedObject::sameRow(const RelatedObject& other) const {
    return orderKey(*this) == orderKey(other);
}

RelatedObjectsModel::RelatedObjectsModel(QObject* parent)
    : QAbstractListModel(parent) {}

void RelatedObjectsModel::setRows(QList<RelatedObject> rows) {
    std::sort(rows.begin(), rows.end(),
              [](const RelatedObject& a, const RelatedObject& b) { return a.sortsBefore(b); });
    const int countBefore = count();

    // Both lists are sorted by identity, so a merge finds the rows that went, came and changed. Removals
    // first (runs, from the back); what remains is then a subsequence of the new list.
    QList<std::pair<qsizetype, qsizetype>> removals;
    qsizetype next = 0;
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        const RelatedObject& old = m_rows.at(row);
        while (next < rows.size() && rows.at(next).sortsBefore(old)) {
            ++next;
        }
        if (next < rows.size() && rows.at(next).sameRow(old)) {
            continue;
        }
        if (!removals.isEmpty() && removals.last().second + 1 == row) {
            removals.last().second = row;
        } else {
            removals.append({row, row});
        }
    }
    for (auto run = removals.crbegin(); run != removals.crend(); ++run) {
        beginRemoveRows({}, int(run->first), int(run->second));
        m_rows.remove(run->first, run->second - run->first + 1);
        endRemoveRows();
    }

    QList<std::pair<qsizetype, qsizetype>> changes;
    for (qsizetype position = 0; position < rows.size();) {
        if (position < m_rows.size() && m_rows.at(position).sameRow(rows.at(position))) {
            if (!(m_rows.at(position) == rows.at(position))) {
                m_rows[position] = rows.at(position);
                if (!changes.isEmpty() && changes.last().second + 1 == position) {
                    changes.last().second = position;
                } else {
                    changes.append({position, position});
                }
            }
            ++position;
            continue;
        }
        // New rows up to the next one we already show.
        qsizetype end = position + 1;
        while (end < rows.size() &&
               !(position < m_rows.size() && m_rows.at(position).sameRow(rows.at(end)))) {
            ++end;
        }
        beginInsertRows({}, int(position), int(end - 1));
        m_rows.insert(position, end - position, RelatedObject());
        std::copy(rows.cbegin() + position, rows.cbegin() + end, m_rows.begin() + position);
        endInsertRows();
        position = end;
    }
    for (const auto& [first, last] : std::as_const(changes)) {
        emit dataChanged(index(int(first)), index(int(last)));
    }
    if (count() != countBefore) {
        emit countChanged();
    }
}

int RelatedObjectsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RelatedObjectsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const RelatedObject& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return row.kind + QLatin1Char('/') + row.name;
    case RelationRole:
        return RelatedObject::relationName(row.relation);
    case DepthRole:
        return row.depth;
    case ApiVersionRole:
        return row.apiVersion;
    case KindRole:
        return row.kind;
    case NamespaceRole:
        return row.namespaceName;
    case NameRole:
        return row.name;
    case UidRole:
        return row.uid;
    case StatusRole:
        return row.status;
    case DetailRole:
        return row.detail;
    case FoundRole:
        return row.found;
    default:
        return {};
    }
}

QHash<int, QByteArray> RelatedObjectsModel::roleNames() const {
    return {{RelationRole, "relation"}, {DepthRole, "depth"},         {ApiVersionRole, "apiVersion"},
            {KindRole, "kind"},         {NamespaceRole, "namespace"}, {NameRole, "name"},
            {UidRole, "uid"},           {StatusRole, "status"},       {DetailRole, "detail"},
            {FoundRole, "found"}};
}

} // namespace binnacle
