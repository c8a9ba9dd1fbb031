#pragma once

// Shared by bench_informers and bench_informers_gui: a simulator process reached through the kubeconfig it
// wrote, a ClusterTransport on a thread of its own (as the dashboard runs it, so that informers parse off
// the GUI thread), the simulator's control endpoints, and the process's memory.
#include "backgroundthread.h"
#include "clustertransport.h"
#include "reflector.h"
#include "resourcetablemodel.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QThread>
#include <functional>
#include <memory>

namespace bench {

struct SimulatorAccess {
    QUrl server;
    QByteArray caPem;
    QString token; // the sim-admin context's bearer token
};

// Reads the sim-admin context of the kubeconfig binnacle-sim wrote; nullopt with `error` set otherwise.
std::optional<SimulatorAccess> readKubeconfig(const QString& file, QString* error);

// A ClusterTransport created on, and living on, a worker thread.
class TransportThread {
public:
    explicit TransportThread(const SimulatorAccess& access);
    ~TransportThread();
    binnacle::transport::ClusterTransport* transport() const { return m_transport; }
    // For the informers' stores, as the dashboard has (ClusterConnection's store worker).
    QThread* storeThread() { return &m_storeThread; }

private:
    binnacle::BackgroundThread m_thread; // as the dashboard's ClusterConnection has
    binnacle::BackgroundThread m_storeThread;
    QObject m_anchor; // lives on m_thread: where the transport is created
    binnacle::transport::CredentialProvider* m_credentials = nullptr;
    binnacle::transport::ClusterTransport* m_transport = nullptr;
};

// POSTs to the simulator's /binnacle-sim/ endpoints from the calling thread, asynchronously.
class SimulatorControl {
public:
    explicit SimulatorControl(const SimulatorAccess& access);
    using Done = std::function<void(const QJsonObject& answer, const QString& error)>;
    void post(const QString& endpoint, const QJsonObject& body, Done done);
    // Waits (event loop) for the answer; for set-up steps only.
    QJsonObject postAndWait(const QString& endpoint, const QJsonObject& body);

private:
    SimulatorAccess m_access;
    QNetworkAccessManager m_network;
};

struct Memory {
    qint64 rssKb = 0;
    qint64 peakKb = 0;
};
Memory memory();
// CPU time of the whole process (every thread), in seconds.
double cpuSeconds();
// CPU seconds of each of this process's threads so far, by thread name (threads of one name summed).
QMap<QString, double> threadCpuSeconds();
// Prints, per thread name, the CPU microseconds per event spent from `before` to `after` (RESULT lines
// keyed PREFIX_cpu_us_per_event_THREAD).
void threadCpuResults(const QByteArray& prefix, const QMap<QString, double>& before,
                      const QMap<QString, double>& after, qint64 events);

binnacle::watch::WatchTarget podsEverywhere(binnacle::watch::WatchTarget::Form form);

// Runs the event loop until `done` holds or `timeoutMs` passes; false on timeout.
bool waitUntil(const std::function<bool()>& done, int timeoutMs);

// Watches the model for the object `key` reaching resourceVersion `version` (as the churn's answer names
// them).
class ChangeTracker {
public:
    explicit ChangeTracker(const binnacle::ResourceTableModel* model)
        : m_model(model) {}
    void expect(const QString& key, qint64 version);
    bool reached() const;

private:
    const binnacle::ResourceTableModel* m_model;
    QString m_key;
    QString m_uid;
    qint64 m_version = 0;
};

// POST /binnacle-sim/churn's answer.
struct ChurnAnswer {
    QString lastKey;
    qint64 lastResourceVersion = 0;
    qint64 serverMs = 0;
    bool ok = false;
};
ChurnAnswer parseChurnAnswer(const QJsonObject& answer);

// One machine-readable line for the driver script: "RESULT key=value".
void result(const char* key, double value, int decimals = 0);

} // namespace bench
