#pragma once

#include "apierror.h"
#include "apirequest.h"
#include "listpageparser.h"
#include "objectsummary.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace binnacle::dynamic {

// The answer to a call on one object: the object the server returned (raw bytes, parsed only on
// demand), or why the call failed. A failure from the server is an ApiError of Kind::Status whose
// status() carries reason, message, code and causes (Conflict, Invalid, NotFound, ...).
struct ObjectResult {
    std::optional<transport::ApiError> error;
    int httpStatus = 0;
    QByteArray json;      // the response body: the object, a Scale, a Table, or a Status (delete)
    QStringList warnings; // the server's Warning headers
    int retries = 0;

    bool ok() const { return !error.has_value(); }
    // The failure's reason ("Conflict"), empty on success: for quick branching.
    QString reason() const { return error ? error->reason() : QString(); }
    QJsonObject object() const;
    // Identity, labels and raw bytes, as a list item would have them.
    client::ObjectSummary summary() const;

    static ObjectResult fromApiResult(const transport::ApiResult& result);
};

// One page of a list, as it arrives. The last call for a list has `last` set: after the final page, or
// with `error` when a page failed (an expired continue token is a 410 Expired error).
struct ListPageResult {
    std::optional<transport::ApiError> error;
    client::ListPage page;
    int pageIndex = 0; // 0 for the first page
    bool last = false;

    bool ok() const { return !error.has_value(); }
};

} // namespace binnacle::dynamic
