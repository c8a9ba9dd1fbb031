#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <optional>

namespace binnacle::sim {

// The part of client-go's JSONPath that CRD printer columns use: ".a.b", ".a[0].b", ".a[-1]", ".a[*].b",
// ".*", "['key.with.dots']", escaped dots ("labels.app\.kubernetes\.io/name") and filters
// "[?(@.type=="Ready")]" with ==, !=, <, <=, >, >= against a literal or another @-path, or "[?(@.field)]".
// Missing keys yield no match rather than an error, as the apiextensions table convertor asks for.
class JsonPath {
public:
    // Accepts the expression with or without the surrounding "{...}" and a leading "$".
    static std::optional<JsonPath> parse(const QString& expression);

    // Every match, in document order.
    QJsonArray evaluate(const QJsonValue& root) const;

    struct Step {
        enum class Kind { Field, Index, Wildcard, Filter };
        Kind kind = Kind::Field;
        QString key;   // Field
        int index = 0; // Index (negative counts from the end)
        // Filter: left @-path, comparison, right @-path or literal; no comparison means "left exists".
        QList<Step> filterLeft;
        QString comparison;
        std::optional<QList<Step>> filterRight;
        QJsonValue literal;
    };

private:
    QList<Step> m_steps;
};

} // namespace binnacle::sim
