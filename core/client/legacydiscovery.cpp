#include "discoveryparsing.h"

#include <QJsonArray>

namespace binnacle::client::detail {

namespace {

// "apps/v1" -> ("apps", "v1"); "v1" -> ("", "v1").
void splitGroupVersion(const QString& groupVersion, QString* group, QString* version) {
    const qsizetype slash = groupVersion.indexOf(QLatin1Char('/'));
    *group = slash < 0 ? QString() : groupVersion.left(slash);
    *version = slash < 0 ? groupVersion : groupVersion.mid(slash + 1);
}

ParsedGroup readGroup(const QJsonObject& entry) {
    ParsedGroup group;
    group.info.name = entry.value(QLatin1String("name")).toString();
    group.info.preferredVersion =
        entry.value(QLatin1String("preferredVersion")).toObject().value(QLatin1String("version")).toString();
    if (!group.info.preferredVersion.isEmpty()) {
        group.info.versions.append(group.info.preferredVersion);
    }
    for (const QJsonValue& value : entry.value(QLatin1String("versions")).toArray()) {
        const QString version = value.toObject().value(QLatin1String("version")).toString();
        if (!version.isEmpty() && !group.info.versions.contains(version)) {
            group.info.versions.append(version);
        }
    }
    return group;
}

} // namespace

QStringList stringList(const QJsonValue& value) {
    QStringList list;
    for (const QJsonValue& element : value.toArray()) {
        list.append(element.toString());
    }
    return list;
}

bool parseApiVersions(const QJsonObject& document, QList<ParsedGroup>* groups, QString* /*error*/) {
    ParsedGroup core;
    core.info.versions = stringList(document.value(QLatin1String("versions")));
    if (!core.info.versions.isEmpty()) {
        core.info.preferredVersion = core.info.versions.first();
    }
    groups->append(core);
    return true;
}

bool parseApiGroupList(const QJsonObject& document, QList<ParsedGroup>* groups, QString* /*error*/) {
    for (const QJsonValue& value : document.value(QLatin1String("groups")).toArray()) {
        groups->append(readGroup(value.toObject()));
    }
    return true;
}

bool parseApiGroup(const QJsonObject& document, QList<ParsedGroup>* groups, QString* /*error*/) {
    groups->append(readGroup(document));
    return true;
}

bool parseApiResourceList(const QJsonObject& document, QList<ParsedGroup>* groups, QString* error) {
    ParsedGroup group;
    QString version;
    splitGroupVersion(document.value(QLatin1String("groupVersion")).toString(), &group.info.name, &version);
    if (version.isEmpty()) {
        *error = QStringLiteral("APIResourceList without a groupVersion");
        return false;
    }
    group.info.versions.append(version);

    // Subresources come as "RES/SUB" entries of the same list; attach them once every parent is known.
    QList<QJsonObject> subresourceEntries;
    for (const QJsonValue& value : document.value(QLatin1String("resources")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString name = entry.value(QLatin1String("name")).toString();
        if (name.contains(QLatin1Char('/'))) {
            subresourceEntries.append(entry);
            continue;
        }
        ApiResource resource;
        resource.group = group.info.name;
        resource.version = version;
        resource.resource = name;
        resource.singular = entry.value(QLatin1String("singularName")).toString();
        resource.kind = entry.value(QLatin1String("kind")).toString();
        resource.namespaced = entry.value(QLatin1String("namespaced")).toBool();
        resource.verbs = stringList(entry.value(QLatin1String("verbs")));
        resource.shortNames = stringList(entry.value(QLatin1String("shortNames")));
        resource.categories = stringList(entry.value(QLatin1String("categories")));
        if (resource.singular.isEmpty()) {
            resource.singular = resource.kind.toLower(); // older servers leave singularName empty
        }
        group.resources.append(resource);
    }
    for (const QJsonObject& entry : subresourceEntries) {
        const QString name = entry.value(QLatin1String("name")).toString();
        const QString parent = name.section(QLatin1Char('/'), 0, 0);
        for (ApiResource& resource : group.resources) {
            if (resource.resource != parent) {
                continue;
            }
            ApiSubresource subresource;
            subresource.name = name.section(QLatin1Char('/'), 1);
            // An entry names its own group/version only when they differ from the list's (scale).
            subresource.group = entry.value(QLatin1String("group")).toString(group.info.name);
            subresource.version = entry.value(QLatin1String("version")).toString(version);
            subresource.kind = entry.value(QLatin1String("kind")).toString();
            subresource.verbs = stringList(entry.value(QLatin1String("verbs")));
            resource.subresources.append(subresource);
        }
    }
    groups->append(group);
    return true;
}

} // namespace binnacle::client::detail
