#pragma once

#include <QJsonObject>
#include <QString>

namespace binnacle::logs {

// One container's entry in its pod's status, as a log stream reads it: which instance of the container
// runs (a restart makes a new one), and whether a stopped container will run again.
class ContainerStatus {
public:
    // `container` "": the pod's first container (what the server reads for a pod with one).
    static ContainerStatus find(const QJsonObject& pod, const QString& container);

    bool exists() const { return !m_status.isEmpty(); }
    QString name() const;
    int restartCount() const;
    // When the running instance started (RFC 3339), "" when it does not run.
    QString runningSince() const;
    // Who the running instance is (containerID, restartCount, startedAt), "" when it does not run.
    QString runningInstance() const;
    // Whether the kubelet will start the stopped container again: its pod's restartPolicy (OnFailure: after
    // a failure only), never for a pod that finished or an init container that completed.
    bool willRestart() const;

private:
    QJsonObject state() const;

    QJsonObject m_status;
    QString m_phase;
    QString m_restartPolicy;
    bool m_init = false;
};

} // namespace binnacle::logs
