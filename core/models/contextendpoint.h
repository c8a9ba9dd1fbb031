#pragma once

#include "clustertransport.h"
#include "kubeconfig.h"

#include <memory>
#include <optional>

namespace binnacle {

// What ClusterConnection needs to reach the cluster of one kubeconfig context.
struct ContextEndpoint {
    QString contextName;
    transport::ClusterEndpoint endpoint;
    std::unique_ptr<transport::CredentialProvider> credentials; // no parent: it moves to the worker
};

// The context named (or the current one when `contextName` is empty), or nothing with `error` set: no
// such context or cluster, an unreadable CA file, credentials that cannot be used.
std::optional<ContextEndpoint> resolveContext(const config::Kubeconfig& kubeconfig,
                                              const QString& contextName, QString* error);

} // namespace binnacle
