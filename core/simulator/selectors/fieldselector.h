#pragma once

#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace binnacle::sim {

// A field selector as kube-apiserver parses it (apimachinery fields.ParseSelector): comma-joined
// terms "field=value", "field==value" or "field!=value". In values, "\," "\=" and "\\" stand for
// the literal characters. Which fields a kind supports is a separate question: see
// fieldselectorsupport.h.
class FieldSelector {
public:
    struct Requirement {
        QString field;
        bool equals = true; // false for "!="
        QString value;      // unescaped
    };

    // The empty selector: matches everything.
    FieldSelector() = default;

    // On error returns nullopt and sets *error to apimachinery's message, e.g.
    // "invalid selector: 'a'; can't understand 'a'".
    static std::optional<FieldSelector> parse(const QString& text, QString* error);

    // Terms in apimachinery's order (sorted by their text).
    const QList<Requirement>& requirements() const { return m_requirements; }
    // valueOf returns an object's value for a field, "" when absent (see fieldSelectorValue).
    bool matches(const std::function<QString(const QString& field)>& valueOf) const;
    bool isEmpty() const { return m_requirements.isEmpty(); }
    // "a=b,c!=d", values printed unescaped as apimachinery does.
    QString toString() const;

private:
    QList<Requirement> m_requirements;
};

} // namespace binnacle::sim
