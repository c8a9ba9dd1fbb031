#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace binnacle::client {

// A subresource of a resource (status, scale, log, exec, ...).
struct ApiSubresource {
    QString name;  // "scale"
    QString group; // of the response kind (scale: autoscaling); may be empty when unknown
    QString version;
    QString kind; // "Scale"; empty when the server gave no response kind
    QStringList verbs;
};

// One resource of one group version, as discovery describes it.
struct ApiResource {
    QString group;    // "" for the core group
    QString version;  // "v1"
    QString resource; // plural, lower case: "deployments"
    QString singular; // "deployment"
    QString kind;     // "Deployment"
    bool namespaced = false;
    QStringList verbs;
    QStringList shortNames; // "deploy"
    QStringList categories; // "all"
    QList<ApiSubresource> subresources;

    QString groupVersion() const { return group.isEmpty() ? version : group + QLatin1Char('/') + version; }
    // "deployments.apps", or "pods" for the core group: how kubectl names a resource.
    QString groupResource() const { return group.isEmpty() ? resource : resource + QLatin1Char('.') + group; }
    // The collection path without namespace: /api/v1/pods, /apis/apps/v1/deployments.
    QString collectionPath() const {
        return (group.isEmpty() ? QStringLiteral("/api/")
                                : QStringLiteral("/apis/") + group + QLatin1Char('/')) +
               version + QLatin1Char('/') + resource;
    }
    bool supportsVerb(const QString& verb) const { return verbs.contains(verb); }
    bool hasSubresource(const QString& name) const {
        for (const ApiSubresource& subresource : subresources) {
            if (subresource.name == name) {
                return true;
            }
        }
        return false;
    }
};

// An API group with its versions, most preferred first.
struct ApiGroupInfo {
    QString name; // "" for the core group
    QStringList versions;
    QString preferredVersion;
    QStringList
        staleVersions; // aggregated discovery "freshness: Stale": the aggregated server is unreachable
};

} // namespace binnacle::client
