#pragma once

#include <QLoggingCategory>

namespace binnacle::streaming {

// binnacle.streaming: WebSocket sessions (exec, attach, port-forward). Never a token or a payload.
Q_DECLARE_LOGGING_CATEGORY(lcStreaming)

} // namespace binnacle::streaming
