#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace binnacle::logs {

// A workload whose pods' logs are wanted.
struct WorkloadRef {
    QString kind; // Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, ReplicationController
    QString namespaceName;
    QString name;
};

namespace workloadselector {

// The object's REST path, or nullopt for a kind without a pod selector.
std::optional<QString> pathFor(const WorkloadRef& workload);
// The label selector of the workload's pods in the query form (app=web,tier in (a,b),!canary), from
// spec.selector: a LabelSelector (matchLabels, matchExpressions), or a plain map (ReplicationController).
// Empty when the object has no selector.
QString podSelector(const QJsonObject& workload);

} // namespace workloadselector
} // namespace binnacle::logs
