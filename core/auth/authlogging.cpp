#include "authlogging.h"

namespace binnacle::auth {

Q_LOGGING_CATEGORY(lcAuth, "binnacle.auth", QtInfoMsg)

} // namespace binnacle::auth
