#pragma once

#include <QLoggingCategory>

namespace binnacle::client {

// binnacle.watch: watch stream parsing (malformed lines, unknown event types).
Q_DECLARE_LOGGING_CATEGORY(lcWatch)
// binnacle.discovery: discovery documents, REST mapping and the discovery cache.
Q_DECLARE_LOGGING_CATEGORY(lcDiscovery)
// binnacle.client: list pages and Status bodies.
Q_DECLARE_LOGGING_CATEGORY(lcClient)

} // namespace binnacle::client
