#pragma once

#include "logerror.h"
#include "logline.h"
#include "logoptions.h"
#include "reflector.h"
#include "workloadselector.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <memory>

namespace binnacle::transport {
class ClusterTransport;
}

namespace binnacle::logs {

class LogMerger;
class LogStream;

struct WorkloadLogOptions {
    // Applied to every container's stream (its `container` is set per stream). follow: pods that come later
    // are picked up too.
    LogOptions stream;
    // Containers to read, by name; empty: every container of the pod spec.
    QStringList containers;
    bool includeInitContainers = false;
    // How long a line may wait for the other streams to reach its time (see LogMerger).
    std::chrono::milliseconds mergeHold{250};
    watch::ReflectorOptions watch;
};

// The logs of every pod of a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job), merged by
// timestamp, each line tagged with its pod and container. The workload's selector is read once; its pods are
// watched by that selector (a Reflector), so that a pod that appears is followed from its first line and one
// that goes away is dropped. A container that restarts is followed into its new instance (see LogStream).
class WorkloadLogs : public QObject {
    Q_OBJECT
public:
    WorkloadLogs(transport::ClusterTransport* transport, WorkloadRef workload,
                 WorkloadLogOptions options = {}, QObject* parent = nullptr);
    // The pods of a selector directly (what a Service or a user's filter selects).
    WorkloadLogs(transport::ClusterTransport* transport, QString namespaceName, QString labelSelector,
                 WorkloadLogOptions options = {}, QObject* parent = nullptr);
    ~WorkloadLogs() override;

    void start();
    void stop();

    QString labelSelector() const { return m_selector; }
    // The pods whose logs are being read, by name, sorted.
    QStringList pods() const;
    int activeStreams() const;

signals:
    // Merged, in timestamp order.
    void linesReceived(const binnacle::logs::LogLines& lines);
    void podAdded(const QString& pod);
    void podRemoved(const QString& pod);
    // A container restarted: its new instance's lines follow, after a marker line.
    void containerRestarted(const QString& pod, const QString& container, int restartCount);
    // A container's log could not be read (the others go on), or the workload could not be resolved.
    void errorOccurred(const binnacle::logs::LogError& error);
    // The selector is known and the first list of pods is in.
    void ready();

private:
    struct PodEntry {
        QString name;
        QHash<QString, LogStream*> streams; // by container
    };
    void startWatching();
    void applyPod(const client::ObjectSummary& pod);
    void removePod(const QString& uid);
    void startStream(PodEntry& entry, const QString& uid, const QString& container, const QJsonObject& pod);
    static QString streamKey(const QString& uid, const QString& container);

    QPointer<transport::ClusterTransport> m_transport;
    std::optional<WorkloadRef> m_workload;
    QString m_namespace;
    QString m_selector;
    WorkloadLogOptions m_options;
    LogMerger* m_merger;
    std::unique_ptr<watch::Reflector> m_reflector;
    QHash<QString, PodEntry> m_pods; // by uid
    QHash<QString, client::ObjectSummary> m_snapshot;
    bool m_ready = false;
};

} // namespace binnacle::logs
