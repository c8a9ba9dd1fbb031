#pragma once

#include "objectstore.h"
#include "resourceregistry.h"
#include "resourcestorage.h"

#include <QJsonArray>
#include <QJsonObject>

// An in-process simulated cluster's data layer, with a fixed clock so that seeded objects compare equal.
struct SimCluster {
    binnacle::sim::ObjectStore store;
    binnacle::sim::ResourceRegistry registry;
    binnacle::sim::ResourceStorage storage{&store, &registry};

    SimCluster() {
        storage.setClock([] { return QDateTime(QDate(2025, 5, 6), QTime(7, 8, 9), Qt::UTC); });
    }

    QList<binnacle::sim::ObjectPtr> list(const QString& group, const QString& resource,
                                         const QString& namespaceName = QString()) const {
        const auto type = registry.find(group, resource);
        return type ? storage.list(*type, namespaceName) : QList<binnacle::sim::ObjectPtr>();
    }

    binnacle::sim::ObjectPtr get(const QString& group, const QString& resource, const QString& namespaceName,
                                 const QString& name) const {
        const auto type = registry.find(group, resource);
        return type ? storage.get(*type, namespaceName, name) : nullptr;
    }
};

inline QJsonValue at(const QJsonObject& object, const QStringList& path) {
    QJsonValue value = object;
    for (const QString& key : path) {
        value = value.isArray() ? value.toArray().at(key.toInt()) : value.toObject().value(key);
    }
    return value;
}
