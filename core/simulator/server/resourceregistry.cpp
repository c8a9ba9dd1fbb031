#include "resourceregistry.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace binnacle::sim {

ResourceRegistry::ResourceRegistry(QObject* parent)
    : QObject(parent) {
    for (const ResourceType& type : builtinResourceTypes()) {
        add(type);
    }
}

void ResourceRegistry::add(const ResourceType& type) {
    m_types.insert(type.key(), std::make_shared<const ResourceType>(type));
    if (!m_groupOrder.contains(type.group)) {
        m_groupOrder.append(type.group);
    }
    ++m_generation;
}

std::shared_ptr<const ResourceType> ResourceRegistry::find(const QString& group,
                                                           const QString& resource) const {
    return m_types.value(group + QLatin1Char('/') + resource);
}

std::shared_ptr<const ResourceType> ResourceRegistry::findKind(const QString& group,
                                                               const QString& kind) const {
    for (const auto& type : m_types) {
        if (type->group == group && type->kind == kind) {
            return type;
        }
    }
    return nullptr;
}

QList<std::shared_ptr<const ResourceType>> ResourceRegistry::all() const {
    QList<std::shared_ptr<const ResourceType>> result;
    for (const QString& group : m_groupOrder) {
        result.append(inGroup(group));
    }
    return result;
}

QStringList ResourceRegistry::groups() const {
    return m_groupOrder;
}

QList<std::shared_ptr<const ResourceType>> ResourceRegistry::inGroup(const QString& group) const {
    QList<std::shared_ptr<const ResourceType>> result;
    for (const auto& type : m_types) {
        if (type->group == group) {
            result.append(type);
        }
    }
    std::sort(result.begin(), result.end(),
              [](const auto& a, const auto& b) { return a->resource < b->resource; });
    return result;
}

QByteArray ResourceRegistry::discoveryHash() const {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto& type : all()) {
        hash.addData(type->key().toUtf8());
        hash.addData(type->versions.join(QLatin1Char(',')).toUtf8());
    }
    return hash.result().toHex().left(32).toUpper();
}

void ResourceRegistry::serveCustomResource(const QJsonObject& crd) {
    const QJsonObject spec = crd.value(QLatin1String("spec")).toObject();
    const QJsonObject names = spec.value(QLatin1String("names")).toObject();
    ResourceType type;
    type.custom = true;
    type.crdName = crd.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    type.group = spec.value(QLatin1String("group")).toString();
    type.resource = names.value(QLatin1String("plural")).toString();
    type.singular = names.value(QLatin1String("singular")).toString();
    if (type.singular.isEmpty()) {
        type.singular = names.value(QLatin1String("kind")).toString().toLower();
    }
    type.kind = names.value(QLatin1String("kind")).toString();
    type.namespaced = spec.value(QLatin1String("scope")).toString() != QLatin1String("Cluster");
    for (const QJsonValue& v : names.value(QLatin1String("shortNames")).toArray()) {
        type.shortNames.append(v.toString());
    }
    for (const QJsonValue& v : names.value(QLatin1String("categories")).toArray()) {
        type.categories.append(v.toString());
    }
    type.verbs = {QStringLiteral("delete"), QStringLiteral("deletecollection"),
                  QStringLiteral("get"),    QStringLiteral("list"),
                  QStringLiteral("patch"),  QStringLiteral("create"),
                  QStringLiteral("update"), QStringLiteral("watch")};
    bool hasStatus = false;
    bool hasScale = false;
    // Storage version first, then the other served versions: discovery lists the preferred one first.
    QStringList versions;
    for (const QJsonValue& value : spec.value(QLatin1String("versions")).toArray()) {
        const QJsonObject version = value.toObject();
        if (!version.value(QLatin1String("served")).toBool(true)) {
            continue;
        }
        const QString name = version.value(QLatin1String("name")).toString();
        if (version.value(QLatin1String("storage")).toBool()) {
            versions.prepend(name);
        } else {
            versions.append(name);
        }
        type.printerColumnsByVersion.insert(
            name, version.value(QLatin1String("additionalPrinterColumns")).toArray());
        const QJsonObject subresources = version.value(QLatin1String("subresources")).toObject();
        hasStatus = hasStatus || subresources.contains(QLatin1String("status"));
        if (subresources.contains(QLatin1String("scale"))) {
            hasScale = true;
            type.scalePaths = subresources.value(QLatin1String("scale")).toObject();
        }
        for (const QJsonValue& field : version.value(QLatin1String("selectableFields")).toArray()) {
            type.selectableFields.append(field.toObject().value(QLatin1String("jsonPath")).toString().mid(1));
        }
    }
    type.versions = versions;
    const QStringList getPatchUpdate{QStringLiteral("get"), QStringLiteral("patch"),
                                     QStringLiteral("update")};
    if (hasStatus) {
        type.subresources.append(Subresource{QStringLiteral("status"), type.group, type.preferredVersion(),
                                             type.kind, getPatchUpdate});
    }
    if (hasScale) {
        type.subresources.append(Subresource{QStringLiteral("scale"), QStringLiteral("autoscaling"),
                                             QStringLiteral("v1"), QStringLiteral("Scale"), getPatchUpdate});
    }
    if (type.resource.isEmpty() || type.versions.isEmpty()) {
        return;
    }
    add(type);
    Q_EMIT changed();
}

void ResourceRegistry::removeCustomResource(const QString& crdName) {
    for (auto it = m_types.begin(); it != m_types.end();) {
        if (it.value()->custom && it.value()->crdName == crdName) {
            it = m_types.erase(it);
            ++m_generation;
        } else {
            ++it;
        }
    }
    QStringList stillServed;
    for (const auto& type : m_types) {
        stillServed.append(type->group);
    }
    m_groupOrder.erase(std::remove_if(m_groupOrder.begin(), m_groupOrder.end(),
                                      [&](const QString& group) { return !stillServed.contains(group); }),
                       m_groupOrder.end());
    Q_EMIT changed();
}

} // namespace binnacle::sim
