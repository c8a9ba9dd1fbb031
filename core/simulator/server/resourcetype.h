#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace binnacle::sim {

struct Subresource {
    QString name;  // "status", "scale", "log", ...
    QString group; // response kind's group/version/kind
    QString version;
    QString kind;
    QStringList verbs;
};

// What the server knows about one resource: how it is addressed, what it is called, what it supports.
// One entry serves one group/resource; custom resources list every version the CRD serves.
struct ResourceType {
    QString group;
    QStringList versions; // served versions, most preferred first
    QString resource;     // plural, as in the URL
    QString singular;
    QString kind;
    bool namespaced = true;
    QStringList shortNames;
    QStringList categories;
    QStringList verbs;
    QList<Subresource> subresources;
    // Custom resources: the CRD that defines them, and per version its printer columns.
    bool custom = false;
    QString crdName;
    QJsonObject printerColumnsByVersion; // version -> additionalPrinterColumns array
    QStringList selectableFields;
    QJsonObject scalePaths; // CRD subresources.scale: specReplicasPath, statusReplicasPath, labelSelectorPath

    QString key() const { return group + QLatin1Char('/') + resource; }
    QString preferredVersion() const { return versions.value(0); }
    QString apiVersion(const QString& version) const {
        return group.isEmpty() ? version : group + QLatin1Char('/') + version;
    }
    // "pods", "deployments.apps": how error messages and Status details name the resource.
    QString qualifiedResource() const {
        return group.isEmpty() ? resource : resource + QLatin1Char('.') + group;
    }
    // "Deployment.apps": how 422 messages name the kind.
    QString qualifiedKind() const { return group.isEmpty() ? kind : kind + QLatin1Char('.') + group; }
    bool hasVerb(const QString& verb) const { return verbs.contains(verb); }
    const Subresource* subresource(const QString& name) const {
        for (const Subresource& sub : subresources) {
            if (sub.name == name) {
                return &sub;
            }
        }
        return nullptr;
    }
    bool servesVersion(const QString& version) const { return versions.contains(version); }
};

// The resources every simulated cluster serves, with the scope, names, categories and verbs of a real v1.32
// server.
QList<ResourceType> builtinResourceTypes();

} // namespace binnacle::sim
