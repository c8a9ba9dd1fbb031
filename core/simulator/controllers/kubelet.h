#pragma once

#include "controller.h"

#include <QHash>
#include <QSet>

namespace binnacle::sim {

// Every node's kubelet at once: runs the pods bound to existing Nodes through
// Pending/ContainerCreating -> Running (ready), completes Job pods after a while, crash-loops pods that
// ask for it, and finishes graceful deletion. Pod behaviour is steered by annotations:
//   sim.binnacle.io/behavior: crashloop | fail | complete   (or an image whose name contains "crashloop")
//   sim.binnacle.io/run-seconds: "3"                         (how long a completing pod runs)
class Kubelet : public Controller {
    Q_OBJECT
public:
    explicit Kubelet(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& name) override;
    void resync() override;

private:
    enum class Stage { New, Creating, Running, BackOff, Done };
    enum class View { Creating, Running, BackOff, Succeeded, Failed };
    struct PodRuntime {
        Stage stage = Stage::New;
        QString uid;
        QString namespaceName;
        QString name;
        QString nodeName;
        QString hostIp;
        QString podIp;
        QString startTime;
        QString runningSince;
        QString finishedAt;
        QJsonObject lastTerminated; // lastState.terminated of the crashing containers
        QHash<QString, QString> containerIds;
        quint64 timerToken = 0;
        bool timerPending = false;
        bool terminating = false;
        int restarts = 0;
    };

    PodRuntime& runtimeFor(const QJsonObject& pod, const QJsonObject& node);
    void wakeAfter(PodRuntime& runtime, int simulatedMs);
    // Arms the crash or completion of a running pod.
    void scheduleRunningWork(const QJsonObject& pod, PodRuntime& runtime);
    void handleDeletion(const QJsonObject& pod, PodRuntime& runtime);
    void startContainers(const QJsonObject& pod, PodRuntime& runtime, bool restart);
    void crash(const QJsonObject& pod, PodRuntime& runtime);
    void finish(const QJsonObject& pod, PodRuntime& runtime, bool success);
    void writeStatus(const QJsonObject& pod, const PodRuntime& runtime, View view);
    QJsonObject buildStatus(const QJsonObject& pod, const PodRuntime& runtime, View view) const;
    QString allocatePodIp(const QJsonObject& node);
    QString newContainerId();
    void recordEvent(const QJsonObject& pod, const PodRuntime& runtime, bool warning, const QString& reason,
                     const QString& message, const QString& container = QString());

    static bool crashes(const QJsonObject& pod, const QJsonObject& container);
    static bool completes(const QJsonObject& pod);

    const ResourceType& m_pods;
    const ResourceType& m_nodes;
    QHash<QString, PodRuntime> m_runtimes;        // by pod uid
    QHash<QString, QSet<QString>> m_pulledImages; // node -> images present
    QHash<QString, int> m_nextAddress;            // node -> last host part handed out
    QSet<QString> m_usedIps;
};

} // namespace binnacle::sim
