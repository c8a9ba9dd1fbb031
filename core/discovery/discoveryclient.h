#pragma once

#include "apierror.h"
#include "discoverycache.h"
#include "discoveryfetch.h"
#include "discoverysnapshot.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>
#include <memory>
#include <optional>

namespace binnacle::transport {
class ClusterTransport;
}

namespace binnacle::discovery {

class ResourceChangeWatcher;

struct DiscoveryOptions {
    DiscoveryProtocol protocol = DiscoveryProtocol::Aggregated;
    // Read the disk cache at start and write it after every download.
    bool useCache = true;
    // Watch CustomResourceDefinitions (and APIServices, where the cluster has them) and refresh on changes.
    bool watchDefinitions = true;
    // Changes within this time after the first one cause one refresh (a CRD is created, then established).
    std::chrono::milliseconds refreshDelay{500};
    // After a failed refresh, the next one is tried after this, doubling up to the cap.
    std::chrono::milliseconds retryInitial{2000};
    std::chrono::milliseconds retryMax{60000};
};

// A cluster's discovery, kept current. On start() the disk cache (if any) is published at once, marked
// fromCache, then revalidated against the server with If-None-Match (304: kept; 200: replaced and saved).
// After that it refreshes on demand (refresh()) and when CRDs or APIServices change. Each published
// DiscoverySnapshot (model and RestMapper) is immutable; `changed` is emitted only when what discovery says
// really changed, so a revalidation that finds nothing new costs the consumers nothing.
class DiscoveryClient : public QObject {
    Q_OBJECT
public:
    // `transport` must outlive this client; the cache names its file after the transport's server URL.
    DiscoveryClient(transport::ClusterTransport* transport, client::DiscoveryCache cache,
                    DiscoveryOptions options = {}, QObject* parent = nullptr);
    ~DiscoveryClient() override;

    // Publishes the disk cache synchronously (`changed` is emitted before start() returns when there is one),
    // then starts the first network round. Calling it again does nothing.
    void start();
    // A network round now (or right after the one running).
    void refresh();

    // Null until something was published (cache or network).
    std::shared_ptr<const DiscoverySnapshot> snapshot() const { return m_snapshot; }
    bool isRefreshing() const { return m_fetch != nullptr; }
    // The last round's failure; cleared by a successful round.
    const std::optional<transport::ApiError>& lastError() const { return m_lastError; }
    // What the last finished round did on the wire (304s, downloads, legacy or not).
    const FetchStatistics& lastStatistics() const { return m_lastStatistics; }
    // Both definition watches (CRDs; APIServices if served) are open, so every change will be seen.
    bool isWatchingDefinitions() const;
    QString serverUrl() const;

Q_SIGNALS:
    // A new snapshot whose content differs from the previous one (the first one included).
    void changed();
    // A network round ended well, whether or not it changed anything.
    void refreshed();
    // A network round failed; the previous snapshot (if any) stays published.
    void refreshFailed(const binnacle::transport::ApiError& error);

private:
    void loadCache();
    void startFetch();
    void onFetched(const FetchOutcome& outcome);
    void publish(client::DiscoveryModel model, bool fromCache, const QDateTime& fetchedAt,
                 const QStringList& failedGroupVersions);
    void ensureWatchers();
    void watch(const QString& group, const QString& resource, ResourceChangeWatcher** watcher);

    transport::ClusterTransport* m_transport = nullptr;
    client::DiscoveryCache m_cache;
    DiscoveryOptions m_options;
    std::shared_ptr<const DiscoverySnapshot> m_snapshot;
    QByteArray m_fingerprint;
    QPointer<DiscoveryFetch> m_fetch;
    bool m_started = false;
    bool m_refreshAgain = false;
    std::optional<transport::ApiError> m_lastError;
    FetchStatistics m_lastStatistics;
    int m_failures = 0;
    QTimer m_refreshTimer; // coalesces definition changes
    QTimer m_retryTimer;
    ResourceChangeWatcher* m_definitionWatcher = nullptr;
    ResourceChangeWatcher* m_apiServiceWatcher = nullptr;
};

} // namespace binnacle::discovery
