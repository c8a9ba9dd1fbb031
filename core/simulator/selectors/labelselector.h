#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace binnacle::sim {

// A label selector as kube-apiserver understands it (apimachinery pkg/labels): an AND of
// requirements on an object's metadata.labels. Parsing, matching, error text and the printed
// form follow apimachinery, because kubectl shows them to users verbatim.
class LabelSelector {
public:
    enum class Operator {
        Exists,
        DoesNotExist,
        Equals,
        DoubleEquals,
        NotEquals,
        In,
        NotIn,
        GreaterThan,
        LessThan
    };

    struct Requirement {
        QString key;
        Operator op = Operator::Exists;
        QStringList values; // one for equality and Gt/Lt, one or more for In/NotIn, none for existence

        bool matches(const QJsonObject& labels) const;
        QString toString() const;
    };

    // The empty selector: matches every object.
    LabelSelector() = default;

    // The `labelSelector=` query syntax: "", "a=b", "a==b", "a!=b", "a in (x,y)", "a notin (x)",
    // "a", "!a", "a>1", "a<1", comma = AND. On a syntax or validation error returns nullopt and
    // sets *error to apimachinery's message (e.g. "unable to parse requirement: found '', expected: ...").
    static std::optional<LabelSelector> parse(const QString& text, QString* error);

    // A plain map selector (Service .spec.selector, ReplicationController .spec.selector).
    // Not validated, like labels.SelectorFromSet. An empty map matches everything.
    static LabelSelector fromMatchLabels(const QJsonObject& map);

    // A metav1.LabelSelector object {matchLabels, matchExpressions:[{key, operator, values}]},
    // converted as metav1.LabelSelectorAsSelector does. An empty object matches everything;
    // callers decide what an absent selector means (apimachinery: nothing).
    static std::optional<LabelSelector> fromLabelSelectorJson(const QJsonObject& selector, QString* error);

    bool matches(const QJsonObject& labels) const;
    bool isEmpty() const { return m_requirements.isEmpty(); }
    // Canonical text: requirements sorted by key, set values sorted, e.g. "app=web,tier in (a,b)".
    // Used for Scale status.selector and kubectl's wide SELECTOR column.
    QString toString() const;
    const QList<Requirement>& requirements() const { return m_requirements; }

    // labels.NewRequirement's validation; returns the aggregated error text, or an empty string.
    static QString validateRequirement(const Requirement& requirement);

private:
    explicit LabelSelector(QList<Requirement> requirements);

    QList<Requirement> m_requirements; // sorted by key
};

} // namespace binnacle::sim
