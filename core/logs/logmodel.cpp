#include "logmodel.h"

#include "logtimestamp.h"

#include <QTimer>
#include <QUrl>
#include <QVariantMap>

namespace binnacle::logs {

namespace {
constexpr int frameMs = 16;
constexpr qsizetype maxCountedMatches = 100000;
} // namespace

LogModel::LogModel(LogBufferLimits limits, QObject* parent)
    : QAbstractListModel(parent)
    , m_limits(limits)
    , m_buffer(limits)
    , m_frameTimer(new QTimer(this)) {
    m_frameTimer->setSingleShot(true);
    m_frameTimer->setInterval(frameMs);
    connect(m_frameTimer, &QTimer::timeout, this, &LogModel::flushNow);
}

LogModel::~LogModel() = default;

int LogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant LogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const LogLine& line = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return line.text;
    case TimestampRole:
        return line.timestampNs != 0 ? timestamp::formatNano(line.timestampNs) : QString();
    case PodRole:
        return line.pod;
    case ContainerRole:
        return line.container;
    case MarkerRole:
        return line.marker;
    case MatchesRole: {
        QVariantList matches;
        for (const auto& [start, length] :
             LogBuffer::matchRanges(line.text, m_searchText, m_caseSensitivity)) {
            matches.append(QVariantMap{{QStringLiteral("start"), start}, {QStringLiteral("length"), length}});
        }
        return matches;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> LogModel::roleNames() const {
    return {{TimestampRole, "timestamp"}, {PodRole, "pod"},         {ContainerRole, "container"},
            {TextRole, "text"},           {MatchesRole, "matches"}, {MarkerRole, "marker"}};
}

void LogModel::appendLines(const LogLines& lines) {
    if (lines.isEmpty()) {
        return;
    }
    m_pending.append(lines);
    if (!m_frameTimer->isActive()) {
        m_frameTimer->start();
    }
}

void LogModel::flushNow() {
    m_frameTimer->stop();
    if (m_pending.isEmpty()) {
        return;
    }
    LogLines batch = std::exchange(m_pending, {});
    // Only the new lines can add matches: no rescan of the whole log per frame.
    qsizetype added = 0;
    if (!m_searchText.isEmpty()) {
        for (const LogLine& line : std::as_const(batch)) {
            added += line.text.contains(m_searchText, m_caseSensitivity) ? 1 : 0;
        }
    }
    m_buffer.append(batch);
    if (m_paused) {
        m_heldBack.append(std::move(batch));
        if (m_heldBack.size() > m_limits.maxLines) {
            m_heldBack.remove(0, m_heldBack.size() - m_limits.maxLines);
        }
        emit countChanged();
    } else {
        display(std::move(batch));
    }
    if (added > 0) {
        m_matchCount = int(std::min<qsizetype>(maxCountedMatches, m_matchCount + added));
        emit matchCountChanged();
    }
}

void LogModel::display(LogLines lines) {
    if (lines.isEmpty()) {
        return;
    }
    m_displayedEnd = m_buffer.lineCount() - qint64(m_heldBack.size());
    if (lines.size() > m_limits.maxLines) {
        lines.remove(0, lines.size() - m_limits.maxLines);
    }
    qint64 incomingBytes = 0;
    for (const LogLine& line : std::as_const(lines)) {
        incomingBytes += LogBuffer::memoryCost(line);
    }
    const qsizetype rows = qsizetype(m_rows.size());
    qsizetype evict = 0;
    qint64 bytes = m_rowBytes + incomingBytes;
    while (evict < rows && (rows + lines.size() - evict > m_limits.maxLines || bytes > m_limits.maxBytes)) {
        bytes -= LogBuffer::memoryCost(m_rows[size_t(evict)]);
        ++evict;
    }
    if (evict > 0) {
        beginRemoveRows(QModelIndex(), 0, int(evict - 1));
        m_rows.erase(m_rows.begin(), m_rows.begin() + evict);
        m_rowBytes = bytes - incomingBytes;
        endRemoveRows();
    }
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(lines.size()) - 1);
    for (LogLine& line : lines) {
        m_rows.push_back(std::move(line));
    }
    m_rowBytes += incomingBytes;
    endInsertRows();
    emit countChanged();
}

void LogModel::setPaused(bool paused) {
    if (m_paused == paused) {
        return;
    }
    m_paused = paused;
    if (!paused) {
        flushNow();
        LogLines held = std::exchange(m_heldBack, {});
        display(std::move(held));
    }
    emit pausedChanged();
}

void LogModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_rowBytes = 0;
    m_pending.clear();
    m_heldBack.clear();
    m_buffer.clear();
    m_displayedEnd = 0;
    m_frameTimer->stop();
    endResetModel();
    emit countChanged();
    updateMatchCount();
}

void LogModel::setSearchText(const QString& text) {
    if (m_searchText == text) {
        return;
    }
    m_searchText = text;
    if (!m_rows.empty()) {
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {MatchesRole});
    }
    emit searchTextChanged();
    updateMatchCount();
}

void LogModel::setCaseSensitive(bool caseSensitive) {
    const Qt::CaseSensitivity cs = caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    if (m_caseSensitivity == cs) {
        return;
    }
    m_caseSensitivity = cs;
    if (!m_rows.empty() && !m_searchText.isEmpty()) {
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {MatchesRole});
    }
    emit searchTextChanged();
    updateMatchCount();
}

void LogModel::updateMatchCount() {
    const int count = int(m_buffer.search(m_searchText, m_caseSensitivity, maxCountedMatches).size());
    if (count != m_matchCount) {
        m_matchCount = count;
        emit matchCountChanged();
    }
}

QList<int> LogModel::matchRows() const {
    QList<int> rows;
    const qint64 firstRowLine = m_displayedEnd - qint64(m_rows.size());
    for (const LogMatch& match : m_buffer.search(m_searchText, m_caseSensitivity, maxCountedMatches)) {
        const qint64 row = match.line - firstRowLine;
        rows.append(row >= 0 && row < qint64(m_rows.size()) ? int(row) : -1);
    }
    return rows;
}

bool LogModel::saveToFile(const QString& pathOrUrl, bool timestamps, bool podPrefix) {
    flushNow();
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    return m_buffer.save(path, timestamps, podPrefix);
}

} // namespace binnacle::logs
