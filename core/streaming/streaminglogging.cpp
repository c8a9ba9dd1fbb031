#include "streaminglogging.h"

namespace binnacle::streaming {

Q_LOGGING_CATEGORY(lcStreaming, "binnacle.streaming", QtInfoMsg)

} // namespace binnacle::streaming
