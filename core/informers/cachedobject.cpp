#include "cachedobject.h"

#include "jsoncompressor.h"

#include <QDateTime>
#include <QJsonDocument>
#include <cstring>

namespace binnacle::informers {

namespace {

// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm); no time-zone lookups, no allocation.
qint64 daysFromCivil(int year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int yearOfEra = year - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return qint64(era) * 146097 + dayOfEra - 719468;
}

int digits(const QString& text, int from, int count, bool* ok) {
    int value = 0;
    for (int i = from; i < from + count; ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < u'0' || c > u'9') {
            *ok = false;
            return 0;
        }
        value = value * 10 + (c - u'0');
    }
    return value;
}

// Kubernetes writes timestamps as RFC 3339 in UTC with second precision ("2026-11-26T10:00:00Z"); that form
// is parsed directly (QDateTime::fromString costs microseconds per call, which 50,000 objects notice),
// anything else through Qt.
qint64 parseTimestamp(const QString& text) {
    if (text.isEmpty()) {
        return 0;
    }
    if (text.size() == 20 && text.at(4) == u'-' && text.at(10) == u'T' && text.at(19) == u'Z') {
        bool ok = true;
        const int year = digits(text, 0, 4, &ok);
        const int month = digits(text, 5, 2, &ok);
        const int day = digits(text, 8, 2, &ok);
        const int hour = digits(text, 11, 2, &ok);
        const int minute = digits(text, 14, 2, &ok);
        const int second = digits(text, 17, 2, &ok);
        if (ok) {
            return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60000 +
                   qint64(second) * 1000;
        }
    }
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    return parsed.isValid() ? parsed.toMSecsSinceEpoch() : 0;
}

} // namespace

QString StringPool::intern(const QString& text) {
    if (text.isEmpty()) {
        return QString();
    }
    const auto found = m_strings.constFind(text);
    if (found != m_strings.constEnd()) {
        return *found;
    }
    // Strings that come and go (restart counts with their age, for one) would pile up: when the pool has
    // doubled, drop what only the pool still holds.
    if (m_strings.size() >= m_pruneAt) {
        prune();
    }
    m_strings.insert(text);
    return text;
}

QString StringPool::intern(int slotIndex, const QString& text) {
    if (slotIndex < 0 || slotIndex >= slotCount || text.isEmpty()) {
        return intern(text);
    }
    Slot& slot = m_slots[slotIndex];
    if (text == slot.last) {
        return slot.last;
    }
    if (slot.bypass) {
        return text;
    }
    if (slot.lookups < slotTrial) {
        ++slot.lookups;
        if (m_strings.contains(text)) {
            ++slot.hits;
        } else if (slot.lookups == slotTrial && slot.hits * 100 < slotTrial * slotMinimumHitPercent) {
            slot.bypass = true;
            return text;
        }
    }
    slot.last = intern(text);
    return slot.last;
}

void StringPool::prune() {
    for (auto it = m_strings.begin(); it != m_strings.end();) {
        if (!it->data_ptr().isShared()) {
            it = m_strings.erase(it);
        } else {
            ++it;
        }
    }
    m_pruneAt = std::max<qsizetype>(1024, m_strings.size() * 2);
}

JsonSlab::JsonSlab(qsizetype capacity)
    : m_capacity(capacity) {
    if (capacity > 0) {
        auto* data = new char[size_t(capacity)];
        m_data = data;
        m_storage = std::shared_ptr<const char[]>(data);
    }
}

QByteArrayView JsonSlab::append(QByteArrayView head, QByteArrayView tail) {
    const qsizetype size = head.size() + tail.size();
    if (m_used + size > m_capacity) {
        return {};
    }
    char* start = m_data + m_used;
    std::memcpy(start, head.data(), size_t(head.size()));
    std::memcpy(start + head.size(), tail.data(), size_t(tail.size()));
    m_used += size;
    return QByteArrayView(start, size);
}

std::shared_ptr<const CachedObject> CachedObject::fromSummary(const client::ObjectSummary& summary,
                                                              StringPool* pool, JsonSlab* slab) {
    auto cached = std::make_shared<CachedObject>();
    cached->name = summary.name;
    // Pool slots: 0 namespace, 1 node, 2.. label keys and values by position, then cells by column.
    constexpr int labelSlots = 2;
    constexpr int maxPooledLabels = 15;
    constexpr int cellSlots = labelSlots + 2 * maxPooledLabels;
    cached->namespaceName = pool->intern(0, summary.namespaceName);
    cached->key = summary.namespaceName.isEmpty() ? summary.name : summary.key();
    cached->uid = summary.uid;
    cached->resourceVersion = summary.resourceVersion;
    cached->createdMsecs = parseTimestamp(summary.creationTimestamp);
    cached->deletingMsecs = parseTimestamp(summary.deletionTimestamp);
    cached->receivedMsecs = QDateTime::currentMSecsSinceEpoch();
    cached->labels.reserve(summary.labels.size());
    for (int i = 0; i < summary.labels.size(); ++i) {
        const auto& [labelKey, labelValue] = summary.labels.at(i);
        const int slot = i < maxPooledLabels ? labelSlots + 2 * i : -1;
        cached->labels.append(
            {pool->intern(slot, labelKey), pool->intern(slot < 0 ? -1 : slot + 1, labelValue)});
    }
    std::sort(cached->labels.begin(), cached->labels.end());
    cached->ownerUids = summary.ownerUids;
    cached->nodeName = pool->intern(1, summary.nodeName);
    cached->cells.reserve(summary.tableCells.size());
    for (int column = 0; column < summary.tableCells.size(); ++column) {
        const QString& text = summary.tableCells.at(column);
        cached->cells.append(text == summary.name ? cached->name : pool->intern(cellSlots + column, text));
    }
    auto json = std::make_shared<StoredJson>();
    qsizetype cutBegin = summary.json.size();
    qsizetype cutEnd = summary.json.size();
    summary.managedFieldsCut(&cutBegin, &cutEnd);
    const QByteArrayView placed = slab ? slab->append(QByteArrayView(summary.json).first(cutBegin),
                                                      QByteArrayView(summary.json).sliced(cutEnd))
                                       : QByteArrayView();
    if (!placed.isNull()) {
        json->bytes = QByteArray::fromRawData(placed.data(), placed.size());
        json->slab = slab->storage();
    } else {
        json->bytes = summary.jsonWithoutManagedFields();
    }
    cached->m_json.store(std::move(json));
    return cached;
}

void CachedObject::compactJson(JsonCompressor* compressor) const {
    const std::shared_ptr<const StoredJson> current = m_json.load();
    if (!current || current->compressed) {
        return;
    }
    JsonCompressor::Compressed result = compressor->compress(current->bytes);
    if (result.bytes.isEmpty()) {
        return; // the compressor could not work: the plain JSON stays
    }
    auto compressed = std::make_shared<StoredJson>();
    compressed->bytes = std::move(result.bytes);
    compressed->dictionary = std::move(result.dictionary);
    compressed->compressed = true;
    m_json.store(std::move(compressed));
}

bool CachedObject::isJsonCompacted() const {
    const std::shared_ptr<const StoredJson> current = m_json.load();
    return current && current->compressed;
}

qsizetype CachedObject::jsonBytes() const {
    const std::shared_ptr<const StoredJson> current = m_json.load();
    return current ? current->bytes.size() : 0;
}

QByteArray CachedObject::json() const {
    const std::shared_ptr<const StoredJson> current = m_json.load();
    if (!current) {
        return {};
    }
    if (current->compressed) {
        return JsonCompressor::decompress({current->bytes, current->dictionary});
    }
    // A view into a slab must not outlive it: the caller gets a copy of its own.
    return current->slab ? QByteArray(current->bytes.constData(), current->bytes.size()) : current->bytes;
}

QJsonObject CachedObject::object() const {
    return QJsonDocument::fromJson(json()).object();
}

QString CachedObject::label(const QString& labelKey) const {
    for (const auto& [labelName, value] : labels) {
        if (labelName == labelKey) {
            return value;
        }
    }
    return QString();
}

qsizetype CachedObject::approximateBytes() const {
    const auto stringBytes = [](const QString& text) { return text.isEmpty() ? 0 : 32 + text.size() * 2; };
    qsizetype bytes = qsizetype(sizeof(CachedObject)) + 16; // make_shared control block
    bytes += stringBytes(key) + stringBytes(uid) + stringBytes(resourceVersion);
    bytes += 32 + labels.size() * qsizetype(sizeof(QPair<QString, QString>));
    bytes += ownerUids.size() * (qsizetype(sizeof(QString)) + 32 + 72);
    bytes += 32 + cells.size() * qsizetype(sizeof(QString));
    const std::shared_ptr<const StoredJson> current = m_json.load();
    bytes += current ? 48 + current->bytes.size() : 0;
    if (current && current->dictionary) { // shared by about dictionaryRenewal objects
        bytes += current->dictionary->size() / JsonCompressor::dictionaryRenewal;
    }
    return bytes;
}

} // namespace binnacle::informers
