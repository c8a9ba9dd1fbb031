#pragma once

#include "seedcontext.h"

#include <QStringList>

// The steps ClusterSeeder runs, one group of related objects each. Every step creates its objects through
// SeedContext (so through ResourceStorage::create) and leaves everything that moves to the controllers.
namespace binnacle::sim::seedsteps {

struct NodeInfo {
    QString name;
    QString internalIp;
    QString zone;
    bool controlPlane = false;
};
// The three nodes every seeded cluster has, control plane first.
const QList<NodeInfo>& nodes();

// Base cluster (basenodes.cpp, basesystem.cpp, baserbac.cpp).
void seedNodes(SeedContext& context);
void seedClusterServices(SeedContext& context);
void seedSystemWorkloads(SeedContext& context);
void seedRbac(SeedContext& context);

// Demo cluster (demoworkloads.cpp, demoresources.cpp, demopolicies.cpp, democustomresources.cpp).
void seedDemoWorkloads(SeedContext& context);
void seedDemoConfiguration(SeedContext& context);
void seedDemoData(SeedContext& context);
void seedDemoPolicies(SeedContext& context);
void seedDemoCustomResources(SeedContext& context);

} // namespace binnacle::sim::seedsteps
