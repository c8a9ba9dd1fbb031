#include "resourcetablemodel.h"

#include <QDateTime>
#include <algorithm>
#include <limits>

namespace binnacle {

using informers::CachedObject;
using informers::CachedObjectPtr;

namespace {

bool keyLess(const CachedObjectPtr& object, const QString& key) {
    return object->key < key;
}

// The leading number of a cell ("3 (5m ago)" -> 3, "1/2" -> 1); NaN-free: 0 when there is none.
double leadingNumber(const QString& text) {
    qsizetype end = 0;
    while (end < text.size() &&
           (text.at(end).isDigit() || text.at(end) == u'.' || (end == 0 && text.at(0) == u'-'))) {
        ++end;
    }
    return text.left(end).toDouble();
}

// Columns whose cells are durations the server computed from a timestamp when it printed the row: every
// `date` column (CRD printer columns among them) and the built-in string ones kubectl prints so.
bool isElapsedColumn(const client::TableColumn& definition) {
    return definition.type == QLatin1String("date") || definition.name == QLatin1String("Last Seen") ||
           definition.name == QLatin1String("First Seen") ||
           definition.name == QLatin1String("Last Schedule");
}

// Columns whose cells may end in a relative time, as pods' "3 (5m ago)".
bool hasAgoSuffixes(const client::TableColumn& definition) {
    return definition.name == QLatin1String("Restarts");
}

// Merges sorted positions into [first, last] runs.
QList<std::pair<qsizetype, qsizetype>> runsOf(std::vector<qsizetype> positions) {
    std::sort(positions.begin(), positions.end());
    QList<std::pair<qsizetype, qsizetype>> runs;
    for (qsizetype position : positions) {
        if (!runs.isEmpty() && runs.last().second + 1 == position) {
            runs.last().second = position;
        } else {
            runs.append({position, position});
        }
    }
    return runs;
}

} // namespace

ResourceTableModel::ResourceTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_ageTimer(this) {
    // One dataChanged for the time-dependent columns per second, with the text roles only: views repaint
    // the visible cells, and a proxy sorting by SortRole (a point in time, which does not change) does not
    // re-sort.
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, &ResourceTableModel::tickAges);
}

ResourceTableModel::~ResourceTableModel() = default;

void ResourceTableModel::setSubscription(informers::InformerSubscription* subscription) {
    if (subscription == m_subscription) {
        return;
    }
    disconnect(m_batchConnection);
    disconnect(m_columnsConnection);
    beginResetModel();
    m_subscription = subscription;
    m_rows.clear();
    m_tableColumns = subscription ? subscription->columns() : QList<client::TableColumn>{};
    rebuildColumns();
    endResetModel();
    emit columnsReset();
    if (subscription) {
        m_batchConnection = connect(subscription, &informers::InformerSubscription::batch, this,
                                    &ResourceTableModel::applyBatch);
        if (subscription->hasSnapshot()) {
            subscription->requestSnapshot(); // attached late: the first snapshot went by before us
        }
    }
}

void ResourceTableModel::setShowNamespace(bool show) {
    if (show == m_showNamespace) {
        return;
    }
    beginResetModel();
    m_showNamespace = show;
    rebuildColumns();
    endResetModel();
    emit showNamespaceChanged();
    emit columnsReset();
}

void ResourceTableModel::rebuildColumns() {
    m_columns.clear();
    m_ageColumn = -1;
    m_firstTickingColumn = -1;
    m_lastTickingColumn = -1;
    m_statusColumn = -1;
    m_statusCell = -1;
    if (m_showNamespace) {
        m_columns.append(
            {QStringLiteral("Namespace"), QStringLiteral("string"), 0, Column::Source::Namespace, -1});
    }
    for (int i = 0; i < m_tableColumns.size(); ++i) {
        const client::TableColumn& definition = m_tableColumns.at(i);
        Column column{definition.name, definition.type, definition.priority, Column::Source::Cell, i};
        if (definition.name == QLatin1String("Age")) {
            // The server printed the age when it sent the row; ours keeps counting.
            column.source = Column::Source::Age;
            m_ageColumn = int(m_columns.size());
        } else if (isElapsedColumn(definition)) {
            column.source = Column::Source::Elapsed;
        }
        if (column.source != Column::Source::Cell || hasAgoSuffixes(definition)) {
            if (m_firstTickingColumn < 0) {
                m_firstTickingColumn = int(m_columns.size());
            }
            m_lastTickingColumn = int(m_columns.size());
        }
        if (definition.name == QLatin1String("Status") && m_statusCell < 0) {
            m_statusColumn = int(m_columns.size());
            m_statusCell = i;
        }
        m_columns.append(column);
    }
    if (m_firstTickingColumn >= 0) {
        m_ageTimer.start();
    } else {
        m_ageTimer.stop();
    }
}

void ResourceTableModel::applyBatch(const informers::InformerBatch& batch) {
    if (!batch.columns.isEmpty() && batch.columns != m_tableColumns) {
        // A new column set (the first Table, or a CRD's printer columns changed): the shape changes.
        beginResetModel();
        m_tableColumns = batch.columns;
        rebuildColumns();
        endResetModel();
        emit columnsReset();
    }
    removeObjects(batch.delta.removed);
    QList<CachedObjectPtr> toInsert = batch.delta.added;
    updateObjects(batch.delta.updated, &toInsert);
    insertObjects(std::move(toInsert));
}

qsizetype ResourceTableModel::lowerBound(const QString& key) const {
    return std::lower_bound(m_rows.begin(), m_rows.end(), key, keyLess) - m_rows.begin();
}

qsizetype ResourceTableModel::findRow(const CachedObject& object) const {
    const qsizetype position = lowerBound(object.key);
    if (position < qsizetype(m_rows.size()) && m_rows[size_t(position)]->uid == object.uid) {
        return position;
    }
    return -1;
}

void ResourceTableModel::removeObjects(const QList<CachedObjectPtr>& objects) {
    std::vector<qsizetype> positions;
    positions.reserve(size_t(objects.size()));
    for (const CachedObjectPtr& object : objects) {
        const qsizetype row = findRow(*object);
        if (row >= 0) {
            positions.push_back(row);
        }
    }
    const auto runs = runsOf(std::move(positions));
    // From the last run back, so that earlier positions stay valid.
    for (auto run = runs.crbegin(); run != runs.crend(); ++run) {
        beginRemoveRows({}, int(run->first), int(run->second));
        m_rows.erase(m_rows.begin() + run->first, m_rows.begin() + run->second + 1);
        endRemoveRows();
    }
}

void ResourceTableModel::updateObjects(const QList<CachedObjectPtr>& objects,
                                       QList<CachedObjectPtr>* missing) {
    std::vector<qsizetype> positions;
    positions.reserve(size_t(objects.size()));
    for (const CachedObjectPtr& object : objects) {
        const qsizetype row = findRow(*object);
        if (row < 0) {
            missing->append(object); // not shown yet (a batch raced with the snapshot): add it
            continue;
        }
        m_rows[size_t(row)] = object;
        positions.push_back(row);
    }
    if (m_columns.isEmpty()) {
        return;
    }
    for (const auto& [first, last] : runsOf(std::move(positions))) {
        emit dataChanged(index(int(first), 0), index(int(last), int(m_columns.size()) - 1));
    }
}

void ResourceTableModel::insertObjects(QList<CachedObjectPtr> objects) {
    if (objects.isEmpty()) {
        return;
    }
    std::sort(objects.begin(), objects.end(),
              [](const CachedObjectPtr& a, const CachedObjectPtr& b) { return a->key < b->key; });
    // An object already shown (a snapshot/batch overlap) becomes an update in place.
    QList<CachedObjectPtr> fresh;
    fresh.reserve(objects.size());
    std::vector<qsizetype> changed;
    for (const CachedObjectPtr& object : std::as_const(objects)) {
        const qsizetype position = lowerBound(object->key);
        if (position < qsizetype(m_rows.size()) && m_rows[size_t(position)]->key == object->key) {
            m_rows[size_t(position)] = object;
            changed.push_back(position);
        } else {
            fresh.append(object);
        }
    }
    for (const auto& [first, last] : runsOf(std::move(changed))) {
        if (!m_columns.isEmpty()) {
            emit dataChanged(index(int(first), 0), index(int(last), int(m_columns.size()) - 1));
        }
    }
    // Runs of objects that go to the same place are inserted together; `inserted` shifts later positions.
    qsizetype i = 0;
    while (i < fresh.size()) {
        const qsizetype position = lowerBound(fresh.at(i)->key);
        qsizetype end = i + 1;
        const QString* limit = position < qsizetype(m_rows.size()) ? &m_rows[size_t(position)]->key : nullptr;
        while (end < fresh.size() && (!limit || fresh.at(end)->key < *limit)) {
            ++end;
        }
        beginInsertRows({}, int(position), int(position + (end - i) - 1));
        m_rows.insert(m_rows.begin() + position, fresh.cbegin() + i, fresh.cbegin() + end);
        endInsertRows();
        i = end;
    }
}

int ResourceTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResourceTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_columns.size());
}

qint64 ResourceTableModel::now() const {
    return m_fixedNow != 0 ? m_fixedNow : QDateTime::currentMSecsSinceEpoch();
}

QString ResourceTableModel::cellText(const CachedObject& object, const Column& column) const {
    switch (column.source) {
    case Column::Source::Namespace:
        return object.namespaceName;
    case Column::Source::Age:
        return object.createdMsecs > 0 ? humanDuration(now() - object.createdMsecs)
                                       : object.cells.value(column.cell);
    case Column::Source::Elapsed:
        return agedCell(object, object.cells.value(column.cell));
    case Column::Source::Cell: {
        const QString text = object.cells.value(column.cell);
        return text.endsWith(QLatin1String(" ago)")) ? agedCell(object, text) : text;
    }
    }
    return QString();
}

QString ResourceTableModel::agedCell(const CachedObject& object, const QString& text) const {
    // The whole cell ("22s"), or the part in "3 (5m ago)".
    qsizetype start = 0;
    qsizetype end = text.size();
    if (text.endsWith(QLatin1String(" ago)"))) {
        start = text.lastIndexOf(u'(') + 1;
        end = text.size() - 5;
        if (start <= 0) {
            return text;
        }
    }
    const qint64 printed = parseHumanDuration(QStringView(text).sliced(start, end - start));
    if (printed < 0 || object.receivedMsecs <= 0) {
        return text; // "<unknown>", "<none>" and the like stay as printed
    }
    // As precise as the server printed it ("5h" stays a whole hour); a test clock before the row came is 0.
    const qint64 aged = printed + std::max<qint64>(0, now() - object.receivedMsecs);
    return text.left(start) + humanDuration(aged) + text.sliced(end);
}

QVariant ResourceTableModel::sortValue(const CachedObject& object, const Column& column) const {
    if (column.source == Column::Source::Age) {
        return -object.createdMsecs; // older objects have larger ages
    }
    if (column.source == Column::Source::Elapsed) {
        const qint64 printed = parseHumanDuration(object.cells.value(column.cell));
        // The moment the duration counts from, negated as for Age; unknown durations sort as the newest.
        return printed < 0 ? std::numeric_limits<qint64>::min() : printed - object.receivedMsecs;
    }
    const QString text = cellText(object, column);
    // A restart count sorts as the number it starts with ("3 (5m ago)"): its age part, moving every
    // second, is no order (and the age tick is known to leave the order as it is).
    if (column.type == QLatin1String("integer") || column.type == QLatin1String("number") ||
        column.name == QLatin1String("Restarts")) {
        return leadingNumber(text);
    }
    return text;
}

QVariant ResourceTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CachedObject& object = *m_rows[size_t(index.row())];
    const Column& column = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return cellText(object, column);
    case SortRole:
        return sortValue(object, column);
    case UidRole:
        return object.uid;
    case KeyRole:
        return object.key;
    case NameRole:
        return object.name;
    case NamespaceRole:
        return object.namespaceName;
    case StatusRole:
        return m_statusCell >= 0 ? object.cells.value(m_statusCell) : QString();
    case DeletingRole:
        return object.deletingMsecs != 0;
    case CellsRole: {
        QStringList cells;
        cells.reserve(m_columns.size());
        for (const Column& each : m_columns) {
            cells.append(cellText(object, each));
        }
        return cells;
    }
    case LabelsRole: {
        QStringList labels;
        labels.reserve(object.labels.size());
        for (const auto& [key, value] : object.labels) {
            labels.append(key + QLatin1Char('=') + value);
        }
        return labels;
    }
    default:
        return {};
    }
}

QVariant ResourceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size()) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    const Column& column = m_columns.at(section);
    switch (role) {
    case Qt::DisplayRole:
        return column.name;
    case PriorityRole:
        return column.priority;
    case ColumnTypeRole:
        return column.type;
    default:
        return {};
    }
}

QHash<int, QByteArray> ResourceTableModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(UidRole, "uid");
    names.insert(KeyRole, "key");
    names.insert(NameRole, "name");
    names.insert(NamespaceRole, "namespaceName");
    names.insert(StatusRole, "status");
    names.insert(DeletingRole, "deleting");
    names.insert(LabelsRole, "labels");
    names.insert(CellsRole, "cells");
    return names;
}

int ResourceTableModel::rowOfUid(const QString& uid) const {
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row]->uid == uid) {
            return int(row);
        }
    }
    return -1;
}

int ResourceTableModel::rowOfKey(const QString& key) const {
    const qsizetype position = lowerBound(key);
    return position < qsizetype(m_rows.size()) && m_rows[size_t(position)]->key == key ? int(position) : -1;
}

CachedObjectPtr ResourceTableModel::objectAt(int row) const {
    return row >= 0 && size_t(row) < m_rows.size() ? m_rows[size_t(row)] : nullptr;
}

void ResourceTableModel::tickAges() {
    if (m_firstTickingColumn >= 0 && !m_rows.empty()) {
        emit agesAboutToTick();
        emit dataChanged(index(0, m_firstTickingColumn), index(int(m_rows.size()) - 1, m_lastTickingColumn),
                         {Qt::DisplayRole, CellsRole});
        emit agesTicked();
    }
}

qint64 ResourceTableModel::parseHumanDuration(QStringView text) {
    if (text.isEmpty()) {
        return -1;
    }
    qint64 total = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        qint64 value = 0;
        const qsizetype digitsStart = i;
        while (i < text.size() && text.at(i).isDigit()) {
            value = value * 10 + text.at(i).digitValue();
            ++i;
        }
        if (i == digitsStart || i == text.size()) {
            return -1;
        }
        constexpr qint64 second = 1000;
        switch (text.at(i).unicode()) {
        case 's':
            total += value * second;
            break;
        case 'm':
            total += value * 60 * second;
            break;
        case 'h':
            total += value * 3600 * second;
            break;
        case 'd':
            total += value * 86400 * second;
            break;
        case 'y':
            total += value * 365 * 86400 * second; // HumanDuration's years are 365 days
            break;
        default:
            return -1;
        }
        ++i;
    }
    return total;
}

QString ResourceTableModel::humanDuration(qint64 msecs) {
    // As kubectl: whole seconds, and up to a second in the future is clock skew, not an error.
    const qint64 seconds = msecs / 1000;
    if (seconds < -1) {
        return QStringLiteral("<invalid>");
    }
    if (seconds < 0 || msecs < 0) {
        return QStringLiteral("0s");
    }
    const qint64 minutes = seconds / 60;
    const qint64 hours = minutes / 60;
    const qint64 days = hours / 24;
    const auto pair = [](qint64 major, const char* majorUnit, qint64 minor, const char* minorUnit) {
        return minor == 0 ? QStringLiteral("%1%2").arg(major).arg(QLatin1String(majorUnit))
                          : QStringLiteral("%1%2%3%4")
                                .arg(major)
                                .arg(QLatin1String(majorUnit))
                                .arg(minor)
                                .arg(QLatin1String(minorUnit));
    };
    if (seconds < 60 * 2) {
        return QStringLiteral("%1s").arg(seconds);
    }
    if (minutes < 10) {
        return pair(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 60 * 3) {
        return QStringLiteral("%1m").arg(minutes);
    }
    if (hours < 8) {
        return pair(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
        return QStringLiteral("%1h").arg(hours);
    }
    if (hours < 24 * 8) {
        return pair(days, "d", hours % 24, "h");
    }
    if (hours < 24 * 365 * 2) {
        return QStringLiteral("%1d").arg(days);
    }
    if (hours < 24 * 365 * 8) {
        return pair(days / 365, "y", days % 365, "d");
    }
    return QStringLiteral("%1y").arg(days / 365);
}

} // namespace binnacle
