#include "clientlogging.h"

namespace binnacle::client {

Q_LOGGING_CATEGORY(lcWatch, "binnacle.watch", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDiscovery, "binnacle.discovery", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClient, "binnacle.client", QtInfoMsg)

} // namespace binnacle::client
