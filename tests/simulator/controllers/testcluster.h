#pragma once

// An in-process simulated cluster for the controller tests: a real ObjectStore, ResourceRegistry and
// ResourceStorage, a few Ready nodes, and the ControllerManager running with a small time scale.
#include "controllermanager.h"
#include "controllerutil.h"
#include "objectstore.h"
#include "resourceregistry.h"
#include "resourcestorage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <memory>

namespace binnacle::sim::testing {

inline QJsonObject json(const char* text) {
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

class TestCluster {
public:
    explicit TestCluster(int nodeCount = 2, double timeScale = 0.01)
        : store(std::make_unique<ObjectStore>())
        , registry(std::make_unique<ResourceRegistry>())
        , storage(std::make_unique<ResourceStorage>(store.get(), registry.get())) {
        storage->setRandomSeed(7);
        for (const char* name : {"default", "kube-node-lease"}) {
            createObject(QString(), QStringLiteral("namespaces"),
                         QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                     {QStringLiteral("kind"), QStringLiteral("Namespace")},
                                     {QStringLiteral("metadata"),
                                      QJsonObject{{QStringLiteral("name"), QLatin1String(name)}}}});
        }
        for (int i = 0; i < nodeCount; ++i) {
            addNode(QStringLiteral("node-%1").arg(i), QStringLiteral("192.168.8.%1").arg(10 + i));
        }
        manager = std::make_unique<ControllerManager>(storage.get(), ControllerOptions{timeScale, 42});
        manager->start();
    }

    ~TestCluster() { manager.reset(); }

    const ResourceType& type(const char* group, const char* resource) const {
        return storage->type(QLatin1String(group), QLatin1String(resource));
    }

    ObjectPtr createObject(const QString& group, const QString& resource, const QJsonObject& object,
                           const QString& namespaceName = QString()) {
        const WriteResult result = storage->create(storage->type(group, resource), namespaceName, object);
        if (!result.ok()) {
            qWarning() << "create failed:" << result.error->message;
        }
        return result.object;
    }

    ObjectPtr create(const char* group, const char* resource, const char* yamlLikeJson,
                     const QString& namespaceName = QStringLiteral("default")) {
        return createObject(QLatin1String(group), QLatin1String(resource), json(yamlLikeJson), namespaceName);
    }

    void addNode(const QString& name, const QString& ip, const QJsonObject& extraSpec = {}) {
        const ObjectPtr node = createObject(
            QString(), QStringLiteral("nodes"),
            QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                        {QStringLiteral("kind"), QStringLiteral("Node")},
                        {QStringLiteral("metadata"),
                         QJsonObject{{QStringLiteral("name"), name},
                                     {QStringLiteral("labels"),
                                      QJsonObject{{QStringLiteral("kubernetes.io/hostname"), name}}}}},
                        {QStringLiteral("spec"), extraSpec}});
        // Status is not taken on create: report the address as the kubelet would.
        QJsonObject withStatus = node->object;
        withStatus.insert(
            QStringLiteral("status"),
            QJsonObject{{QStringLiteral("addresses"),
                         QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("InternalIP")},
                                                {QStringLiteral("address"), ip}}}}});
        WriteOptions options;
        options.subresource = QStringLiteral("status");
        storage->update(type("", "nodes"), QString(), name, withStatus, options);
    }

    ObjectPtr get(const char* group, const char* resource, const QString& name,
                  const QString& namespaceName = QStringLiteral("default")) const {
        const ResourceType& resourceType = type(group, resource);
        return storage->get(resourceType, resourceType.namespaced ? namespaceName : QString(), name);
    }

    QList<ObjectPtr> list(const char* group, const char* resource,
                          const QString& namespaceName = QStringLiteral("default")) const {
        const ResourceType& resourceType = type(group, resource);
        return storage->list(resourceType, resourceType.namespaced ? namespaceName : QString());
    }

    // Reads a value by dotted path ("status.readyReplicas") from an object, or an undefined value.
    static QJsonValue at(const ObjectPtr& object, const QString& path) {
        if (!object) {
            return QJsonValue(QJsonValue::Undefined);
        }
        QJsonValue current = object->object;
        for (const QString& part : path.split(QLatin1Char('.'))) {
            current = current.toObject().value(part);
        }
        return current;
    }

    int intAt(const char* group, const char* resource, const QString& name, const char* path) const {
        return at(get(group, resource, name), QLatin1String(path)).toInt();
    }

    QList<ObjectPtr> podsWithLabel(const QString& key, const QString& value) const {
        QList<ObjectPtr> pods;
        for (const ObjectPtr& pod : list("", "pods")) {
            if (objects::labels(pod->object).value(key).toString() == value) {
                pods.append(pod);
            }
        }
        return pods;
    }

    int readyPodsWithLabel(const QString& key, const QString& value) const {
        int ready = 0;
        for (const ObjectPtr& pod : podsWithLabel(key, value)) {
            ready += objects::isPodReady(pod->object) && !objects::isDeleting(pod->object) ? 1 : 0;
        }
        return ready;
    }

    QStringList eventReasons(const QString& involvedName,
                             const QString& namespaceName = QStringLiteral("default")) const {
        QStringList reasons;
        for (const ObjectPtr& event : list("", "events", namespaceName)) {
            if (event->object.value(QLatin1String("involvedObject"))
                    .toObject()
                    .value(QLatin1String("name"))
                    .toString() == involvedName) {
                reasons.append(event->object.value(QLatin1String("reason")).toString());
            }
        }
        return reasons;
    }

    std::unique_ptr<ObjectStore> store;
    std::unique_ptr<ResourceRegistry> registry;
    std::unique_ptr<ResourceStorage> storage;
    std::unique_ptr<ControllerManager> manager;
};

constexpr int kTimeout = 15000;

} // namespace binnacle::sim::testing
