#pragma once

#include "apistatus.h"
#include "objectsummary.h"

#include <QList>
#include <QString>

namespace binnacle::client {

// One column of a server-rendered Table (meta.k8s.io/v1 TableColumnDefinition).
struct TableColumn {
    QString name;
    QString type;   // OpenAPI type: string, integer, number, boolean, date
    QString format; // "name" marks the name column
    QString description;
    int priority = 0; // 0: always shown; > 0: "wide" only

    bool operator==(const TableColumn&) const = default;
};

// One event of a watch stream, typed.
struct WatchEvent {
    enum class Type { Added, Modified, Deleted, Bookmark, Error };

    Type type = Type::Added;
    // Added/Modified/Deleted: the object (Deleted: its last state). Bookmark: only kind/apiVersion/RV.
    // Table-form streams: the identity of rows[0].object, with object.tableCells holding the row.
    ObjectSummary object;
    // Bookmark: the new "last seen" resourceVersion (same as object.resourceVersion for the others).
    QString resourceVersion;
    // Bookmark: carries metadata.annotations["k8s.io/initial-events-end"] == "true" (WatchList end marker).
    bool initialEventsEnd = false;
    // Error: the Status the server sent; the stream ends after it. status.isExpired() means relist.
    ApiStatus status;
    // The object arrived as a one-row Table (Table Accept header).
    bool tableForm = false;
};

// A line of the stream that could not be turned into an event; the stream goes on after it.
struct WatchStreamError {
    qint64 lineNumber = 0; // 1-based, counting every newline-terminated line of the stream
    QString message;
    QByteArray excerpt; // the start of the line (at most 200 bytes); may hold a Secret's data: never log it
};

} // namespace binnacle::client
