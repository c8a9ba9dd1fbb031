// The headers nearly every translation unit of Binnacle parses: Qt Core and Network and the standard
// library parts we use. Compiled once and reused by every target when BINNACLE_PRECOMPILED_HEADERS is
// on (the CI preset), because parsing them again per file was over half of CI's build time.
// Only modules whose headers do not test QT_<MODULE>_LIB belong here: GCC refuses a precompiled header
// when such a macro differs between it and the file (QtTest tests QT_GUI_LIB, so it stays out).
#pragma once

#include <QtCore/QtCore>
#include <QtNetwork/QtNetwork>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>
