#pragma once

#include <QLoggingCategory>

namespace binnacle::logs {

// binnacle.logs: log streams, their reconnects and the workload's pods coming and going.
Q_DECLARE_LOGGING_CATEGORY(lcLogs)

} // namespace binnacle::logs
