#pragma once

#include "apirequest.h"
#include "servercontext.h"


namespace binnacle::sim {

// POST pods/NAME/eviction (policy/v1 Eviction, policy/v1beta1 accepted), with the API server's semantics
// (pkg/registry/core/pod/storage/eviction.go): a pod that is Pending, Succeeded, Failed or already being
// deleted is deleted without looking at budgets; otherwise the PodDisruptionBudgets of the pod's namespace
// whose selector matches it decide. More than one: 500. One that allows no disruption: 429 TooManyRequests
// with a DisruptionBudget cause. Else the pod is deleted with the Eviction's deleteOptions (grace period,
// preconditions, dry run) and the answer is 201 with a Success Status.
//
// Whether a budget allows a disruption: the simulator runs no disruption controller, so a budget whose
// status is current (status.observedGeneration >= metadata.generation) is taken at its word
// (status.disruptionsAllowed, decremented and the pod recorded in status.disruptedPods, as the server
// does); any other budget is evaluated on the spot, as the disruption controller would: healthy pods are
// the matching pods that are Ready and not being deleted; desired healthy is minAvailable (a count, or a
// percentage of the expected pods rounded up) or expected minus maxUnavailable (rounded up likewise); the
// expected pods are the replicas of the matching pods' controllers (a Deployment through its ReplicaSet),
// and a pod without a controller counts as one (the real controller refuses such budgets outright).
// Answers synchronously and keeps no state: construct one per request.
class PodEvictionHandler {
public:
    explicit PodEvictionHandler(const ServerContext& context);
    void evict(const ApiRequestPtr& request);

private:
    const ServerContext& m_context;
};

} // namespace binnacle::sim
