#include "fieldsv1.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace binnacle::sim::fieldsv1 {

namespace {
// Struct types the API marks atomic: owned as a whole.
bool isAtomicStruct(const QString& key) {
    return key == QLatin1String("fieldRef") || key == QLatin1String("resourceFieldRef");
}

// The merge keys of the keyed lists in pods; any other list is atomic.
QStringList mergeKeys(const QString& key) {
    if (key == QLatin1String("containers") || key == QLatin1String("initContainers") ||
        key == QLatin1String("env") || key == QLatin1String("volumes") ||
        key == QLatin1String("imagePullSecrets")) {
        return {QStringLiteral("name")};
    }
    if (key == QLatin1String("volumeMounts")) {
        return {QStringLiteral("mountPath")};
    }
    if (key == QLatin1String("ports")) {
        return {QStringLiteral("containerPort"), QStringLiteral("protocol")};
    }
    if (key == QLatin1String("conditions")) {
        return {QStringLiteral("type")};
    }
    if (key == QLatin1String("podIPs")) {
        return {QStringLiteral("ip")};
    }
    if (key == QLatin1String("ownerReferences")) {
        return {QStringLiteral("uid")};
    }
    return {};
}

QJsonObject fieldsOf(const QString& key, const QJsonValue& value, bool ownsSelf);

QJsonObject membersOf(const QJsonObject& object, bool ownsSelf) {
    QJsonObject set;
    if (ownsSelf) {
        set.insert(QStringLiteral("."), QJsonObject());
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        set.insert(QStringLiteral("f:") + it.key(), fieldsOf(it.key(), it.value(), true));
    }
    return set;
}

QJsonObject fieldsOf(const QString& key, const QJsonValue& value, bool ownsSelf) {
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty() || isAtomicStruct(key)) {
            return QJsonObject();
        }
        return membersOf(object, ownsSelf);
    }
    if (!value.isArray()) {
        return QJsonObject();
    }
    const QStringList keys = mergeKeys(key);
    if (keys.isEmpty()) {
        return QJsonObject();
    }
    // Containers carry no "." of their own: a pod cannot exist without them.
    QJsonObject set;
    if (key != QLatin1String("containers")) {
        set.insert(QStringLiteral("."), QJsonObject());
    }
    for (const QJsonValue& item : value.toArray()) {
        const QJsonObject element = item.toObject();
        QJsonObject identity;
        for (const QString& mergeKey : keys) {
            identity.insert(mergeKey, element.value(mergeKey));
        }
        // An owner reference is an atomic struct: its key is all the set records.
        set.insert(QStringLiteral("k:") +
                       QString::fromUtf8(QJsonDocument(identity).toJson(QJsonDocument::Compact)),
                   key == QLatin1String("ownerReferences") ? QJsonObject() : membersOf(element, true));
    }
    return set;
}
} // namespace

QJsonObject fieldSet(const QJsonObject& object) {
    QJsonObject set;
    for (auto it = object.begin(); it != object.end(); ++it) {
        // The top-level parts (metadata, spec, status) always exist: nobody owns them as such.
        set.insert(QStringLiteral("f:") + it.key(), fieldsOf(it.key(), it.value(), false));
    }
    return set;
}

} // namespace binnacle::sim::fieldsv1
