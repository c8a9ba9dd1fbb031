#pragma once

#include "action.h"

#include <optional>

namespace binnacle::actions {

// `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data --force`, one pass: cordons the node, lists
// its pods (fieldSelector spec.nodeName=NODE), leaves DaemonSet-owned and mirror (static) pods alone and
// reports them as skipped, and evicts every other pod through pods/NAME/eviction, so that
// PodDisruptionBudgets are honoured. Each pod is reported: evicted (done), refused by a budget (the
// server's message; retry later), or failed. Unlike kubectl it does not retry refusals nor wait for the
// evicted pods to go: the UI shows the refusals and the user retries.
class DrainNode : public Action {
    Q_OBJECT
public:
    struct Options {
        std::optional<qint64> gracePeriodSeconds; // the pods' own when absent
        bool dryRun = false;                      // dryRun=All for the cordon and every eviction
    };

    static constexpr auto mirrorPodAnnotation = "kubernetes.io/config.mirror";

    DrainNode(dynamic::DynamicClient* client, client::ApiResource nodes, client::ApiResource pods,
              QString nodeName, Options options, QObject* parent = nullptr);
    DrainNode(dynamic::DynamicClient* client, client::ApiResource nodes, client::ApiResource pods,
              QString nodeName, QObject* parent = nullptr)
        : DrainNode(client, std::move(nodes), std::move(pods), std::move(nodeName), Options(), parent) {}

    // Why a drain leaves `pod` alone ("DaemonSet-managed", "mirror pod"), or empty: evict it.
    static QString skipReason(const QJsonObject& pod);
    // The policy/v1 Eviction body for one pod.
    static QByteArray evictionBody(const ObjectRef& pod, const Options& options);

private:
    void run() override;
    void listPods();
    void evict(const QList<QJsonObject>& pods);
    void evicted(int index, const dynamic::ObjectResult& result);
    void finishDrain();

    client::ApiResource m_nodes;
    client::ApiResource m_pods;
    QString m_nodeName;
    Options m_options;
    QList<QJsonObject> m_listed;
    QList<ItemResult> m_items;
    int m_pending = 0;
};

} // namespace binnacle::actions
