#include "scaleview.h"

#include "labelselector.h"

namespace binnacle::sim::scaleview {

namespace {
// ".spec.replicas" -> ["spec", "replicas"]
QStringList pathParts(const QString& jsonPath) {
    return jsonPath.split(QLatin1Char('.'), Qt::SkipEmptyParts);
}

QJsonValue valueAt(const QJsonObject& object, const QString& jsonPath) {
    QJsonValue value = object;
    for (const QString& part : pathParts(jsonPath)) {
        value = value.toObject().value(part);
    }
    return value;
}

QJsonObject withValueAt(QJsonObject object, const QStringList& parts, const QJsonValue& value) {
    if (parts.isEmpty()) {
        return object;
    }
    if (parts.size() == 1) {
        object.insert(parts.first(), value);
        return object;
    }
    object.insert(parts.first(), withValueAt(object.value(parts.first()).toObject(), parts.mid(1), value));
    return object;
}

struct Paths {
    QString specReplicas;
    QString statusReplicas;
    QString labelSelector;
};

std::optional<Paths> pathsFor(const ResourceType& type) {
    if (!type.subresource(QStringLiteral("scale"))) {
        return std::nullopt;
    }
    if (type.custom) {
        return Paths{type.scalePaths.value(QLatin1String("specReplicasPath")).toString(),
                     type.scalePaths.value(QLatin1String("statusReplicasPath")).toString(),
                     type.scalePaths.value(QLatin1String("labelSelectorPath")).toString()};
    }
    return Paths{QStringLiteral(".spec.replicas"), QStringLiteral(".status.replicas"), QString()};
}
} // namespace

std::optional<QJsonObject> toScale(const ResourceType& type, const StoredObject& object) {
    const auto paths = pathsFor(type);
    if (!paths) {
        return std::nullopt;
    }
    const QJsonObject metadata = object.object.value(QLatin1String("metadata")).toObject();
    QString selector;
    if (type.custom) {
        selector = valueAt(object.object, paths->labelSelector).toString();
    } else {
        QString error;
        const auto parsed = LabelSelector::fromLabelSelectorJson(
            object.object.value(QLatin1String("spec")).toObject().value(QLatin1String("selector")).toObject(),
            &error);
        selector = parsed ? parsed->toString() : QString();
    }
    QJsonObject scaleMetadata;
    for (const char* key : {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
        if (metadata.contains(QLatin1String(key))) {
            scaleMetadata.insert(QLatin1String(key), metadata.value(QLatin1String(key)));
        }
    }
    QJsonObject status{{QStringLiteral("replicas"), valueAt(object.object, paths->statusReplicas).toInt()}};
    if (!selector.isEmpty()) {
        status.insert(QStringLiteral("selector"), selector);
    }
    return QJsonObject{
        {QStringLiteral("kind"), QStringLiteral("Scale")},
        {QStringLiteral("apiVersion"), QStringLiteral("autoscaling/v1")},
        {QStringLiteral("metadata"), scaleMetadata},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("replicas"), valueAt(object.object, paths->specReplicas).toInt()}}},
        {QStringLiteral("status"), status}};
}

std::optional<QJsonObject> applyScale(const ResourceType& type, const QJsonObject& object,
                                      const QJsonObject& scale) {
    const auto paths = pathsFor(type);
    if (!paths) {
        return std::nullopt;
    }
    const QJsonValue replicas =
        scale.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas"));
    return withValueAt(object, pathParts(paths->specReplicas),
                       replicas.isUndefined() ? QJsonValue(0) : replicas);
}

} // namespace binnacle::sim::scaleview
