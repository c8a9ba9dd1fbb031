#include "eventsmodel.h"

#include <QJsonObject>
#include <algorithm>

namespace binnacle {

using informers::CachedObjectPtr;

namespace {

QDateTime timestamp(const QJsonValue& value) {
    const QString text = value.toString();
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QDateTime firstValid(std::initializer_list<QDateTime> candidates) {
    for (const QDateTime& candidate : candidates) {
        if (candidate.isValid()) {
            return candidate;
        }
    }
    return {};
}

// Newest first; ties (and events without any time) by uid, so that the order is total and stable.
bool newerFirst(const EventsModel::Event& a, const EventsModel::Event& b) {
    const qint64 aTime = a.last.isValid() ? a.last.toMSecsSinceEpoch() : 0;
    const qint64 bTime = b.last.isValid() ? b.last.toMSecsSinceEpoch() : 0;
    if (aTime != bTime) {
        return aTime > bTime;
    }
    return a.object->uid < b.object->uid;
}

QList<std::pair<qsizetype, qsizetype>> runsOf(std::vector<qsizetype> positions) {
    std::sort(positions.begin(), positions.end());
    QList<std::pair<qsizetype, qsizetype>> runs;
    for (qsizetype position : positions) {
        if (!runs.isEmpty() && runs.last().second + 1 == position) {
            runs.last().second = position;
        } else if (runs.isEmpty() || runs.last().second != position) {
            runs.append({position, position});
        }
    }
    return runs;
}

} // namespace

EventsModel::EventsModel(QObject* parent)
    : QAbstractListModel(parent) {}

EventsModel::~EventsModel() = default;

EventsModel::Event EventsModel::eventFrom(const CachedObjectPtr& object) {
    const QJsonObject json = object->object();
    const QJsonObject series = json.value(u"series").toObject();
    Event event;
    event.object = object;
    event.type = json.value(u"type").toString();
    event.reason = json.value(u"reason").toString();
    event.message = json.value(u"message").toString();
    event.count =
        std::max(1, series.isEmpty() ? json.value(u"count").toInt(1) : series.value(u"count").toInt(1));
    const QDateTime created = object->createdMsecs > 0
                                  ? QDateTime::fromMSecsSinceEpoch(object->createdMsecs, Qt::UTC)
                                  : QDateTime();
    event.first =
        firstValid({timestamp(json.value(u"firstTimestamp")), timestamp(json.value(u"eventTime")), created});
    event.last =
        firstValid({timestamp(series.value(u"lastObservedTime")), timestamp(json.value(u"lastTimestamp")),
                    timestamp(json.value(u"eventTime")), event.first});
    // The legacy source, else the events.k8s.io reporting fields (newer components fill only those).
    const QJsonObject source = json.value(u"source").toObject();
    QString component = source.value(u"component").toString();
    QString host = source.value(u"host").toString();
    if (component.isEmpty()) {
        component = json.value(u"reportingComponent").toString();
        host = json.value(u"reportingInstance").toString();
    }
    event.source = host.isEmpty() ? component : component + QLatin1Char('/') + host;
    return event;
}

void EventsModel::setSubscription(informers::InformerSubscription* subscription) {
    if (subscription == m_subscription && subscription) {
        return;
    }
    disconnect(m_batchConnection);
    beginResetModel();
    m_subscription = subscription;
    m_rows.clear();
    endResetModel();
    recountWarnings();
    emit countChanged();
    if (subscription) {
        m_batchConnection =
            connect(subscription, &informers::InformerSubscription::batch, this, &EventsModel::applyBatch);
        if (subscription->hasSnapshot()) {
            subscription->requestSnapshot();
        }
    }
}

int EventsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant EventsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Event& event = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case MessageRole:
        return event.message;
    case TypeRole:
        return event.type;
    case ReasonRole:
        return event.reason;
    case CountRole:
        return event.count;
    case LastTimestampRole:
        return event.last;
    case FirstTimestampRole:
        return event.first;
    case SourceRole:
        return event.source;
    case UidRole:
        return event.object->uid;
    case NameRole:
        return event.object->name;
    default:
        return {};
    }
}

QHash<int, QByteArray> EventsModel::roleNames() const {
    return {{TypeRole, "type"},
            {ReasonRole, "reason"},
            {MessageRole, "message"},
            {CountRole, "count"},
            {LastTimestampRole, "lastTimestamp"},
            {FirstTimestampRole, "firstTimestamp"},
            {SourceRole, "source"},
            {UidRole, "uid"},
            {NameRole, "name"}};
}

void EventsModel::applyBatch(const informers::InformerBatch& batch) {
    const int countBefore = count();
    const int warningsBefore = m_warningCount;
    QSet<QString> removed;
    for (const CachedObjectPtr& object : batch.delta.removed) {
        removed.insert(object->uid);
    }
    if (batch.isSnapshot) {
        // A fresh snapshot replaces what we show: whatever it lacks is gone.
        QSet<QString> present;
        for (const auto* list : {&batch.delta.added, &batch.delta.updated}) {
            for (const CachedObjectPtr& object : *list) {
                present.insert(object->uid);
            }
        }
        for (const Event& event : m_rows) {
            if (!present.contains(event.object->uid)) {
                removed.insert(event.object->uid);
            }
        }
    }
    removeUids(removed);
    QList<CachedObjectPtr> toInsert;
    updateEvents(batch.delta.updated + batch.delta.added, &toInsert);
    insertEvents(toInsert);
    recountWarnings();
    if (count() != countBefore || m_warningCount != warningsBefore) {
        emit countChanged();
    }
}

qsizetype EventsModel::rowOfUid(const QString& uid) const {
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].object->uid == uid) {
            return qsizetype(row);
        }
    }
    return -1;
}

qsizetype EventsModel::insertPosition(const Event& event) const {
    return std::lower_bound(m_rows.begin(), m_rows.end(), event, newerFirst) - m_rows.begin();
}

void EventsModel::removeUids(const QSet<QString>& uids) {
    std::vector<qsizetype> positions;
    for (const QString& uid : uids) {
        const qsizetype row = rowOfUid(uid);
        if (row >= 0) {
            positions.push_back(row);
        }
    }
    const auto runs = runsOf(std::move(positions));
    for (auto run = runs.crbegin(); run != runs.crend(); ++run) {
        beginRemoveRows({}, int(run->first), int(run->second));
        m_rows.erase(m_rows.begin() + run->first, m_rows.begin() + run->second + 1);
        endRemoveRows();
    }
}

void EventsModel::updateEvents(const QList<CachedObjectPtr>& objects, QList<CachedObjectPtr>* missing) {
    // First the new contents in place, then the rows that are now out of order move (one move each),
    // then one dataChanged per run of changed rows at their final places.
    QSet<QString> changed;
    for (const CachedObjectPtr& object : objects) {
        const qsizetype row = rowOfUid(object->uid);
        if (row < 0) {
            missing->append(object);
            continue;
        }
        m_rows[size_t(row)] = eventFrom(object);
        changed.insert(object->uid);
    }
    if (changed.isEmpty()) {
        return;
    }
    std::vector<Event> target = m_rows;
    std::stable_sort(target.begin(), target.end(), newerFirst);
    for (size_t place = 0; place < target.size(); ++place) {
        if (m_rows[place].object->uid == target[place].object->uid) {
            continue;
        }
        size_t from = place + 1;
        while (m_rows[from].object->uid != target[place].object->uid) {
            ++from;
        }
        beginMoveRows({}, int(from), int(from), {}, int(place));
        Event moving = std::move(m_rows[from]);
        m_rows.erase(m_rows.begin() + qsizetype(from));
        m_rows.insert(m_rows.begin() + qsizetype(place), std::move(moving));
        endMoveRows();
    }
    std::vector<qsizetype> positions;
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (changed.contains(m_rows[row].object->uid)) {
            positions.push_back(qsizetype(row));
        }
    }
    for (const auto& [first, last] : runsOf(std::move(positions))) {
        emit dataChanged(index(int(first)), index(int(last)));
    }
}

void EventsModel::insertEvents(const QList<CachedObjectPtr>& objects) {
    if (objects.isEmpty()) {
        return;
    }
    std::vector<Event> fresh;
    fresh.reserve(size_t(objects.size()));
    for (const CachedObjectPtr& object : objects) {
        fresh.push_back(eventFrom(object));
    }
    std::sort(fresh.begin(), fresh.end(), newerFirst);
    // Groups of new events that land in the same gap between existing rows are one insert each; from the
    // last gap back, so that the earlier gaps' positions stay valid.
    std::vector<qsizetype> positions;
    positions.reserve(fresh.size());
    for (const Event& event : fresh) {
        positions.push_back(insertPosition(event));
    }
    size_t end = fresh.size();
    while (end > 0) {
        size_t begin = end - 1;
        while (begin > 0 && positions[begin - 1] == positions[end - 1]) {
            --begin;
        }
        const qsizetype at = positions[end - 1];
        beginInsertRows({}, int(at), int(at + qsizetype(end - begin) - 1));
        m_rows.insert(m_rows.begin() + at, std::make_move_iterator(fresh.begin() + qsizetype(begin)),
                      std::make_move_iterator(fresh.begin() + qsizetype(end)));
        endInsertRows();
        end = begin;
    }
}

void EventsModel::recountWarnings() {
    m_warningCount = int(std::count_if(m_rows.begin(), m_rows.end(), [](const Event& event) {
        return event.type == QLatin1String("Warning");
    }));
}

} // namespace binnacle
