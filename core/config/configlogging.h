#pragma once

#include <QLoggingCategory>

namespace binnacle::config {

// Paths and context names only: never a token, a password or key material.
Q_DECLARE_LOGGING_CATEGORY(lcConfig)

} // namespace binnacle::config
