#include "actionresult.h"

namespace binnacle::actions {

QString ObjectRef::displayName() const {
    return namespaceName.isEmpty() ? name : namespaceName + QLatin1Char('/') + name;
}

QString ItemResult::outcomeName(ItemOutcome outcome) {
    switch (outcome) {
    case ItemOutcome::Done:
        return QStringLiteral("done");
    case ItemOutcome::Skipped:
        return QStringLiteral("skipped");
    case ItemOutcome::Refused:
        return QStringLiteral("refused");
    case ItemOutcome::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

ActionResult ActionResult::failure(const QString& message) {
    ActionResult result;
    result.ok = false;
    result.message = message;
    return result;
}

QString failureMessage(const dynamic::ObjectResult& result) {
    if (!result.error) {
        return QString();
    }
    QString message = result.error->message();
    if (message.isEmpty()) {
        message = result.error->reason();
    }
    for (const transport::StatusCause& cause : result.error->status().causes) {
        if (!cause.message.isEmpty() && !message.contains(cause.message)) {
            message += QLatin1Char(' ') + cause.message;
        }
    }
    return message;
}

int httpStatusOf(const dynamic::ObjectResult& result) {
    if (result.error && result.error->kind() == transport::ApiError::Kind::Status) {
        return result.error->httpStatus();
    }
    return result.httpStatus;
}

bool isRefusal(const dynamic::ObjectResult& result) {
    return result.error && result.error->kind() == transport::ApiError::Kind::Status &&
           result.error->httpStatus() == 429;
}

} // namespace binnacle::actions
