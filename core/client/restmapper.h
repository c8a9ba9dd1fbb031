#pragma once

#include "apiresource.h"
#include "discoverymodel.h"

#include <QList>
#include <QString>
#include <optional>

namespace binnacle::client {

// Resolves what a user types for a resource type the way kubectl does, against discovery:
//   "pods", "pod", "po", "Pod"          plural, singular, short name, kind (case-insensitive)
//   "deploy.apps", "deployments.apps"   with a group
//   "deployments.v1.apps"               with version and group
//   "all" and other categories          every resource of the category (preferred versions)
// Ties between groups go to the server's priority order (core first), then the preferred version.
class RestMapper {
public:
    RestMapper() = default;
    explicit RestMapper(const DiscoveryModel& model);

    struct Resolution {
        QList<ApiResource> resources; // one, or several for a category
        bool isCategory = false;
        QString error; // set when nothing matched
        bool ok() const { return !resources.isEmpty(); }
    };

    // Categories first (as kubectl's category expander), then the resource forms above.
    Resolution resolve(const QString& input) const;
    // One resource type only (categories are not accepted).
    std::optional<ApiResource> resourceFor(const QString& input, QString* error = nullptr) const;
    // The resource serving a kind, e.g. for an object's apiVersion/kind; empty version: preferred.
    std::optional<ApiResource> resourceForKind(const QString& group, const QString& kind,
                                               const QString& version = {}) const;
    QList<ApiResource> resourcesInCategory(const QString& category) const;
    QStringList categories() const;

private:
    QList<ApiResource> m_resources;          // every version, priority order
    QList<ApiResource> m_preferredResources; // each group's preferred version only
};

} // namespace binnacle::client
