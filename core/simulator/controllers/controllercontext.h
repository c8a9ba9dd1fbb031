#pragma once

#include "resourcestorage.h"

#include <QString>
#include <memory>

namespace binnacle::sim {

class EventRecorder;

struct ControllerOptions {
    // Multiplies every simulated delay (pod start-up, back-off, heartbeats, resyncs): 1.0 is real time,
    // 0.01 makes a 2 s container start take 20 ms. Cron schedules and timestamps still follow the clock.
    double timeScale = 1.0;
    // Seeds the names the controllers generate (pod suffixes, IPs), so a run is reproducible.
    quint32 seed = 1;
};

// What every controller shares: the storage it acts through, the time scale, a seeded random source
// and the event recorder.
class OwnerIndex;

class ControllerContext {
public:
    ControllerContext(ResourceStorage* storage, ControllerOptions options);
    ~ControllerContext();
    ControllerContext(const ControllerContext&) = delete;
    ControllerContext& operator=(const ControllerContext&) = delete;

    ResourceStorage* storage() const { return m_storage; }
    ObjectStore* store() const { return m_storage->store(); }
    const ResourceType& type(const QString& group, const QString& resource) const {
        return m_storage->type(group, resource);
    }
    QDateTime now() const { return m_storage->now(); }
    EventRecorder& events() const { return *m_events; }
    // Pods by controller uid, kept current (built on first use).
    const OwnerIndex& podOwners();

    double timeScale() const { return m_options.timeScale; }
    // A simulated delay in milliseconds, scaled for the QTimer that waits it.
    int scaled(int simulatedMs) const;

    quint32 nextRandom();
    // Five characters from kube's name alphabet, like generateName suffixes.
    QString randomSuffix(int length = 5);

    static WriteOptions writeOptions(const QString& fieldManager, const QString& subresource = QString());

private:
    ResourceStorage* m_storage;
    ControllerOptions m_options;
    quint64 m_randomState;
    EventRecorder* m_events;
    std::unique_ptr<OwnerIndex> m_podOwners;
};

} // namespace binnacle::sim
