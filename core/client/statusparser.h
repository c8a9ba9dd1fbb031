#pragma once

#include "apistatus.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <optional>

namespace binnacle::client {

// Turns a Status body into ApiStatus. Anything that is not a JSON object of kind "Status" yields nullopt,
// so callers can tell "the server sent a Status" from "the body was something else".
class StatusParser {
public:
    static std::optional<ApiStatus> parse(QByteArrayView json);
    static std::optional<ApiStatus> fromJson(const QJsonObject& object);
};

} // namespace binnacle::client
