#pragma once

#include <QLoggingCategory>

namespace binnacle::auth {

// binnacle.auth: what the credential providers do. Never a token, a password or a key.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)

} // namespace binnacle::auth
