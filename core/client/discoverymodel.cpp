#include "discoverymodel.h"

#include "clientlogging.h"
#include "discoveryparsing.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace binnacle::client {

namespace {

QString groupVersionKey(const QString& group, const QString& version) {
    return group.isEmpty() ? version : group + QLatin1Char('/') + version;
}

bool parseDocument(const DiscoveryDocument& document, QList<detail::ParsedGroup>* groups, QString* error,
                   bool* aggregated = nullptr) {
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(document.body, &parseError);
    if (!json.isObject()) {
        *error = QStringLiteral("%1: not a JSON object (%2)").arg(document.path, parseError.errorString());
        return false;
    }
    const QJsonObject object = json.object();
    const QString kind = object.value(QLatin1String("kind")).toString();
    if (kind == QLatin1String("APIGroupDiscoveryList")) {
        if (aggregated) {
            *aggregated = true;
        }
        return detail::parseAggregatedDiscovery(object, groups, error);
    }
    if (kind == QLatin1String("APIVersions")) {
        return detail::parseApiVersions(object, groups, error);
    }
    if (kind == QLatin1String("APIGroupList")) {
        return detail::parseApiGroupList(object, groups, error);
    }
    if (kind == QLatin1String("APIGroup")) {
        return detail::parseApiGroup(object, groups, error);
    }
    if (kind == QLatin1String("APIResourceList")) {
        return detail::parseApiResourceList(object, groups, error);
    }
    *error = QStringLiteral("%1: not a discovery document (kind %2)").arg(document.path, kind);
    return false;
}

// Group lists first, so that group order comes from /api then /apis; resource lists after them.
bool isResourceList(const DiscoveryDocument& document) {
    const QStringList parts = document.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return (parts.value(0) == QLatin1String("api") && parts.size() == 2) ||
           (parts.value(0) == QLatin1String("apis") && parts.size() == 3);
}

} // namespace

bool DiscoveryModel::addDocument(const DiscoveryDocument& document, QString* error) {
    QList<detail::ParsedGroup> groups;
    if (!parseDocument(document, &groups, error)) {
        qCWarning(lcDiscovery) << *error;
        return false;
    }
    bool replaced = false;
    for (DiscoveryDocument& held : m_documents) {
        if (held.path == document.path) {
            held = document;
            replaced = true;
        }
    }
    if (!replaced) {
        m_documents.append(document);
    }
    rebuild();
    return true;
}

bool DiscoveryModel::fromDocuments(const QList<DiscoveryDocument>& documents, DiscoveryModel* model,
                                   QString* error) {
    DiscoveryModel built;
    for (const DiscoveryDocument& document : documents) {
        if (!built.addDocument(document, error)) {
            return false;
        }
    }
    *model = std::move(built);
    return true;
}

void DiscoveryModel::rebuild() {
    m_groups.clear();
    m_resourcesByGroupVersion.clear();
    m_aggregated = false;
    QList<const DiscoveryDocument*> ordered;
    for (const DiscoveryDocument& document : m_documents) {
        if (!isResourceList(document)) {
            ordered.append(&document);
        }
    }
    for (const DiscoveryDocument& document : m_documents) {
        if (isResourceList(document)) {
            ordered.append(&document);
        }
    }
    for (const DiscoveryDocument* document : ordered) {
        QList<detail::ParsedGroup> groups;
        QString error;
        if (!parseDocument(*document, &groups, &error, &m_aggregated)) {
            continue; // validated when added
        }
        for (const detail::ParsedGroup& group : groups) {
            mergeGroup(group.info);
            for (const ApiResource& resource : group.resources) {
                m_resourcesByGroupVersion[groupVersionKey(resource.group, resource.version)].append(resource);
            }
        }
    }
    // kubectl prefers the core group over any other (events: v1 before events.k8s.io).
    std::stable_partition(m_groups.begin(), m_groups.end(),
                          [](const ApiGroupInfo& info) { return info.name.isEmpty(); });
}

void DiscoveryModel::mergeGroup(const ApiGroupInfo& info) {
    for (ApiGroupInfo& held : m_groups) {
        if (held.name != info.name) {
            continue;
        }
        for (const QString& version : info.versions) {
            if (!held.versions.contains(version)) {
                held.versions.append(version);
            }
        }
        if (held.preferredVersion.isEmpty()) {
            held.preferredVersion = info.preferredVersion;
        }
        for (const QString& version : info.staleVersions) {
            if (!held.staleVersions.contains(version)) {
                held.staleVersions.append(version);
            }
        }
        return;
    }
    ApiGroupInfo added = info;
    if (added.preferredVersion.isEmpty() && !added.versions.isEmpty()) {
        added.preferredVersion = added.versions.first();
    }
    m_groups.append(added);
}

const DiscoveryDocument* DiscoveryModel::document(const QString& path) const {
    for (const DiscoveryDocument& held : m_documents) {
        if (held.path == path) {
            return &held;
        }
    }
    return nullptr;
}

std::optional<ApiGroupInfo> DiscoveryModel::group(const QString& name) const {
    for (const ApiGroupInfo& info : m_groups) {
        if (info.name == name) {
            return info;
        }
    }
    return std::nullopt;
}

QList<ApiResource> DiscoveryModel::resources() const {
    QList<ApiResource> all;
    for (const ApiGroupInfo& info : m_groups) {
        // The preferred version first, even when a legacy APIGroup listed it later.
        QStringList versions = info.versions;
        versions.removeAll(info.preferredVersion);
        versions.prepend(info.preferredVersion);
        for (const QString& version : versions) {
            all.append(m_resourcesByGroupVersion.value(groupVersionKey(info.name, version)));
        }
    }
    return all;
}

QList<ApiResource> DiscoveryModel::preferredResources() const {
    QList<ApiResource> preferred;
    for (const ApiGroupInfo& info : m_groups) {
        preferred.append(m_resourcesByGroupVersion.value(groupVersionKey(info.name, info.preferredVersion)));
    }
    return preferred;
}

QList<ApiResource> DiscoveryModel::resources(const QString& group, const QString& version) const {
    return m_resourcesByGroupVersion.value(groupVersionKey(group, version));
}

QStringList DiscoveryModel::missingResourceListPaths() const {
    QStringList paths;
    if (m_aggregated) {
        return paths; // aggregated discovery is complete by itself
    }
    for (const ApiGroupInfo& info : m_groups) {
        for (const QString& version : info.versions) {
            const QString path = info.name.isEmpty() ? QStringLiteral("/api/") + version
                                                     : QStringLiteral("/apis/%1/%2").arg(info.name, version);
            if (!m_resourcesByGroupVersion.contains(groupVersionKey(info.name, version)) && !document(path)) {
                paths.append(path);
            }
        }
    }
    return paths;
}

} // namespace binnacle::client
