#pragma once

// Internal to binnacle_client: the simdjson on-demand helpers shared by the watch and list parsers.
// Not a public header (simdjson.h is large and its types should not leak into the rest of the client).

#include "objectsummary.h"
#include "watchevent.h"

#include <QByteArrayView>
#include <array>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <vector>

namespace binnacle::client::detail {

namespace ondemand = simdjson::ondemand;

inline QString toQString(std::string_view text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// One shared QString for UTF-8 text seen recently: a list's objects repeat their label keys and values,
// namespaces and owners (a workload's pods are listed side by side), and sharing the string saves an
// allocation and a conversion here and a free wherever the summary ends. A small direct-mapped table: a
// miss costs a hash and one conversion; a collision evicts, it never returns another text.
class RepeatedStrings {
public:
    QString get(std::string_view utf8);
    // One table per parsing thread (the transport's, for every informer of a cluster), not per parser.
    static RepeatedStrings& forThisThread();

private:
    struct Entry {
        std::string utf8;
        QString text;
    };
    static constexpr std::size_t entryCount = 512;
    std::array<Entry, entryCount> m_entries;
};

// simdjson reads up to SIMDJSON_PADDING bytes past the end of its input; network buffers give no such
// promise, so each document is copied into this reused, padded buffer first (a memcpy is ~1% of a parse).
class PaddedBuffer {
public:
    simdjson::padded_string_view assign(QByteArrayView bytes);

private:
    std::vector<char> m_storage;
};

// What a Table object (watch event or list) adds to the row objects.
struct TableState {
    QList<TableColumn> columns;
    bool haveColumns = false;
};

// How objects are read out of one parsed document.
struct ObjectReading {
    // The document being read: an object's raw bytes end where its iterator stands once the object's
    // fields are read, which spares walking every object twice (once to find its end, once to read it).
    ondemand::document* document = nullptr;
    // Keep an object's raw bytes without metadata.managedFields (see ListPageParser::setDropManagedFields).
    bool dropManagedFields = false;
    RepeatedStrings* strings = nullptr; // shares repeated text when given
};

// Reads an object's identity (kind, apiVersion, metadata) and keeps its raw bytes.
// `initialEventsEnd`, when given, is set from metadata.annotations["k8s.io/initial-events-end"].
simdjson::error_code readObjectSummary(ondemand::value value, ObjectSummary* summary,
                                       const ObjectReading& how, bool* initialEventsEnd = nullptr);

// Reads an object that may be a Table (kind "Table", one row per object): for a Table the summary is that
// of rows[0].object with the row's cells, and `table` collects the column definitions if not already set.
// `isTable` tells which form was seen.
simdjson::error_code readObjectOrTableRow(ondemand::value value, ObjectSummary* summary, TableState* table,
                                          bool* isTable, bool* initialEventsEnd, const ObjectReading& how);

// Reads a Table's columnDefinitions array (null yields no columns).
simdjson::error_code readColumnDefinitions(ondemand::value value, QList<TableColumn>* columns);

// Reads one Table row: its cells as text, and the embedded object's summary when present.
simdjson::error_code readTableRow(ondemand::object& row, ObjectSummary* summary, bool* initialEventsEnd,
                                  const ObjectReading& how);

// Words for a simdjson error, for logs and parse errors.
QString errorText(simdjson::error_code error);

} // namespace binnacle::client::detail
