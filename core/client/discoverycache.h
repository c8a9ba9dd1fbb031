#pragma once

#include "discoverymodel.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace binnacle::client {

// What the disk cache holds for one cluster: the discovery documents as received, each with its ETag, so
// that they can be revalidated with If-None-Match and the model rebuilt from them without the network.
struct CachedDiscovery {
    QString serverUrl;
    QDateTime fetchedAt; // UTC
    DiscoveryModel model;
};

// One JSON file per cluster under QStandardPaths::CacheLocation/discovery (or a given directory), named
// after the server's host and port like kubectl's ~/.kube/cache/discovery/<host_port>. Only serialisation:
// fetching and revalidating is the transport's job. Discovery holds no secrets, so nothing is redacted.
class DiscoveryCache {
public:
    explicit DiscoveryCache(QString directory = defaultDirectory());

    static QString defaultDirectory();
    QString filePath(const QString& serverUrl) const;

    // Writes atomically (QSaveFile): a crash never leaves a half-written cache behind.
    bool save(const QString& serverUrl, const DiscoveryModel& model, const QDateTime& fetchedAt,
              QString* error) const;
    // nullopt when there is no cache for the server (error empty) or it is unreadable (error set).
    std::optional<CachedDiscovery> load(const QString& serverUrl, QString* error) const;
    bool remove(const QString& serverUrl) const;

private:
    QString m_directory;
};

} // namespace binnacle::client
