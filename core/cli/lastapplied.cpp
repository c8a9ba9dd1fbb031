#include "lastapplied.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace binnacle::cli::lastapplied {

namespace {

// Whether everything `wanted` says is already in `actual` (objects: a subset; lists: same length and
// each item contained; scalars: equal).
bool contains(const QJsonValue& actual, const QJsonValue& wanted) {
    if (wanted.isObject() && actual.isObject()) {
        const QJsonObject w = wanted.toObject();
        const QJsonObject a = actual.toObject();
        for (auto it = w.begin(); it != w.end(); ++it) {
            if (it.value().isNull() ? a.contains(it.key()) : !contains(a.value(it.key()), it.value())) {
                return false;
            }
        }
        return true;
    }
    if (wanted.isArray() && actual.isArray()) {
        const QJsonArray w = wanted.toArray();
        const QJsonArray a = actual.toArray();
        if (w.size() != a.size()) {
            return false;
        }
        for (qsizetype i = 0; i < w.size(); ++i) {
            if (!contains(a.at(i), w.at(i))) {
                return false;
            }
        }
        return true;
    }
    return actual == wanted;
}

} // namespace

QByteArray goJson(const QJsonObject& object) {
    QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    // json.Marshal escapes HTML-significant characters (they only occur inside strings).
    json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    return json;
}

QJsonObject withAnnotation(const QJsonObject& manifest) {
    QJsonObject recorded = manifest;
    QJsonObject metadata = recorded.value(QLatin1String("metadata")).toObject();
    QJsonObject annotations = metadata.value(QLatin1String("annotations")).toObject();
    annotations.remove(QLatin1String(annotation));
    metadata.insert(QStringLiteral("annotations"), annotations);
    recorded.insert(QStringLiteral("metadata"), metadata);
    annotations.insert(QLatin1String(annotation), QString::fromUtf8(goJson(recorded) + '\n'));
    metadata.insert(QStringLiteral("annotations"), annotations);
    QJsonObject result = manifest;
    result.insert(QStringLiteral("metadata"), metadata);
    return result;
}

QJsonObject threeWayMergePatch(const QJsonObject& original, const QJsonObject& modified,
                               const QJsonObject& current) {
    QJsonObject patch;
    for (auto it = modified.begin(); it != modified.end(); ++it) {
        const QJsonValue wanted = it.value();
        const QJsonValue actual = current.value(it.key());
        const QJsonValue before = original.value(it.key());
        if (wanted.isObject() && actual.isObject()) {
            const QJsonObject nested =
                threeWayMergePatch(before.toObject(), wanted.toObject(), actual.toObject());
            if (!nested.isEmpty()) {
                patch.insert(it.key(), nested);
            }
        } else if (wanted.isArray()) {
            // A list the manifest changed since the last apply is sent again even if the server's copy
            // happens to contain it (an item's field may have been dropped).
            const bool changedSinceLastApply = !before.isUndefined() && before != wanted;
            if (changedSinceLastApply || !contains(actual, wanted)) {
                patch.insert(it.key(), wanted);
            }
        } else if (!contains(actual, wanted) || (wanted.isObject() && !actual.isObject())) {
            patch.insert(it.key(), wanted);
        }
    }
    for (auto it = original.begin(); it != original.end(); ++it) {
        if (!modified.contains(it.key()) && current.contains(it.key())) {
            patch.insert(it.key(), QJsonValue::Null);
        }
    }
    return patch;
}

} // namespace binnacle::cli::lastapplied
