#include "objectfilter.h"

#include "fieldselectorsupport.h"
#include "httprequest.h"

namespace binnacle::sim {

std::variant<ObjectFilter, ApiError> ObjectFilter::fromRequest(const ResourceType& type,
                                                               const QString& namespaceName,
                                                               const HttpRequest& request) {
    ObjectFilter filter;
    filter.m_group = type.group;
    filter.m_kind = type.kind;
    filter.m_custom = type.custom;
    filter.m_namespace = type.namespaced ? namespaceName : QString();
    QString error;
    if (const QString text = request.queryValue(QStringLiteral("labelSelector")); !text.isEmpty()) {
        auto labels = LabelSelector::parse(text, &error);
        if (!labels) {
            return ApiError::badRequest(QStringLiteral("unable to parse requirement: ") + error);
        }
        filter.m_labels = *labels;
    }
    if (const QString text = request.queryValue(QStringLiteral("fieldSelector")); !text.isEmpty()) {
        auto fields = FieldSelector::parse(text, &error);
        if (!fields) {
            return ApiError::badRequest(error);
        }
        for (const auto& requirement : fields->requirements()) {
            const bool supported = type.custom
                                       ? (requirement.field == QLatin1String("metadata.name") ||
                                          requirement.field == QLatin1String("metadata.namespace") ||
                                          type.selectableFields.contains(requirement.field))
                                       : isFieldSelectorSupported(type.group, type.kind, requirement.field);
            if (!supported) {
                return ApiError::badRequest(
                    type.custom ? QStringLiteral("field label not supported: %1").arg(requirement.field)
                                : unsupportedFieldSelectorMessage(type.group, type.kind, requirement.field));
            }
        }
        filter.m_fields = *fields;
    }
    return filter;
}

QString ObjectFilter::fieldValue(const QJsonObject& object, const QString& field) const {
    if (!m_custom) {
        return fieldSelectorValue(m_group, m_kind, object, field);
    }
    QJsonValue value = object;
    for (const QString& part : field.split(QLatin1Char('.'))) {
        value = value.toObject().value(part);
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    if (value.isDouble()) {
        return QString::number(value.toDouble());
    }
    return value.toString();
}

bool ObjectFilter::matches(const StoredObject& object) const {
    if (!m_namespace.isEmpty() && object.namespaceName() != m_namespace) {
        return false;
    }
    if (!m_labels.isEmpty()) {
        const QJsonObject labels = object.object.value(QLatin1String("metadata"))
                                       .toObject()
                                       .value(QLatin1String("labels"))
                                       .toObject();
        if (!m_labels.matches(labels)) {
            return false;
        }
    }
    if (!m_fields.isEmpty()) {
        return m_fields.matches([&](const QString& field) { return fieldValue(object.object, field); });
    }
    return true;
}

} // namespace binnacle::sim
