#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <optional>

namespace binnacle::sim {

// Why a patch could not be applied, in the terms of a Kubernetes Status: the HTTP handler turns it into
// {"kind":"Status","status":"Failure","code":httpCode,"reason":reason,"message":message,
//  "details":{"causes":causes}}.
struct PatchFailure {
    int httpCode = 0;
    QString reason;    // StatusReason: BadRequest, Invalid, Conflict, ...
    QString message;   // human-readable, worded like kube-apiserver's
    QJsonArray causes; // StatusCause objects {"reason","message","field"}

    static PatchFailure badRequest(const QString& message);
    // 422 as kube-apiserver reports a patch that cannot be applied to the object: its fixed message, the
    // detail in one cause (the real server has none; the simulator keeps it for whoever debugs a client).
    static PatchFailure invalid(const QString& detail, const QString& field = {});
    static QJsonObject cause(const QString& reason, const QString& message, const QString& field);
};

// The outcome of one patch operation: the patched document, or the failure.
struct PatchResult {
    QJsonValue value;
    std::optional<PatchFailure> failure;

    bool ok() const { return !failure.has_value(); }
    QJsonObject object() const { return value.toObject(); }

    static PatchResult success(QJsonValue patched) { return {std::move(patched), std::nullopt}; }
    static PatchResult fail(PatchFailure why) { return {QJsonValue(), std::move(why)}; }
};

} // namespace binnacle::sim
