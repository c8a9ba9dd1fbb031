#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace binnacle {

// What a user types in a table's filter box, parsed once per change and then matched against each row:
//   nginx web          free text: every word must appear in the name, namespace or a cell (any case)
//   app=web tier!=db   label equality and inequality (also ==); several terms may be comma-separated
//   env in (a,b)       set-based label selectors: in, notin; has:key and !key for existence
//   status:Running     the Status cell (any case)
//   ns:kube-system     the namespace
// Unknown forms are treated as free text, so nothing the user types is silently dropped.
class FilterQuery {
public:
    struct Row {
        const QString& name;
        const QString& namespaceName;
        const QString& status;
        const QStringList& cells;
        // Label lookup: sets *value and returns true when the key is present.
        std::function<bool(const QString& key, QString* value)> label;
    };

    FilterQuery() = default;
    static FilterQuery parse(const QString& text);

    bool isEmpty() const { return m_terms.isEmpty(); }
    bool matches(const Row& row) const;
    // A human description of a parse problem ("unclosed parenthesis"), empty when fine.
    QString error() const { return m_error; }

private:
    struct Term {
        enum class Kind {
            Text,
            LabelEquals,
            LabelNotEquals,
            LabelIn,
            LabelNotIn,
            LabelExists,
            LabelMissing,
            Status,
            Namespace
        };
        Kind kind = Kind::Text;
        QString key;
        QStringList values;
    };
    static Term classify(const QString& token);

    QList<Term> m_terms;
    QString m_error;
};

} // namespace binnacle
