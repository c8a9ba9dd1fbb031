#include "restmapper.h"

#include <functional>

namespace binnacle::client {

namespace {

using ResourceFilter = std::function<bool(const ApiResource&)>;

// kubectl's order of trust: the plural, then the singular, then short names, then the kind. Within one
// tier the first resource in priority order wins.
std::optional<ApiResource> findByName(const QList<ApiResource>& resources, const QString& name,
                                      const ResourceFilter& filter) {
    const std::function<bool(const ApiResource&)> tiers[] = {
        [&](const ApiResource& r) { return r.resource == name; },
        [&](const ApiResource& r) { return r.singular == name; },
        [&](const ApiResource& r) { return r.shortNames.contains(name); },
        [&](const ApiResource& r) { return r.kind.compare(name, Qt::CaseInsensitive) == 0; },
    };
    for (const auto& matches : tiers) {
        for (const ApiResource& resource : resources) {
            if (filter(resource) && matches(resource)) {
                return resource;
            }
        }
    }
    return std::nullopt;
}

} // namespace

RestMapper::RestMapper(const DiscoveryModel& model)
    : m_resources(model.resources())
    , m_preferredResources(model.preferredResources()) {}

RestMapper::Resolution RestMapper::resolve(const QString& input) const {
    Resolution resolution;
    const QString name = input.trimmed().toLower();
    if (!name.contains(QLatin1Char('.'))) {
        resolution.resources = resourcesInCategory(name);
        if (!resolution.resources.isEmpty()) {
            resolution.isCategory = true;
            return resolution;
        }
    }
    if (auto resource = resourceFor(input, &resolution.error)) {
        resolution.resources.append(*resource);
    }
    return resolution;
}

std::optional<ApiResource> RestMapper::resourceFor(const QString& input, QString* error) const {
    const QString name = input.trimmed().toLower();
    const QStringList parts = name.split(QLatin1Char('.'));
    if (!name.isEmpty()) {
        // resource.version.group, e.g. deployments.v1.apps
        if (parts.size() >= 3) {
            const QString version = parts.at(1);
            const QString group = parts.mid(2).join(QLatin1Char('.'));
            if (auto found = findByName(m_resources, parts.first(), [&](const ApiResource& r) {
                    return r.group == group && r.version == version;
                })) {
                return found;
            }
        }
        // resource.group, e.g. deploy.apps or certificates.cert-manager.io
        if (parts.size() >= 2) {
            const QString group = parts.mid(1).join(QLatin1Char('.'));
            if (auto found = findByName(m_resources, parts.first(),
                                        [&](const ApiResource& r) { return r.group == group; })) {
                return found;
            }
        } else if (auto found = findByName(m_resources, name, [](const ApiResource&) { return true; })) {
            return found;
        }
    }
    if (error) {
        *error = QStringLiteral("the server doesn't have a resource type \"%1\"").arg(input.trimmed());
    }
    return std::nullopt;
}

std::optional<ApiResource> RestMapper::resourceForKind(const QString& group, const QString& kind,
                                                       const QString& version) const {
    for (const ApiResource& resource : m_resources) {
        if (resource.group == group && resource.kind == kind &&
            (version.isEmpty() || resource.version == version)) {
            return resource;
        }
    }
    return std::nullopt;
}

QList<ApiResource> RestMapper::resourcesInCategory(const QString& category) const {
    QList<ApiResource> members;
    for (const ApiResource& resource : m_preferredResources) {
        if (resource.categories.contains(category)) {
            members.append(resource);
        }
    }
    return members;
}

QStringList RestMapper::categories() const {
    QStringList all;
    for (const ApiResource& resource : m_resources) {
        for (const QString& category : resource.categories) {
            if (!all.contains(category)) {
                all.append(category);
            }
        }
    }
    return all;
}

} // namespace binnacle::client
