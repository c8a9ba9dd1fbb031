#pragma once

#include "resourcetype.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <memory>

namespace binnacle::sim {

// Every resource the server serves: the built-in ones and those that CustomResourceDefinitions add.
// Discovery and routing read from here; it signals when a CRD comes or goes.
class ResourceRegistry : public QObject {
    Q_OBJECT
public:
    explicit ResourceRegistry(QObject* parent = nullptr);

    // By group and plural resource name, whatever the version.
    std::shared_ptr<const ResourceType> find(const QString& group, const QString& resource) const;
    // By group and kind (for ownerReferences, events' involvedObject).
    std::shared_ptr<const ResourceType> findKind(const QString& group, const QString& kind) const;
    std::shared_ptr<const ResourceType> findKey(const QString& key) const { return m_types.value(key); }
    QList<std::shared_ptr<const ResourceType>> all() const;
    // Groups in discovery order (core first, then built-in groups in a fixed order, then custom groups).
    QStringList groups() const;
    QList<std::shared_ptr<const ResourceType>> inGroup(const QString& group) const;
    // An ETag for the discovery documents: changes whenever the set of resources does.
    QByteArray discoveryHash() const;

    // Serves (or stops serving) the resources an established CustomResourceDefinition defines.
    void serveCustomResource(const QJsonObject& crd);
    void removeCustomResource(const QString& crdName);

Q_SIGNALS:
    void changed();

private:
    void add(const ResourceType& type);

    QHash<QString, std::shared_ptr<const ResourceType>> m_types;
    QStringList m_groupOrder;
    int m_generation = 0;
};

} // namespace binnacle::sim
