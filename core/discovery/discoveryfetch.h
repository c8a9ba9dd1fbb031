#pragma once

#include "apierror.h"
#include "apirequest.h"
#include "discoverymodel.h"
#include "discoverysnapshot.h"

#include <QHash>
#include <QObject>
#include <functional>
#include <optional>

namespace binnacle::transport {
class ClusterTransport;
}

namespace binnacle::discovery {

// What one discovery round did on the wire.
struct FetchStatistics {
    int requests = 0;
    int notModified = 0; // answered 304 to If-None-Match: the held document was kept
    int downloaded = 0;  // answered 200 with a document
    bool legacy = false; // the server answered (or was asked for) legacy discovery
};

struct FetchOutcome {
    // Set when the round failed as a whole (/api or /apis unreachable or unreadable); documents is empty
    // then.
    std::optional<transport::ApiError> error;
    // The complete set: /api and /apis, plus the legacy resource lists that could be fetched.
    QList<client::DiscoveryDocument> documents;
    // Legacy resource lists that failed, as "group/version" (the round still succeeds without them).
    QStringList failedGroupVersions;
    FetchStatistics statistics;
};

// One discovery round: /api and /apis (aggregated or legacy), then for legacy the per-group-version resource
// lists, each sent with If-None-Match when a held document of the same format has an ETag. Deletes itself
// after calling `done`; destroying it earlier cancels the round without a call.
class DiscoveryFetch : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const FetchOutcome&)>;

    DiscoveryFetch(transport::ClusterTransport* transport, DiscoveryProtocol protocol,
                   QList<client::DiscoveryDocument> held, Done done, QObject* parent = nullptr);

    void start();

    // Whether a document is aggregated discovery (by its content type, else by its kind).
    static bool isAggregated(const client::DiscoveryDocument& document);

private:
    void fetchRoot(const QString& path, bool aggregated);
    void onRoot(const QString& path, bool aggregated, const transport::ApiResult& result);
    void rootsDone();
    void fetchResourceList(const QString& path);
    void finish();
    void fail(const transport::ApiError& error);
    const client::DiscoveryDocument* held(const QString& path) const;
    std::optional<client::DiscoveryDocument> received(const QString& path,
                                                      const transport::ApiResult& result);

    transport::ClusterTransport* m_transport = nullptr;
    DiscoveryProtocol m_protocol;
    QList<client::DiscoveryDocument> m_held;
    Done m_done;
    QHash<QString, client::DiscoveryDocument> m_roots;
    QList<client::DiscoveryDocument> m_resourceLists;
    QStringList m_failedGroupVersions;
    FetchStatistics m_statistics;
    int m_pending = 0;
    bool m_retriedAsLegacy = false;
    bool m_finished = false;
};

} // namespace binnacle::discovery
