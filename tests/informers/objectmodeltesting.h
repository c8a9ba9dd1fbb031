#pragma once

// Writes objects of any built-in kind straight into the simulator's storage (no HTTP), so that a test
// decides exactly when the server's data changes, and describes an ObjectModel's lists as text.
#include "eventsmodel.h"
#include "relatedobjectsmodel.h"
#include "resourcestorage.h"
#include "simulator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace testing {

class ObjectWriter {
public:
    ObjectWriter(binnacle::sim::Simulator* simulator, QString namespaceName)
        : m_storage(simulator->storage())
        , m_namespace(std::move(namespaceName)) {}

    bool createNamespace() {
        return m_storage
            ->create(type({}, "namespaces"), {},
                     QJsonObject{{"apiVersion", "v1"},
                                 {"kind", "Namespace"},
                                 {"metadata", QJsonObject{{"name", m_namespace}}}})
            .ok();
    }
    // The new object's uid, or empty.
    QString create(const QString& group, const QString& plural, QJsonObject object) {
        QJsonObject metadata = object.value("metadata").toObject();
        metadata.insert("namespace", m_namespace);
        object.insert("metadata", metadata);
        const auto result = m_storage->create(type(group, plural), m_namespace, object);
        if (!result.ok()) {
            qWarning("create %s failed: %s", qPrintable(plural), qPrintable(result.error->message));
            return {};
        }
        return result.object->object.value("metadata").toObject().value("uid").toString();
    }
    bool update(const QString& group, const QString& plural, QJsonObject object) {
        QJsonObject metadata = object.value("metadata").toObject();
        metadata.insert("namespace", m_namespace);
        object.insert("metadata", metadata);
        return m_storage->update(type(group, plural), m_namespace, metadata.value("name").toString(), object)
            .ok();
    }
    bool remove(const QString& group, const QString& plural, const QString& name) {
        binnacle::sim::DeleteOptions options;
        options.gracePeriodSeconds = 0;
        return m_storage->remove(type(group, plural), m_namespace, name, options).ok();
    }
    QJsonObject get(const QString& group, const QString& plural, const QString& name) const {
        const auto object = m_storage->get(type(group, plural), m_namespace, name);
        return object ? object->object : QJsonObject();
    }

private:
    const binnacle::sim::ResourceType& type(const QString& group, const char* plural) const {
        return m_storage->type(group, QLatin1String(plural));
    }
    const binnacle::sim::ResourceType& type(const QString& group, const QString& plural) const {
        return m_storage->type(group, plural);
    }
    binnacle::sim::ResourceStorage* m_storage;
    QString m_namespace;
};

inline QJsonObject metadata(const QString& name, const QJsonObject& labels = {},
                            const QJsonArray& owners = {}) {
    QJsonObject result{{"name", name}};
    if (!labels.isEmpty()) {
        result.insert("labels", labels);
    }
    if (!owners.isEmpty()) {
        result.insert("ownerReferences", owners);
    }
    return result;
}

inline QJsonArray ownedBy(const QString& apiVersion, const QString& kind, const QString& name,
                          const QString& uid) {
    return QJsonArray{QJsonObject{
        {"apiVersion", apiVersion}, {"kind", kind}, {"name", name}, {"uid", uid}, {"controller", true}}};
}

inline QJsonObject podSpec(const QJsonObject& extra = {}) {
    QJsonObject container{{"name", "main"}, {"image", "nginx:1.27"}};
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it) {
        if (it.key() == QLatin1String("env") || it.key() == QLatin1String("envFrom")) {
            container.insert(it.key(), it.value());
        }
    }
    QJsonObject spec{{"containers", QJsonArray{container}}};
    if (extra.contains("volumes")) {
        spec.insert("volumes", extra.value("volumes"));
    }
    return spec;
}

inline QJsonObject pod(const QString& name, const QJsonObject& labels, const QJsonArray& owners = {},
                       const QJsonObject& extra = {}) {
    return QJsonObject{{"apiVersion", "v1"},
                       {"kind", "Pod"},
                       {"metadata", metadata(name, labels, owners)},
                       {"spec", podSpec(extra)}};
}

inline QJsonObject workload(const QString& kind, const QString& name, const QJsonObject& labels,
                            const QJsonArray& owners = {}) {
    return QJsonObject{
        {"apiVersion", "apps/v1"},
        {"kind", kind},
        {"metadata", metadata(name, labels, owners)},
        {"spec", QJsonObject{{"replicas", 2},
                             {"selector", QJsonObject{{"matchLabels", labels}}},
                             {"template", QJsonObject{{"metadata", QJsonObject{{"labels", labels}}},
                                                      {"spec", podSpec()}}}}}};
}

inline QJsonObject configMap(const QString& name, const QString& value = QStringLiteral("1")) {
    return QJsonObject{{"apiVersion", "v1"},
                       {"kind", "ConfigMap"},
                       {"metadata", metadata(name)},
                       {"data", QJsonObject{{"value", value}}}};
}

inline QJsonObject secret(const QString& name) {
    return QJsonObject{{"apiVersion", "v1"},
                       {"kind", "Secret"},
                       {"metadata", metadata(name)},
                       {"stringData", QJsonObject{{"pw", "hunter2"}}}};
}

inline QJsonObject claim(const QString& name) {
    return QJsonObject{
        {"apiVersion", "v1"},
        {"kind", "PersistentVolumeClaim"},
        {"metadata", metadata(name)},
        {"spec", QJsonObject{{"accessModes", QJsonArray{"ReadWriteOnce"}},
                             {"resources", QJsonObject{{"requests", QJsonObject{{"storage", "1Gi"}}}}}}}};
}

inline QJsonObject service(const QString& name, const QJsonObject& selector) {
    return QJsonObject{
        {"apiVersion", "v1"},
        {"kind", "Service"},
        {"metadata", metadata(name)},
        {"spec", QJsonObject{{"selector", selector}, {"ports", QJsonArray{QJsonObject{{"port", 80}}}}}}};
}

// For podSpec()/pod(): PVC "data" and ConfigMap "cm-a" as volumes, ConfigMap "cm-b" as envFrom, Secret
// "sec-a" through env PASSWORD.
inline QJsonObject volumesAndEnv() {
    return QJsonObject{
        {"volumes", QJsonArray{QJsonObject{{"name", "data"},
                                           {"persistentVolumeClaim", QJsonObject{{"claimName", "data"}}}},
                               QJsonObject{{"name", "conf"}, {"configMap", QJsonObject{{"name", "cm-a"}}}}}},
        {"envFrom", QJsonArray{QJsonObject{{"configMapRef", QJsonObject{{"name", "cm-b"}}}}}},
        {"env",
         QJsonArray{QJsonObject{
             {"name", "PASSWORD"},
             {"valueFrom", QJsonObject{{"secretKeyRef", QJsonObject{{"name", "sec-a"}, {"key", "pw"}}}}}}}}};
}

inline QJsonObject eventObject(const QString& name, const QString& involvedUid, const QString& reason,
                               const QString& lastTimestamp, int count = 1,
                               const QString& type = QStringLiteral("Normal")) {
    return QJsonObject{
        {"apiVersion", "v1"},
        {"kind", "Event"},
        {"metadata", metadata(name)},
        {"involvedObject", QJsonObject{{"kind", "ConfigMap"}, {"name", "settings"}, {"uid", involvedUid}}},
        {"reason", reason},
        {"message", reason + QStringLiteral(" happened")},
        {"type", type},
        {"count", count},
        {"firstTimestamp", "2026-01-01T10:00:00Z"},
        {"lastTimestamp", lastTimestamp},
        {"source", QJsonObject{{"component", "kubelet"}, {"host", "node-1"}}}};
}

// "relation depth Kind/name status found", one per row, in the model's order.
inline QStringList describe(const binnacle::RelatedObjectsModel& model) {
    QStringList rows;
    for (const binnacle::RelatedObject& row : model.rows()) {
        rows.append(QStringLiteral("%1 %2 %3/%4%5")
                        .arg(binnacle::RelatedObject::relationName(row.relation))
                        .arg(row.depth)
                        .arg(row.kind, row.name, row.found ? QString() : QStringLiteral(" missing")));
    }
    return rows;
}

// "reason xcount", newest first.
inline QStringList describe(const binnacle::EventsModel& model) {
    QStringList rows;
    for (int row = 0; row < model.count(); ++row) {
        rows.append(QStringLiteral("%1 x%2").arg(model.eventAt(row).reason).arg(model.eventAt(row).count));
    }
    return rows;
}

} // namespace testing
