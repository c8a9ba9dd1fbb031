#include "patchfailure.h"

namespace binnacle::sim {

PatchFailure PatchFailure::badRequest(const QString& message) {
    return {400, QStringLiteral("BadRequest"), message, {}};
}

PatchFailure PatchFailure::invalid(const QString& detail, const QString& field) {
    // errors.NewGenericServerResponse(422, ...) words every such failure the same way.
    return {422, QStringLiteral("Invalid"),
            QStringLiteral("the server rejected our request due to an error in our request"),
            QJsonArray{cause(QStringLiteral("FieldValueInvalid"), detail, field)}};
}

QJsonObject PatchFailure::cause(const QString& reason, const QString& message, const QString& field) {
    QJsonObject result{{QStringLiteral("reason"), reason}, {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        result.insert(QStringLiteral("field"), field);
    return result;
}

} // namespace binnacle::sim
