#pragma once

#include "dynamicresult.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace binnacle::actions {

// One object an action works on. `namespaceName` is empty for cluster-scoped objects.
struct ObjectRef {
    QString namespaceName;
    QString name;

    // "ns/name", or "name" when cluster-scoped.
    QString displayName() const;
    bool operator==(const ObjectRef& other) const = default;
};

// What happened to one object of an action.
enum class ItemOutcome {
    Done,    // the server did it
    Skipped, // left alone on purpose (a drain's DaemonSet and mirror pods)
    Refused, // the server said "not now" (a PodDisruptionBudget): worth retrying later
    Failed,  // the server (or the connection) said no
};

struct ItemResult {
    ObjectRef object;
    ItemOutcome outcome = ItemOutcome::Done;
    QString message; // the server's message for Refused and Failed; why, for Skipped
    int httpStatus = 0;

    static QString outcomeName(ItemOutcome outcome); // "done", "skipped", "refused", "failed"
};

// The typed answer of every action: ok when each object is done or skipped on purpose.
struct ActionResult {
    bool ok = true;
    QString message; // one line for the UI
    QList<ItemResult> items;
    QJsonObject object; // single-object actions: what the server returned (the Scale, the new Job)

    static ActionResult failure(const QString& message);
};

// The server's words for a failed call: the Status message, with the causes a refusal names (a
// PodDisruptionBudget's "needs 2 healthy pods and has 2 currently") appended.
QString failureMessage(const dynamic::ObjectResult& result);

// The HTTP status of a call's answer, failed or not (0 when the server was never reached).
int httpStatusOf(const dynamic::ObjectResult& result);

// Whether a failed call is a "not now" (429 TooManyRequests: a PodDisruptionBudget's refusal).
bool isRefusal(const dynamic::ObjectResult& result);

} // namespace binnacle::actions
