#pragma once

#include "apiresource.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace binnacle::client {

// One discovery response as received: what the model is built from and what the disk cache stores.
struct DiscoveryDocument {
    QString path; // "/api", "/apis", "/api/v1", "/apis/apps/v1"
    QByteArray
        contentType; // tells aggregated (…;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList) from legacy
    QByteArray etag; // the server's ETag, for If-None-Match revalidation (aggregated discovery sets one)
    QByteArray body;
};

// Everything discovery says about a cluster's API: groups in the server's priority order (core first),
// their versions (preferred first) and each version's resources. Fed with aggregated discovery
// (apidiscovery.k8s.io/v2 or v2beta1 from /api and /apis: two documents say it all) or with the legacy
// documents (APIVersions, APIGroupList, then one APIResourceList per group version).
// A value type, cheap to copy and pass to a RestMapper.
class DiscoveryModel {
public:
    // Parses and merges one document; a document for a path already held replaces it (a revalidation that
    // answered 200). The document's kind decides how it is read, not its path.
    bool addDocument(const DiscoveryDocument& document, QString* error);
    // The model of a whole set of documents (from the disk cache); false if any is unreadable.
    static bool fromDocuments(const QList<DiscoveryDocument>& documents, DiscoveryModel* model,
                              QString* error);

    const QList<DiscoveryDocument>& documents() const { return m_documents; }
    const DiscoveryDocument* document(const QString& path) const;

    const QList<ApiGroupInfo>& groups() const { return m_groups; }
    std::optional<ApiGroupInfo> group(const QString& name) const;
    // Every resource of every version, in priority order: group order, then version preference.
    QList<ApiResource> resources() const;
    // Only the resources of each group's preferred version.
    QList<ApiResource> preferredResources() const;
    QList<ApiResource> resources(const QString& group, const QString& version) const;
    bool isEmpty() const { return m_groups.isEmpty(); }
    bool isAggregated() const { return m_aggregated; }

    // Legacy discovery: the APIResourceList paths still to fetch (/api/v1, /apis/apps/v1, ...) for the group
    // versions known from /api and /apis. Empty once complete, and always with aggregated discovery.
    QStringList missingResourceListPaths() const;

private:
    void rebuild();
    void mergeGroup(const ApiGroupInfo& info);

    QList<DiscoveryDocument> m_documents;
    QList<ApiGroupInfo> m_groups;
    QHash<QString, QList<ApiResource>> m_resourcesByGroupVersion; // "apps/v1", "v1"
    bool m_aggregated = false;                                    // built from aggregated discovery
};

} // namespace binnacle::client
