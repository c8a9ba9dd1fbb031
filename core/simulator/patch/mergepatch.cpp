#include "mergepatch.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace binnacle::sim {

QJsonValue mergePatchValue(const QJsonValue& target, const QJsonValue& patch) {
    if (!patch.isObject())
        return patch;
    QJsonObject result = target.isObject() ? target.toObject() : QJsonObject();
    const QJsonObject patchObject = patch.toObject();
    for (auto it = patchObject.begin(); it != patchObject.end(); ++it) {
        if (it.value().isNull())
            result.remove(it.key());
        else
            result.insert(it.key(), mergePatchValue(result.value(it.key()), it.value()));
    }
    return result;
}

PatchResult applyMergePatch(const QJsonValue& document, const QByteArray& patchBytes) {
    // QJsonDocument cannot hold a bare scalar, so wrap the body in an array to accept every JSON text.
    QJsonParseError parseError;
    const QJsonDocument parsed =
        QJsonDocument::fromJson(QByteArray("[") + patchBytes + QByteArray("]"), &parseError);
    if (parseError.error != QJsonParseError::NoError || parsed.array().size() != 1)
        return PatchResult::fail(PatchFailure::badRequest(QStringLiteral("Invalid JSON Patch")));
    return PatchResult::success(mergePatchValue(document, parsed.array().at(0)));
}

} // namespace binnacle::sim
