#include "commandpalettemodel.h"

#include "kindsmodel.h"

#include <algorithm>

namespace binnacle {

CommandPaletteModel::CommandPaletteModel(QObject* parent)
    : QAbstractListModel(parent)
    , m_objects(new ResourceView(this)) {
    // Live rows arrive in bursts: search again once they settle, not once per batch.
    m_recompute.setSingleShot(true);
    m_recompute.setInterval(50);
    connect(&m_recompute, &QTimer::timeout, this, &CommandPaletteModel::recompute);
    const auto later = [this] { m_recompute.start(); };
    QAbstractItemModel* rows = m_objects->table();
    connect(rows, &QAbstractItemModel::rowsInserted, this, later);
    connect(rows, &QAbstractItemModel::rowsRemoved, this, later);
    connect(rows, &QAbstractItemModel::modelReset, this, later);
}

void CommandPaletteModel::setConnection(ClusterConnection* connection) {
    if (connection == m_connection) {
        return;
    }
    if (m_connection) {
        disconnect(m_connection->kinds(), nullptr, this, nullptr);
    }
    m_connection = connection;
    m_objects->setConnection(connection);
    if (connection) {
        const auto later = [this] { m_recompute.start(); };
        connect(connection->kinds(), &QAbstractItemModel::modelReset, this, later);
        connect(connection->kinds(), &QAbstractItemModel::rowsInserted, this, later);
    }
    emit connectionChanged();
    recompute();
}

void CommandPaletteModel::setCurrentKind(const QString& kind) {
    if (kind != m_currentKind) {
        m_currentKind = kind;
        emit currentKindChanged();
        updateObjectSource();
    }
}

void CommandPaletteModel::setQuery(const QString& query) {
    if (query != m_query) {
        m_query = query;
        emit queryChanged();
        updateObjectSource();
        recompute();
    }
}

void CommandPaletteModel::updateObjectSource() {
    const qsizetype slash = m_query.indexOf(u'/');
    m_objects->setResourceKey(slash > 0 ? m_query.left(slash).trimmed() : m_currentKind);
}

int CommandPaletteModel::matchScore(const QString& pattern, const QString& text) {
    if (pattern.isEmpty()) {
        return 1;
    }
    const qsizetype at = text.indexOf(pattern, 0, Qt::CaseInsensitive);
    if (at == 0) {
        return text.size() == pattern.size() ? 1000 : 800;
    }
    if (at > 0) {
        const QChar before = text.at(at - 1);
        const bool wordStart = before == u'-' || before == u'.' || before == u'/' || before == u'_';
        return wordStart ? 600 : 400;
    }
    // The letters in order, as fuzzy finders do; closer together scores higher.
    qsizetype position = 0;
    qsizetype gaps = 0;
    for (const QChar letter : pattern) {
        const qsizetype found = text.indexOf(letter, position, Qt::CaseInsensitive);
        if (found < 0) {
            return 0;
        }
        gaps += found - position;
        position = found + 1;
    }
    return int(std::max<qsizetype>(1, 200 - gaps));
}

void CommandPaletteModel::recompute() {
    m_recompute.stop();
    QList<Entry> entries;
    const qsizetype slash = m_query.indexOf(u'/');
    const QString pattern = (slash >= 0 ? m_query.mid(slash + 1) : m_query).trimmed();
    if (m_connection && slash < 0) {
        const KindsModel* kinds = m_connection->kinds();
        for (int row = 0; row < kinds->rowCount(); ++row) {
            const QModelIndex index = kinds->index(row);
            const QString kind = index.data(KindsModel::KindRole).toString();
            const QString resource = index.data(KindsModel::ResourceRole).toString();
            const QString key = index.data(KindsModel::ResourceKeyRole).toString();
            const int score = std::max(
                {matchScore(pattern, kind), matchScore(pattern, resource), matchScore(pattern, key)});
            if (score > 0) {
                // Kinds rank a little above objects of the same match quality: there are few of them.
                entries.append({score + 50, QStringLiteral("kind"), kind,
                                index.data(KindsModel::SectionRole).toString() + QStringLiteral(" · ") + key,
                                key, QString(), QString()});
            }
        }
    }
    const ResourceTableModel* rows = m_objects->table();
    if (!pattern.isEmpty() || slash >= 0) {
        for (int row = 0; row < rows->rowCount(); ++row) {
            const informers::CachedObjectPtr object = rows->objectAt(row);
            const int score = matchScore(pattern, object->name);
            if (score > 0) {
                entries.append({score, QStringLiteral("object"), object->name,
                                m_objects->kind() + (object->namespaceName.isEmpty()
                                                         ? QString()
                                                         : QStringLiteral(" in ") + object->namespaceName),
                                m_objects->resolvedKey(), object->namespaceName, object->name});
            }
        }
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.score != b.score ? a.score > b.score : a.title.size() < b.title.size();
    });
    if (entries.size() > kMaxResults) {
        entries.resize(kMaxResults);
    }
    // A new query is a new list: the one place a reset is right.
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
    emit countChanged();
}

int CommandPaletteModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant CommandPaletteModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Entry& entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return entry.title;
    case TypeRole:
        return entry.type;
    case SubtitleRole:
        return entry.subtitle;
    case ResourceKeyRole:
        return entry.resourceKey;
    case NamespaceRole:
        return entry.namespaceName;
    case NameRole:
        return entry.name;
    default:
        return {};
    }
}

QHash<int, QByteArray> CommandPaletteModel::roleNames() const {
    return {{TypeRole, "type"},
            {TitleRole, "title"},
            {SubtitleRole, "subtitle"},
            {ResourceKeyRole, "resourceKey"},
            {NamespaceRole, "namespaceName"},
            {NameRole, "name"}};
}

} // namespace binnacle
