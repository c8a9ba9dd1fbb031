#pragma once

// Shared by the reflector's integration tests: a simulator with a transport (transporttesting.h), a
// namespace of ConfigMaps to watch, writes made straight into the simulator's storage, and a cache model
// built only from the reflector's signals — which must end up equal to the server's state.
#include "faultinjector.h"
#include "reflector.h"
#include "resourcestorage.h"
#include "transporttesting.h"

#include <QHash>
#include <QSet>

namespace testing {

using binnacle::client::ObjectSummary;
using binnacle::client::WatchEvent;
using binnacle::watch::Reflector;
using binnacle::watch::ReflectorOptions;
using binnacle::watch::ReflectorState;
using binnacle::watch::ReflectorStatus;
using binnacle::watch::WatchTarget;

inline const QString testNamespace = QStringLiteral("reflected");

inline binnacle::client::ApiResource configMapsResource() {
    binnacle::client::ApiResource resource;
    resource.version = QStringLiteral("v1");
    resource.resource = QStringLiteral("configmaps");
    resource.singular = QStringLiteral("configmap");
    resource.kind = QStringLiteral("ConfigMap");
    resource.namespaced = true;
    resource.verbs = QStringList{QStringLiteral("list"), QStringLiteral("watch")};
    return resource;
}

inline WatchTarget configMapsTarget(WatchTarget::Form form = WatchTarget::Form::Objects) {
    WatchTarget target;
    target.resource = configMapsResource();
    target.namespaceName = testNamespace;
    target.form = form;
    return target;
}

// Writes into the simulator directly (no HTTP), so that a test can change the data at an exact moment,
// e.g. while the reflector's watch is down. Each returns the new resourceVersion, or -1.
class Writer {
public:
    explicit Writer(binnacle::sim::Simulator* simulator)
        : m_storage(simulator->storage()) {}

    bool createNamespace() {
        const auto& type = m_storage->type(QString(), QStringLiteral("namespaces"));
        return m_storage
            ->create(type, QString(),
                     QJsonObject{{"apiVersion", "v1"},
                                 {"kind", "Namespace"},
                                 {"metadata", QJsonObject{{"name", testNamespace}}}})
            .ok();
    }
    qint64 create(const QString& name, const QString& value = QStringLiteral("1")) {
        return rv(m_storage->create(configMaps(), testNamespace, configMap(name, value)));
    }
    qint64 modify(const QString& name, const QString& value) {
        return rv(m_storage->update(configMaps(), testNamespace, name, configMap(name, value)));
    }
    qint64 remove(const QString& name) { return rv(m_storage->remove(configMaps(), testNamespace, name)); }
    // name -> resourceVersion, as the server holds them now.
    QHash<QString, QString> serverState() const {
        QHash<QString, QString> state;
        for (const auto& object : m_storage->list(configMaps(), testNamespace)) {
            state.insert(testNamespace + QLatin1Char('/') + object->name(),
                         QString::number(object->resourceVersion));
        }
        return state;
    }

private:
    const binnacle::sim::ResourceType& configMaps() const {
        return m_storage->type(QString(), QStringLiteral("configmaps"));
    }
    static QJsonObject configMap(const QString& name, const QString& value) {
        return QJsonObject{{"apiVersion", "v1"},
                           {"kind", "ConfigMap"},
                           {"metadata", QJsonObject{{"name", name}, {"namespace", testNamespace}}},
                           {"data", QJsonObject{{"value", value}}}};
    }
    // The store's newest version: a DELETED event carries the deletion's version, which the result's
    // object (the last state) does not.
    qint64 rv(const binnacle::sim::WriteResult& result) const {
        return result.ok() ? m_storage->store()->resourceVersion() : -1;
    }
    binnacle::sim::ResourceStorage* m_storage;
};

// A cache built from the signals alone, as an informer would, that notes every event it could not apply
// cleanly (an ADDED for a key it holds, a MODIFIED or DELETED for one it lacks, an old resourceVersion):
// those would be duplicated or lost events.
struct CacheModel {
    QHash<QString, ObjectSummary> objects;
    QHash<QString, ObjectSummary> pending; // the snapshot being listed
    int listStarted = 0;
    int listFinished = 0;
    QList<int> pageSizes;
    QString listResourceVersion;
    QList<WatchEvent> events;
    QList<int> batchSizes;
    QStringList problems;
    QList<ReflectorStatus> statuses;
    int columnChanges = 0;

    void attach(Reflector* reflector) {
        QObject::connect(reflector, &Reflector::listStarted, reflector, [this] {
            ++listStarted;
            pending.clear();
        });
        QObject::connect(reflector, &Reflector::listPage, reflector,
                         [this](const QList<ObjectSummary>& page) {
                             pageSizes.append(int(page.size()));
                             for (const ObjectSummary& object : page) {
                                 if (pending.contains(object.key())) {
                                     problems.append(QStringLiteral("listed twice: ") + object.key());
                                 }
                                 pending.insert(object.key(), object);
                             }
                         });
        QObject::connect(reflector, &Reflector::listFinished, reflector, [this](const QString& rv) {
            ++listFinished;
            listResourceVersion = rv;
            objects = std::exchange(pending, {});
        });
        QObject::connect(reflector, &Reflector::eventsReceived, reflector,
                         [this](const QList<WatchEvent>& batch) { apply(batch); });
        QObject::connect(reflector, &Reflector::statusChanged, reflector,
                         [this](const ReflectorStatus& status) { statuses.append(status); });
        QObject::connect(reflector, &Reflector::tableColumnsChanged, reflector, [this] { ++columnChanges; });
    }

    void apply(const QList<WatchEvent>& batch) {
        batchSizes.append(int(batch.size()));
        for (const WatchEvent& event : batch) {
            events.append(event);
            const QString key = event.object.key();
            const auto existing = objects.constFind(key);
            const bool known = existing != objects.constEnd();
            if (known && existing->resourceVersion.toLongLong() >= event.resourceVersion.toLongLong()) {
                problems.append(
                    QStringLiteral("old or repeated version %1 of %2").arg(event.resourceVersion, key));
            }
            switch (event.type) {
            case WatchEvent::Type::Added:
                if (known) {
                    problems.append(QStringLiteral("added twice: ") + key);
                }
                objects.insert(key, event.object);
                break;
            case WatchEvent::Type::Modified:
                if (!known) {
                    problems.append(QStringLiteral("modified unknown: ") + key);
                }
                objects.insert(key, event.object);
                break;
            case WatchEvent::Type::Deleted:
                if (!known) {
                    problems.append(QStringLiteral("deleted unknown: ") + key);
                }
                objects.remove(key);
                break;
            default:
                problems.append(QStringLiteral("bookmark or error delivered as an event"));
            }
        }
    }

    QHash<QString, QString> state() const {
        QHash<QString, QString> state;
        for (auto it = objects.cbegin(); it != objects.cend(); ++it) {
            state.insert(it.key(), it->resourceVersion);
        }
        return state;
    }
    // How many delivered events carry this resourceVersion.
    int eventsWithVersion(qint64 rv) const {
        const QString text = QString::number(rv);
        return int(std::count_if(events.cbegin(), events.cend(),
                                 [&](const WatchEvent& event) { return event.resourceVersion == text; }));
    }
    bool sawState(ReflectorState state) const {
        return std::any_of(statuses.cbegin(), statuses.cend(),
                           [&](const ReflectorStatus& status) { return status.state == state; });
    }
};

constexpr int timeoutMs = 15000;

// Short real waits between attempts, so that reconnects happen quickly.
inline ReflectorOptions fastOptions(int pageSize = 500) {
    ReflectorOptions options;
    options.pageSize = pageSize;
    options.initialBackoff = std::chrono::milliseconds(20);
    options.maxBackoff = std::chrono::milliseconds(200);
    return options;
}

// A simulator with the watched namespace, a transport to it, and reflectors on that transport.
struct Fixture {
    Cluster cluster;
    std::unique_ptr<Writer> writer;

    bool start() {
        cluster = startCluster();
        if (!cluster.transport) {
            return false;
        }
        writer = std::make_unique<Writer>(cluster.simulator.get());
        return writer->createNamespace();
    }
    std::unique_ptr<Reflector> reflector(ReflectorOptions options = fastOptions(),
                                         WatchTarget target = configMapsTarget()) {
        return std::make_unique<Reflector>(cluster.transport.get(), std::move(target), std::move(options));
    }
};

inline bool isLive(const Reflector& reflector) {
    return reflector.status().state == ReflectorState::Live;
}

} // namespace testing
