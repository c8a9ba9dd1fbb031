#pragma once

#include "clustersession.h"

#include <QTextStream>

#include <functional>

namespace binnacle::cli {

// `api-resources`: what discovery says, as kubectl lists it.
void runApiResources(ClusterSession* session, QTextStream& out, QTextStream& err, std::function<void(int)> done);
// `version`: the client's version and the server's /version.
void runVersion(ClusterSession* session, const QString& clientVersion, QTextStream& out, QTextStream& err,
                std::function<void(int)> done);

// `config get-contexts`: the contexts table, the current one starred.
QString configContextsTable(const config::Kubeconfig& kubeconfig);

} // namespace binnacle::cli
