#include "logging.h"

namespace binnacle::logs {

Q_LOGGING_CATEGORY(lcLogs, "binnacle.logs", QtWarningMsg)

} // namespace binnacle::logs
