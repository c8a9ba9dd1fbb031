#pragma once

#include "apirequest.h"
#include "servercontext.h"

namespace binnacle::sim {

// The "self" reviews: SelfSubjectAccessReview and SelfSubjectRulesReview (authorization.k8s.io)
// and SelfSubjectReview (authentication.k8s.io). They are answered, never stored, and answer truthfully
// from the same Authorizer that guards every request.
class ReviewHandler {
public:
    explicit ReviewHandler(const ServerContext& context);
    void create(const ApiRequestPtr& request);

private:
    QStringList servedResources() const;

    const ServerContext& m_context;
};

} // namespace binnacle::sim
