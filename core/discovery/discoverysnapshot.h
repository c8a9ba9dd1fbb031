#pragma once

#include "discoverymodel.h"
#include "restmapper.h"

#include <QDateTime>
#include <QStringList>

namespace binnacle::discovery {

// How discovery is asked for.
enum class DiscoveryProtocol {
    // apidiscovery.k8s.io/v2, else v2beta1, else legacy: one Accept header lists all three (as client-go
    // does) and the server picks; a server that refuses the aggregated types (406) is asked again for legacy.
    Aggregated,
    // Only the legacy documents: /api, /apis, then one APIResourceList per group version.
    Legacy,
};

// One published state of a cluster's discovery. Immutable once published: hold the shared pointer as long
// as needed (another thread included) while the client moves on to newer snapshots.
struct DiscoverySnapshot {
    client::DiscoveryModel model;
    client::RestMapper mapper;
    // Loaded from the disk cache and not yet confirmed by the server.
    bool fromCache = false;
    // When the documents were downloaded (UTC); a 304 revalidation keeps it.
    QDateTime fetchedAt;
    // Group versions whose resources may be missing or outdated: aggregated discovery's
    // `freshness: Stale` (an aggregated API server is unreachable) and legacy resource lists that failed,
    // as "metrics.k8s.io/v1beta1".
    QStringList staleGroupVersions;
    // Grows with every published snapshot (1 for the first).
    quint64 generation = 0;
};

} // namespace binnacle::discovery
