#include "discoverydocuments.h"

#include "resourceregistry.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace binnacle::sim::discovery {

namespace {
QJsonArray toArray(const QStringList& list) {
    return QJsonArray::fromStringList(list);
}

QString storageVersionHash(const ResourceType& type) {
    return QString::fromLatin1(
        QCryptographicHash::hash(type.key().toUtf8(), QCryptographicHash::Sha256).left(8).toBase64());
}

QJsonObject groupVersionEntry(const QString& group, const QString& version) {
    return QJsonObject{
        {QStringLiteral("groupVersion"), group.isEmpty() ? version : group + QLatin1Char('/') + version},
        {QStringLiteral("version"), version}};
}

QStringList versionsOfGroup(const ResourceRegistry& registry, const QString& group) {
    QStringList versions;
    for (const auto& type : registry.inGroup(group)) {
        for (const QString& version : type->versions) {
            if (!versions.contains(version)) {
                versions.append(version);
            }
        }
    }
    return versions;
}

QJsonObject groupEntry(const ResourceRegistry& registry, const QString& group) {
    QJsonArray versions;
    const QStringList names = versionsOfGroup(registry, group);
    for (const QString& version : names) {
        versions.append(groupVersionEntry(group, version));
    }
    return QJsonObject{{QStringLiteral("name"), group},
                       {QStringLiteral("versions"), versions},
                       {QStringLiteral("preferredVersion"), groupVersionEntry(group, names.value(0))}};
}

QJsonObject responseKind(const QString& group, const QString& version, const QString& kind) {
    return QJsonObject{{QStringLiteral("group"), group},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("kind"), kind}};
}
} // namespace

QJsonObject apiVersions(const QString& serverAddress) {
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("APIVersions")},
                       {QStringLiteral("versions"), QJsonArray{QStringLiteral("v1")}},
                       {QStringLiteral("serverAddressByClientCIDRs"),
                        QJsonArray{QJsonObject{{QStringLiteral("clientCIDR"), QStringLiteral("0.0.0.0/0")},
                                               {QStringLiteral("serverAddress"), serverAddress}}}}};
}

QJsonObject apiGroupList(const ResourceRegistry& registry) {
    QJsonArray groups;
    for (const QString& group : registry.groups()) {
        if (!group.isEmpty()) {
            groups.append(groupEntry(registry, group));
        }
    }
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("APIGroupList")},
                       {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("groups"), groups}};
}

QJsonObject apiGroup(const ResourceRegistry& registry, const QString& group) {
    if (group.isEmpty() || !registry.groups().contains(group)) {
        return {};
    }
    QJsonObject entry = groupEntry(registry, group);
    entry.insert(QStringLiteral("kind"), QStringLiteral("APIGroup"));
    entry.insert(QStringLiteral("apiVersion"), QStringLiteral("v1"));
    return entry;
}

QJsonObject apiResourceList(const ResourceRegistry& registry, const QString& group, const QString& version) {
    QJsonArray resources;
    bool found = false;
    for (const auto& type : registry.inGroup(group)) {
        if (!type->servesVersion(version)) {
            continue;
        }
        found = true;
        QJsonObject entry{{QStringLiteral("name"), type->resource},
                          {QStringLiteral("singularName"), type->singular},
                          {QStringLiteral("namespaced"), type->namespaced},
                          {QStringLiteral("kind"), type->kind},
                          {QStringLiteral("verbs"), toArray(type->verbs)}};
        if (!type->shortNames.isEmpty()) {
            entry.insert(QStringLiteral("shortNames"), toArray(type->shortNames));
        }
        if (!type->categories.isEmpty()) {
            entry.insert(QStringLiteral("categories"), toArray(type->categories));
        }
        if (!type->custom) {
            entry.insert(QStringLiteral("storageVersionHash"), storageVersionHash(*type));
        }
        resources.append(entry);
        for (const Subresource& sub : type->subresources) {
            QJsonObject subEntry{{QStringLiteral("name"), type->resource + QLatin1Char('/') + sub.name},
                                 {QStringLiteral("singularName"), QString()},
                                 {QStringLiteral("namespaced"), type->namespaced},
                                 {QStringLiteral("kind"), sub.kind},
                                 {QStringLiteral("verbs"), toArray(sub.verbs)}};
            if (sub.group != type->group) {
                subEntry.insert(QStringLiteral("group"), sub.group);
                subEntry.insert(QStringLiteral("version"), sub.version);
            }
            resources.append(subEntry);
        }
    }
    if (!found) {
        return {};
    }
    return QJsonObject{
        {QStringLiteral("kind"), QStringLiteral("APIResourceList")},
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("groupVersion"), group.isEmpty() ? version : group + QLatin1Char('/') + version},
        {QStringLiteral("resources"), resources}};
}

QJsonObject aggregated(const ResourceRegistry& registry, bool core, const QString& apiVersion) {
    QJsonArray items;
    for (const QString& group : registry.groups()) {
        if (group.isEmpty() != core) {
            continue;
        }
        QJsonArray versions;
        for (const QString& version : versionsOfGroup(registry, group)) {
            QJsonArray resources;
            for (const auto& type : registry.inGroup(group)) {
                if (!type->servesVersion(version)) {
                    continue;
                }
                QJsonObject entry{{QStringLiteral("resource"), type->resource},
                                  {QStringLiteral("responseKind"), responseKind(group, version, type->kind)},
                                  {QStringLiteral("scope"), type->namespaced ? QStringLiteral("Namespaced")
                                                                             : QStringLiteral("Cluster")},
                                  {QStringLiteral("singularResource"), type->singular},
                                  {QStringLiteral("verbs"), toArray(type->verbs)}};
                if (!type->shortNames.isEmpty()) {
                    entry.insert(QStringLiteral("shortNames"), toArray(type->shortNames));
                }
                if (!type->categories.isEmpty()) {
                    entry.insert(QStringLiteral("categories"), toArray(type->categories));
                }
                QJsonArray subresources;
                for (const Subresource& sub : type->subresources) {
                    subresources.append(QJsonObject{
                        {QStringLiteral("subresource"), sub.name},
                        {QStringLiteral("responseKind"), responseKind(sub.group, sub.version, sub.kind)},
                        {QStringLiteral("verbs"), toArray(sub.verbs)}});
                }
                if (!subresources.isEmpty()) {
                    entry.insert(QStringLiteral("subresources"), subresources);
                }
                resources.append(entry);
            }
            versions.append(QJsonObject{{QStringLiteral("version"), version},
                                        {QStringLiteral("resources"), resources},
                                        {QStringLiteral("freshness"), QStringLiteral("Current")}});
        }
        items.append(QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), group}}},
                                 {QStringLiteral("versions"), versions}});
    }
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("APIGroupDiscoveryList")},
                       {QStringLiteral("apiVersion"), apiVersion},
                       {QStringLiteral("metadata"), QJsonObject()},
                       {QStringLiteral("items"), items}};
}

} // namespace binnacle::sim::discovery
