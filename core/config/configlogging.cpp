#include "configlogging.h"

namespace binnacle::config {

Q_LOGGING_CATEGORY(lcConfig, "binnacle.config", QtInfoMsg)

} // namespace binnacle::config
