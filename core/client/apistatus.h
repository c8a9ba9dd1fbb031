#pragma once

#include <QList>
#include <QString>

namespace binnacle::client {

// One entry of Status.details.causes (its JSON key "reason" is the cause type).
struct StatusCause {
    QString reason; // FieldValueInvalid, ResourceVersionTooLarge, FieldManagerConflict, ...
    QString message;
    QString field; // e.g. spec.replicas
};

// Status.details. `kind` is usually the resource plural (NotFound, Conflict) but the Kind for Invalid.
struct StatusDetails {
    QString name;
    QString group;
    QString kind;
    QString uid;
    QList<StatusCause> causes;
    int retryAfterSeconds = 0; // 0: not given
};

// A metav1.Status body, typed. Built by StatusParser; small on purpose (the transport has its own error
// type).
struct ApiStatus {
    QString status;  // "Success" | "Failure"
    QString reason;  // NotFound, Conflict, Expired, ... ; empty when unknown (classify by code then)
    QString message; // human-readable, safe to show
    int code = 0;    // mirrors the HTTP status
    StatusDetails details;
    QString continueToken; // metadata.continue: a 410 on a paged list may carry a fresh, inconsistent token

    bool isFailure() const { return status != QLatin1String("Success"); }
    // 410 Expired, or the legacy (<= 1.17) 410 Gone: the resourceVersion or continue token is too old.
    bool isExpired() const {
        return code == 410 || reason == QLatin1String("Expired") || reason == QLatin1String("Gone");
    }
    // The server has not caught up with the requested resourceVersion; client-go relists from "" as for 410.
    bool isResourceVersionTooLarge() const {
        for (const StatusCause& cause : details.causes) {
            if (cause.reason == QLatin1String("ResourceVersionTooLarge")) {
                return true;
            }
        }
        return false;
    }
};

} // namespace binnacle::client
