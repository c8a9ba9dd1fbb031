#include "discoveryparsing.h"

#include <QJsonArray>

namespace binnacle::client::detail {

namespace {

QString text(const QJsonObject& object, const char* key) {
    return object.value(QLatin1String(key)).toString();
}

// responseKind may be null (subresource-only entries); then the fields stay empty.
void readResponseKind(const QJsonValue& value, QString* group, QString* version, QString* kind) {
    const QJsonObject responseKind = value.toObject();
    *group = text(responseKind, "group");
    *version = text(responseKind, "version");
    *kind = text(responseKind, "kind");
}

ApiResource readResource(const QJsonObject& entry, const QString& group, const QString& version) {
    ApiResource resource;
    resource.group = group;
    resource.version = version;
    resource.resource = text(entry, "resource");
    resource.singular = text(entry, "singularResource");
    resource.namespaced = text(entry, "scope") == QLatin1String("Namespaced");
    QString kindGroup;
    QString kindVersion;
    readResponseKind(entry.value(QLatin1String("responseKind")), &kindGroup, &kindVersion, &resource.kind);
    resource.verbs = stringList(entry.value(QLatin1String("verbs")));
    resource.shortNames = stringList(entry.value(QLatin1String("shortNames")));
    resource.categories = stringList(entry.value(QLatin1String("categories")));
    for (const QJsonValue& value : entry.value(QLatin1String("subresources")).toArray()) {
        const QJsonObject sub = value.toObject();
        ApiSubresource subresource;
        subresource.name = text(sub, "subresource");
        readResponseKind(sub.value(QLatin1String("responseKind")), &subresource.group, &subresource.version,
                         &subresource.kind);
        subresource.verbs = stringList(sub.value(QLatin1String("verbs")));
        resource.subresources.append(subresource);
    }
    return resource;
}

} // namespace

bool parseAggregatedDiscovery(const QJsonObject& document, QList<ParsedGroup>* groups, QString* error) {
    const QString apiVersion = text(document, "apiVersion");
    if (apiVersion != QLatin1String("apidiscovery.k8s.io/v2") &&
        apiVersion != QLatin1String("apidiscovery.k8s.io/v2beta1")) {
        *error = QStringLiteral("unsupported aggregated discovery version %1").arg(apiVersion);
        return false;
    }
    for (const QJsonValue& itemValue : document.value(QLatin1String("items")).toArray()) {
        const QJsonObject item = itemValue.toObject();
        ParsedGroup group;
        group.info.name =
            item.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        // versions are sorted most preferred first (apidiscovery/v2 types.go)
        for (const QJsonValue& versionValue : item.value(QLatin1String("versions")).toArray()) {
            const QJsonObject versionEntry = versionValue.toObject();
            const QString version = text(versionEntry, "version");
            if (version.isEmpty()) {
                continue;
            }
            group.info.versions.append(version);
            if (text(versionEntry, "freshness") == QLatin1String("Stale")) {
                group.info.staleVersions.append(version);
            }
            for (const QJsonValue& resourceValue : versionEntry.value(QLatin1String("resources")).toArray()) {
                group.resources.append(readResource(resourceValue.toObject(), group.info.name, version));
            }
        }
        if (!group.info.versions.isEmpty()) {
            group.info.preferredVersion = group.info.versions.first();
        }
        groups->append(group);
    }
    return true;
}

} // namespace binnacle::client::detail
