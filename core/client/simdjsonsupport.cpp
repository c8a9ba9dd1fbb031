#include "simdjsonsupport.h"

#include <QJsonDocument>
#include <QLocale>
#include <cmath>
#include <cstring>

namespace binnacle::client::detail {

namespace {

constexpr std::string_view initialEventsEndKey = "k8s.io/initial-events-end";

// `strings`, when given, shares the QString of text it has seen recently.
QString stringOf(std::string_view text, RepeatedStrings* strings) {
    return strings ? strings->get(text) : toQString(text);
}

simdjson::error_code readString(ondemand::value value, QString* out, RepeatedStrings* strings = nullptr) {
    std::string_view text;
    if (auto error = value.get_string().get(text)) {
        return error;
    }
    *out = stringOf(text, strings);
    return simdjson::SUCCESS;
}

// A string value, or empty for null/absent; other types are errors.
simdjson::error_code readOptionalString(ondemand::value value, QString* out,
                                        RepeatedStrings* strings = nullptr) {
    bool isNull = false;
    if (auto error = value.is_null().get(isNull)) {
        return error;
    }
    return isNull ? simdjson::SUCCESS : readString(value, out, strings);
}

simdjson::error_code readLabels(ondemand::value value, LabelList* labels, RepeatedStrings* strings) {
    ondemand::object object;
    if (auto error = value.get_object().get(object)) {
        return value.is_null().value_unsafe() ? simdjson::SUCCESS : error;
    }
    for (auto field : object) {
        std::string_view key;
        std::string_view text;
        if (auto error = field.unescaped_key().get(key)) {
            return error;
        }
        if (auto error = field.value().get_string().get(text)) {
            return error;
        }
        labels->insert(stringOf(key, strings), stringOf(text, strings));
    }
    return simdjson::SUCCESS;
}

simdjson::error_code readInitialEventsEnd(ondemand::value value, bool* initialEventsEnd) {
    ondemand::object annotations;
    if (value.get_object().get(annotations)) {
        return simdjson::SUCCESS; // null or absent annotations
    }
    for (auto field : annotations) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) {
            return error;
        }
        if (key == initialEventsEndKey) {
            std::string_view text;
            if (auto error = field.value().get_string().get(text)) {
                return error;
            }
            *initialEventsEnd = text == "true";
        }
    }
    return simdjson::SUCCESS;
}

// ownerReferences[].uid, in order.
simdjson::error_code readOwnerUids(ondemand::value value, QStringList* ownerUids, RepeatedStrings* strings) {
    ondemand::array references;
    if (value.get_array().get(references)) {
        return simdjson::SUCCESS; // null
    }
    for (auto element : references) {
        ondemand::object reference;
        if (auto error = element.get_object().get(reference)) {
            return error;
        }
        for (auto field : reference) {
            std::string_view key;
            if (auto error = field.unescaped_key().get(key)) {
                return error;
            }
            if (key == "uid") {
                QString uid;
                if (auto error = readString(field.value(), &uid, strings)) {
                    return error;
                }
                ownerUids->append(uid);
            }
        }
    }
    return simdjson::SUCCESS;
}

// Where `"managedFields":[...]` lies in the object's raw bytes, so that a cache can drop it without
// re-serialising the object (it is often half of an object's size and no view shows it).
simdjson::error_code recordManagedFieldsSpan(ondemand::value value, const char* objectStart,
                                             ObjectSummary* summary) {
    ondemand::array entries;
    if (value.get_array().get(entries)) {
        return simdjson::SUCCESS; // null: nothing worth cutting
    }
    std::string_view raw;
    if (auto error = entries.raw_json().get(raw)) {
        return error;
    }
    // The key has been consumed by then; walk back from '[' over `"managedFields" :` (whitespace allowed).
    constexpr std::string_view quotedKey = "\"managedFields\"";
    const char* position = raw.data() - 1;
    while (position > objectStart &&
           (*position == ' ' || *position == '\n' || *position == '\t' || *position == '\r')) {
        --position;
    }
    if (*position != ':') {
        return simdjson::SUCCESS;
    }
    --position;
    while (position > objectStart &&
           (*position == ' ' || *position == '\n' || *position == '\t' || *position == '\r')) {
        --position;
    }
    const char* keyStart = position - (quotedKey.size() - 1);
    if (keyStart < objectStart || std::string_view(keyStart, quotedKey.size()) != quotedKey) {
        return simdjson::SUCCESS; // an escaped key spelling: keep the bytes as they are
    }
    summary->managedFieldsBegin = keyStart - objectStart;
    summary->managedFieldsEnd = (raw.data() + raw.size()) - objectStart;
    return simdjson::SUCCESS;
}

// spec.nodeName (pods), without parsing the rest of the spec.
simdjson::error_code readNodeName(ondemand::value value, QString* nodeName, RepeatedStrings* strings) {
    ondemand::object spec;
    if (value.get_object().get(spec)) {
        return simdjson::SUCCESS;
    }
    for (auto field : spec) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) {
            return error;
        }
        if (key == "nodeName") {
            return readOptionalString(field.value(), nodeName, strings);
        }
    }
    return simdjson::SUCCESS;
}

// Names, uids and resourceVersions differ from object to object and are not worth `strings`.
simdjson::error_code readMetadata(ondemand::value value, ObjectSummary* summary, bool* initialEventsEnd,
                                  const char* objectStart, RepeatedStrings* strings) {
    ondemand::object metadata;
    if (auto error = value.get_object().get(metadata)) {
        return error;
    }
    // One pass in document order; fields we do not keep are skipped without being parsed.
    for (auto field : metadata) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) {
            return error;
        }
        simdjson::error_code error = simdjson::SUCCESS;
        if (key == "name") {
            error = readString(field.value(), &summary->name);
        } else if (key == "namespace") {
            error = readString(field.value(), &summary->namespaceName, strings);
        } else if (key == "uid") {
            error = readString(field.value(), &summary->uid);
        } else if (key == "resourceVersion") {
            error = readString(field.value(), &summary->resourceVersion);
        } else if (key == "creationTimestamp") {
            error = readOptionalString(field.value(), &summary->creationTimestamp);
        } else if (key == "labels") {
            error = readLabels(field.value(), &summary->labels, strings);
        } else if (key == "annotations" && initialEventsEnd) {
            error = readInitialEventsEnd(field.value(), initialEventsEnd);
        } else if (key == "deletionTimestamp") {
            error = readOptionalString(field.value(), &summary->deletionTimestamp);
        } else if (key == "ownerReferences") {
            error = readOwnerUids(field.value(), &summary->ownerUids, strings);
        } else if (key == "managedFields" && objectStart) {
            error = recordManagedFieldsSpan(field.value(), objectStart, summary);
        }
        if (error) {
            return error;
        }
    }
    return simdjson::SUCCESS;
}

// A number as JSON text writes it: integers exactly, others in the shortest form that reads back the same.
simdjson::error_code readNumberText(ondemand::value value, QString* out) {
    ondemand::number number;
    if (value.get_number().get(number)) {
        // An integer too long for 64 bits is no error in JSON: such a number is shown as the server wrote it
        // (its token runs to the next structural character, whitespace included).
        const std::string_view token = value.raw_json_token();
        *out = QString::fromLatin1(QByteArray::fromRawData(token.data(), qsizetype(token.size())).trimmed());
        return simdjson::SUCCESS;
    }
    switch (number.get_number_type()) {
    case ondemand::number_type::signed_integer:
        *out = QString::number(number.get_int64());
        break;
    case ondemand::number_type::unsigned_integer:
        *out = QString::number(number.get_uint64());
        break;
    default: {
        const double real = number.get_double();
        // Whole numbers within 64 bits as integers ("2.0" is 2); converting others to an integer is
        // undefined.
        const bool whole = std::isfinite(real) && std::abs(real) < 0x1p63 && std::trunc(real) == real;
        *out = whole ? QString::number(qint64(real))
                     : QString::number(real, 'g', QLocale::FloatingPointShortest);
        break;
    }
    }
    return simdjson::SUCCESS;
}

// A row's cells as text (see ObjectSummary::tableCells). The first is the object's name, different in every
// row; the others (status, readiness, node, ages) repeat from row to row and go through `strings`.
simdjson::error_code readCells(ondemand::value value, QStringList* cells, RepeatedStrings* strings) {
    ondemand::array array;
    if (auto error = value.get_array().get(array)) {
        return error;
    }
    for (auto element : array) {
        ondemand::value cell;
        if (auto error = element.get(cell)) {
            return error;
        }
        ondemand::json_type type;
        if (auto error = cell.type().get(type)) {
            return error;
        }
        QString text;
        simdjson::error_code error = simdjson::SUCCESS;
        switch (type) {
        case ondemand::json_type::string:
            error = readString(cell, &text, cells->isEmpty() ? nullptr : strings);
            break;
        case ondemand::json_type::number:
            error = readNumberText(cell, &text);
            break;
        case ondemand::json_type::boolean: {
            bool flag = false;
            error = cell.get_bool().get(flag);
            text = flag ? QStringLiteral("true") : QStringLiteral("false");
            break;
        }
        case ondemand::json_type::null:
            break; // a null string
        case ondemand::json_type::array:
        case ondemand::json_type::object: {
            std::string_view raw;
            error = simdjson::to_json_string(cell).get(raw);
            if (!error) {
                const QJsonDocument document =
                    QJsonDocument::fromJson(QByteArray::fromRawData(raw.data(), qsizetype(raw.size())));
                text = QString::fromUtf8(document.toJson(QJsonDocument::Compact));
            }
            break;
        }
        }
        if (error) {
            return error;
        }
        cells->append(text);
    }
    return simdjson::SUCCESS;
}

// The object's bytes as `summary->json`: as they came, or without managedFields (whose span the metadata
// pass recorded relative to `raw`), copied once either way.
void keepJson(std::string_view raw, ObjectSummary* summary, bool dropManagedFields) {
    // A view of the bytes first: the recorded span is checked against it.
    summary->json = QByteArray::fromRawData(raw.data(), qsizetype(raw.size()));
    qsizetype cutBegin = 0;
    qsizetype cutEnd = 0;
    if (dropManagedFields && summary->managedFieldsCut(&cutBegin, &cutEnd)) {
        summary->json = summary->jsonWithoutManagedFields(); // a copy of its own
        summary->managedFieldsBegin = -1;
        summary->managedFieldsEnd = -1;
    } else {
        summary->json = QByteArray(raw.data(), qsizetype(raw.size()));
    }
}

} // namespace

QString RepeatedStrings::get(std::string_view utf8) {
    if (utf8.empty()) {
        return toQString(utf8);
    }
    Entry& entry = m_entries[std::hash<std::string_view>{}(utf8) % entryCount];
    if (entry.utf8 != utf8) {
        entry.utf8.assign(utf8);
        entry.text = toQString(utf8);
    }
    return entry.text;
}

RepeatedStrings& RepeatedStrings::forThisThread() {
    thread_local RepeatedStrings strings;
    return strings;
}

simdjson::padded_string_view PaddedBuffer::assign(QByteArrayView bytes) {
    const auto size = size_t(bytes.size());
    if (m_storage.size() < size + simdjson::SIMDJSON_PADDING) {
        m_storage.resize(size + simdjson::SIMDJSON_PADDING);
    }
    if (size > 0) {
        std::memcpy(m_storage.data(), bytes.data(), size);
    }
    std::memset(m_storage.data() + size, 0, simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(m_storage.data(), size, m_storage.size());
}

namespace {
// The object's own fields a summary keeps (kind, apiVersion, metadata, spec.nodeName), read into `summary`;
// false when `key` is none of them. `objectStart` locates managedFields in the object's raw bytes.
bool readSummaryField(std::string_view key, ondemand::value value, ObjectSummary* summary,
                      bool* initialEventsEnd, const char* objectStart, RepeatedStrings* strings,
                      simdjson::error_code* error) {
    if (key == "kind") {
        *error = readString(value, &summary->kind, strings);
    } else if (key == "apiVersion") {
        *error = readString(value, &summary->apiVersion, strings);
    } else if (key == "metadata") {
        *error = readMetadata(value, summary, initialEventsEnd, objectStart, strings);
    } else if (key == "spec") {
        *error = readNodeName(value, &summary->nodeName, strings);
    } else {
        return false;
    }
    return true;
}
} // namespace

namespace {
// The bytes of the object that starts at `start` and whose fields have all been read: the document's
// iterator then stands on the token after the object's closing brace, with at most whitespace between.
simdjson::error_code readObjectBytes(ondemand::document* document, const char* start, std::string_view* raw) {
    const char* next = nullptr;
    if (auto error = document->current_location().get(next)) {
        return error;
    }
    const char* end = next;
    while (end > start && (end[-1] == ' ' || end[-1] == '\n' || end[-1] == '\t' || end[-1] == '\r')) {
        --end;
    }
    if (end <= start || end[-1] != '}') {
        return simdjson::TAPE_ERROR;
    }
    *raw = std::string_view(start, size_t(end - start));
    return simdjson::SUCCESS;
}
} // namespace

simdjson::error_code readObjectSummary(ondemand::value value, ObjectSummary* summary,
                                       const ObjectReading& how, bool* initialEventsEnd) {
    const char* start = value.raw_json_token().data();
    ondemand::object object;
    if (auto error = value.get_object().get(object)) {
        return error;
    }
    for (auto field : object) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) {
            return error;
        }
        simdjson::error_code error = simdjson::SUCCESS;
        readSummaryField(key, field.value(), summary, initialEventsEnd, start, how.strings, &error);
        if (error) {
            return error;
        }
    }
    std::string_view raw;
    if (auto error = readObjectBytes(how.document, start, &raw)) {
        return error;
    }
    keepJson(raw, summary, how.dropManagedFields);
    return simdjson::SUCCESS;
}

simdjson::error_code readColumnDefinitions(ondemand::value value, QList<TableColumn>* columns) {
    ondemand::array definitions;
    if (auto error = value.get_array().get(definitions)) {
        return value.is_null().value_unsafe() ? simdjson::SUCCESS : error;
    }
    for (auto element : definitions) {
        ondemand::object definition;
        if (auto error = element.get_object().get(definition)) {
            return error;
        }
        TableColumn column;
        for (auto field : definition) {
            std::string_view key;
            if (auto error = field.unescaped_key().get(key)) {
                return error;
            }
            simdjson::error_code error = simdjson::SUCCESS;
            if (key == "name") {
                error = readString(field.value(), &column.name);
            } else if (key == "type") {
                error = readString(field.value(), &column.type);
            } else if (key == "format") {
                error = readOptionalString(field.value(), &column.format);
            } else if (key == "description") {
                error = readOptionalString(field.value(), &column.description);
            } else if (key == "priority") {
                int64_t priority = 0;
                error = field.value().get_int64().get(priority);
                column.priority = int(priority);
            }
            if (error) {
                return error;
            }
        }
        columns->append(column);
    }
    return simdjson::SUCCESS;
}

simdjson::error_code readTableRow(ondemand::object& row, ObjectSummary* summary, bool* initialEventsEnd,
                                  const ObjectReading& how) {
    for (auto field : row) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) {
            return error;
        }
        if (key == "cells") {
            if (auto error = readCells(field.value(), &summary->tableCells, how.strings)) {
                return error;
            }
        } else if (key == "object") {
            ondemand::value embedded;
            if (auto error = field.value().get(embedded)) {
                return error;
            }
            ondemand::json_type type;
            if (auto error = embedded.type().get(type)) {
                return error;
            }
            if (type != ondemand::json_type::object) {
                continue; // includeObject=None: no object, identity only from the cells
            }
            if (auto error = readObjectSummary(embedded, summary, how, initialEventsEnd)) {
                return error;
            }
        }
    }
    return simdjson::SUCCESS;
}

simdjson::error_code readObjectOrTableRow(ondemand::value value, ObjectSummary* summary, TableState* table,
                                          bool* isTable, bool* initialEventsEnd, const ObjectReading& how) {
    // A Table's kind comes first in practice, but a watch event must not depend on key order: read the
    // plain summary and the Table parts in the same pass, then decide which one the object was.
    ObjectSummary plain;
    ObjectSummary row;
    bool plainInitialEventsEnd = false;
    bool rowInitialEventsEnd = false;
    bool sawRows = false;
    const char* start = value.raw_json_token().data();
    ondemand::object object;
    if (auto error = value.get_object().get(object)) {
        return error;
    }
    for (auto field : object) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) {
            return error;
        }
        simdjson::error_code error = simdjson::SUCCESS;
        if (readSummaryField(key, field.value(), &plain, initialEventsEnd ? &plainInitialEventsEnd : nullptr,
                             start, how.strings, &error)) {
            // a field of the object itself, read into `plain`
        } else if (key == "columnDefinitions" && !table->haveColumns) {
            error = readColumnDefinitions(field.value(), &table->columns);
            table->haveColumns = !table->columns.isEmpty();
        } else if (key == "rows") {
            ondemand::array rows;
            if (!(error = field.value().get_array().get(rows))) {
                for (auto element : rows) {
                    ondemand::object firstRow;
                    if ((error = element.get_object().get(firstRow))) {
                        break;
                    }
                    error =
                        readTableRow(firstRow, &row, initialEventsEnd ? &rowInitialEventsEnd : nullptr, how);
                    sawRows = true;
                    break; // a watch event's Table holds exactly one row
                }
            }
        }
        if (error) {
            return error;
        }
    }
    *isTable = plain.kind == QLatin1String("Table");
    if (*isTable) {
        *summary = std::move(row);
        if (summary->resourceVersion.isEmpty()) {
            summary->resourceVersion = plain.resourceVersion; // Table metadata carries the RV too
        }
        if (initialEventsEnd) {
            *initialEventsEnd = rowInitialEventsEnd;
        }
        if (!sawRows) {
            return simdjson::INCORRECT_TYPE;
        }
    } else {
        std::string_view raw;
        if (auto error = readObjectBytes(how.document, start, &raw)) {
            return error;
        }
        keepJson(raw, &plain, how.dropManagedFields);
        *summary = std::move(plain);
        if (initialEventsEnd) {
            *initialEventsEnd = plainInitialEventsEnd;
        }
    }
    return simdjson::SUCCESS;
}

QString errorText(simdjson::error_code error) {
    return QString::fromUtf8(simdjson::error_message(error));
}

} // namespace binnacle::client::detail
