#pragma once

#include "watchevent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <memory>

namespace binnacle::client {

namespace detail {
struct WatchStreamParserState;
}

// Incremental parser of a JSON watch stream (newline-delimited WatchEvent objects): bytes in, typed events
// out, whatever the chunk boundaries (an event split over many chunks, many events in one chunk, a partial
// last line kept for the next call). A malformed line becomes a WatchStreamError and parsing goes on with
// the next line. Table-form streams (Table Accept header) are recognised per event: the first event's
// columnDefinitions are kept for the stream's lifetime (later events send null) and each event's
// identity comes from rows[0].object.
//
// Parser choice, by measurement (tests/benchmarks/bench_jsonparse.cpp: 20,000 watch events of the real pod
// fixture's shape, 14.5 KB each, 290 MB; best of 3, 2-core EPYC shared with other builds, so +-30%):
//   QJsonDocument::fromJson per line + summary fields         37-58 MB/s,  2,600-4,000 events/s
//   simdjson DOM per line + summary fields                   490-900 MB/s, 34,000-62,000 events/s
//   simdjson on-demand: summary fields + raw object bytes    380-700 MB/s, 26,000-48,000 events/s
//   this parser end to end (16 KB chunks, QString/QHash out) 390-630 MB/s, 27,000-43,000 events/s
//   a 290 MB PodList: QJsonDocument 28 MB/s; ListPageParser 210-370 MB/s
// simdjson wins by 10x or more. On-demand rather than DOM because it hands out the object's raw bytes
// (DOM would have to re-serialise them), so the parser keeps only what the cache needs up front
// (ObjectSummary: identity, labels, raw bytes) and the full object is parsed later, with
// ObjectSummary::toJsonObject(), only for objects someone opens. Built without -march flags (on-demand then
// uses simdjson's portable kernel; stage 1 of DOM dispatches at run time): -msse4.2/-mavx2 builds measured
// within the noise above, and would not run on every x86-64 CPU Debian supports.
//
// Not thread-safe; one parser per stream. Cheap to move between threads (no QObject).
class WatchStreamParser {
public:
    struct Result {
        QList<WatchEvent> events;
        QList<WatchStreamError> errors;
    };

    WatchStreamParser();
    ~WatchStreamParser();
    WatchStreamParser(WatchStreamParser&&) noexcept;
    WatchStreamParser& operator=(WatchStreamParser&&) noexcept;

    // Consumes the next bytes of the body (already de-chunked by HTTP); returns the events (and errors)
    // of every line they complete, in stream order.
    Result feed(QByteArrayView bytes);
    // At the end of the body: parses a last line that had no newline, if any.
    Result finish();
    // Forgets the partial line and the Table columns, for a new stream.
    void reset();

    // Objects' json without metadata.managedFields, as ListPageParser::setDropManagedFields.
    void setDropManagedFields(bool drop);

    // Bytes of an incomplete line waiting for more input.
    qsizetype pendingBytes() const;
    // The Table columns of a Table-form stream (empty until the first Table event, or for plain streams).
    QList<TableColumn> tableColumns() const;
    qint64 linesSeen() const;

private:
    std::unique_ptr<detail::WatchStreamParserState> d;
};

// Event type names as on the wire ("ADDED", ...), for logs.
QString watchEventTypeName(WatchEvent::Type type);

} // namespace binnacle::client
