#pragma once

#include "faultinjector.h"
#include "identity.h"
#include "resourcestorage.h"

namespace binnacle::sim {

// What every request handler needs: the data, the rules, and the switches.
struct ServerContext {
    ResourceStorage* storage = nullptr;
    Authenticator* authenticator = nullptr;
    Authorizer* authorizer = nullptr;
    FaultInjector* faults = nullptr;
    QString serverAddress; // host:port, for /api's serverAddressByClientCIDRs
    int bookmarkIntervalMs = 10000;

    ObjectStore* store() const { return storage->store(); }
    ResourceRegistry* registry() const { return storage->registry(); }
};

} // namespace binnacle::sim
