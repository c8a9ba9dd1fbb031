#pragma once

#include "objectsummary.h"
#include "watchevent.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace binnacle::client {

namespace detail {
struct ListPageParserState;
}

// One page of a list response (kind "<Kind>List", or "Table" with the Table Accept header).
struct ListPage {
    QString kind;            // PodList, DeploymentList, Table
    QString apiVersion;      // v1, apps/v1, meta.k8s.io/v1
    QString itemKind;        // inferred from kind (items carry none): PodList -> Pod; empty for Table
    QString resourceVersion; // the list's RV: start the watch from it; equal on every page of one list
    QString continueToken;   // empty on the last page
    std::optional<qint64> remainingItemCount; // an estimate; absent with selectors and on the last page
    QList<ObjectSummary> items; // items' kind/apiVersion filled from the list; Table: rows[i].object + cells
    QList<TableColumn> tableColumns; // Table form only

    bool isLastPage() const { return continueToken.isEmpty(); }
};

// Parses list pages with simdjson on-demand (see watchstreamparser.h for the figures), one whole page body
// at a time, so that pages can be parsed while later ones still download. Keeps its buffers between pages;
// not thread-safe, one per list.
class ListPageParser {
public:
    ListPageParser();
    ~ListPageParser();
    ListPageParser(ListPageParser&&) noexcept;
    ListPageParser& operator=(ListPageParser&&) noexcept;

    // Called once the list's metadata has been read, with the page as far as it is known then (kind,
    // apiVersion, resourceVersion, continue token; no items yet when the server sends metadata first, as the
    // API server does). A paging client sends the next request from here, so that the server produces the
    // next page while this one is still being parsed.
    using MetadataRead = std::function<void(const ListPage& head)>;

    // nullopt with `error` set when the body is not valid JSON or not a list (a Status body included:
    // check the HTTP status and use StatusParser first). `onMetadata` may be empty.
    std::optional<ListPage> parse(QByteArrayView body, QString* error, const MetadataRead& onMetadata = {});
    // The same, parsing `body` where it lies when it has at least 64 bytes of spare capacity past its end
    // (ClusterTransport's responses have), instead of a padded copy; else as parse().
    std::optional<ListPage> parseInPlace(const QByteArray& body, QString* error,
                                         const MetadataRead& onMetadata = {});

    // Items' json without metadata.managedFields (ObjectSummary::json is then not exactly what the server
    // sent): for consumers that never show them, which saves copying a few KB per object. Off by default.
    void setDropManagedFields(bool drop);

    // PodList -> Pod; anything not ending in "List" -> empty.
    static QString itemKindForListKind(const QString& listKind);

private:
    std::unique_ptr<detail::ListPageParserState> d;
};

} // namespace binnacle::client
