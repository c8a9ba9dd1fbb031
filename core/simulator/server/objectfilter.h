#pragma once

#include "apierror.h"
#include "fieldselector.h"
#include "labelselector.h"
#include "objectstore.h"
#include "resourcetype.h"

#include <optional>
#include <variant>

namespace binnacle::sim {

struct HttpRequest;

// Which objects a list or watch wants: namespace, labelSelector and fieldSelector, checked against
// the kind's supported field selectors exactly as the real server checks them (400 when unsupported).
class ObjectFilter {
public:
    static std::variant<ObjectFilter, ApiError>
    fromRequest(const ResourceType& type, const QString& namespaceName, const HttpRequest& request);
    bool matches(const StoredObject& object) const;
    bool hasSelectors() const { return !m_labels.isEmpty() || !m_fields.isEmpty(); }
    const QString& namespaceName() const { return m_namespace; }

private:
    QString fieldValue(const QJsonObject& object, const QString& field) const;

    QString m_group;
    QString m_kind;
    bool m_custom = false;
    QString m_namespace;
    LabelSelector m_labels;
    FieldSelector m_fields;
};

} // namespace binnacle::sim
