#pragma once

#include "controller.h"

namespace binnacle::sim {

// Runs Jobs like kube-controller-manager's job controller: up to `parallelism` pods at a time until
// `completions` have succeeded (NonIndexed or Indexed), backoffLimit on failures, suspend, the status
// counters, the SuccessCriteriaMet/Complete (or FailureTarget/Failed) conditions of v1.32, and
// ttlSecondsAfterFinished (scaled by the time scale).
class JobController : public Controller {
    Q_OBJECT
public:
    explicit JobController(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& name) override;
    void resync() override;

private:
    void createPods(const QJsonObject& job, int count, const QList<int>& indexes);
    void finish(const QJsonObject& job, QJsonObject& status, bool succeeded,
                const QList<ObjectPtr>& activePods);
    void scheduleTtl(const QJsonObject& job);

    const ResourceType& m_jobs;
    const ResourceType& m_pods;
    QSet<QString> m_ttlScheduled; // job uids
    QSet<QString> m_ttlExpired;   // "namespace/name"
};

} // namespace binnacle::sim
