#include "fieldselector.h"

#include <QStringList>
#include <algorithm>

namespace binnacle::sim {

namespace {

// Splits on commas that are not escaped; the escapes stay in the terms for unescapeValue.
QStringList splitTerms(const QString& text) {
    QStringList terms;
    if (text.isEmpty()) {
        return terms;
    }
    qsizetype start = 0;
    bool afterBackslash = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar character = text.at(i);
        if (afterBackslash) {
            afterBackslash = false;
        } else if (character == QLatin1Char('\\')) {
            afterBackslash = true;
        } else if (character == QLatin1Char(',')) {
            terms << text.mid(start, i - start);
            start = i + 1;
        }
    }
    terms << text.mid(start);
    return terms;
}

struct SplitTerm {
    QString field;
    QString op;
    QString rawValue;
};

// The field part has no escaping: the first operator found, scanning left to right, splits the
// term. At each position "!=" and "==" are tried before "=".
std::optional<SplitTerm> splitTerm(const QString& term) {
    static const QStringList operators{QStringLiteral("!="), QStringLiteral("=="), QStringLiteral("=")};
    for (qsizetype i = 0; i < term.size(); ++i) {
        for (const QString& op : operators) {
            if (QStringView(term).mid(i).startsWith(op)) {
                return SplitTerm{term.left(i), op, term.mid(i + op.size())};
            }
        }
    }
    return std::nullopt;
}

std::optional<QString> unescapeValue(const QString& raw, QString* error) {
    QString value;
    bool afterBackslash = false;
    for (const QChar character : raw) {
        if (afterBackslash) {
            if (character == QLatin1Char('\\') || character == QLatin1Char(',') ||
                character == QLatin1Char('=')) {
                value += character;
            } else {
                *error = QStringLiteral("invalid field selector: invalid escape sequence: \\") + character;
                return std::nullopt;
            }
            afterBackslash = false;
            continue;
        }
        if (character == QLatin1Char('\\')) {
            afterBackslash = true;
        } else if (character == QLatin1Char(',') || character == QLatin1Char('=')) {
            // apimachinery formats the offending rune with %v, which prints its code point.
            *error = QStringLiteral("invalid field selector: unescaped character in value: %1")
                         .arg(character.unicode());
            return std::nullopt;
        } else {
            value += character;
        }
    }
    if (afterBackslash) {
        *error = QStringLiteral("invalid field selector: invalid escape sequence: \\");
        return std::nullopt;
    }
    return value;
}

} // namespace

std::optional<FieldSelector> FieldSelector::parse(const QString& text, QString* error) {
    QString problem;
    auto fail = [&]() -> std::optional<FieldSelector> {
        if (error) {
            *error = problem;
        }
        return std::nullopt;
    };

    QStringList terms = splitTerms(text);
    std::sort(terms.begin(), terms.end());
    FieldSelector selector;
    for (const QString& term : std::as_const(terms)) {
        if (term.isEmpty()) {
            continue;
        }
        const auto split = splitTerm(term);
        if (!split) {
            problem = QStringLiteral("invalid selector: '%1'; can't understand '%2'").arg(text, term);
            return fail();
        }
        const auto value = unescapeValue(split->rawValue, &problem);
        if (!value) {
            return fail();
        }
        selector.m_requirements << Requirement{split->field, split->op != QLatin1String("!="), *value};
    }
    return selector;
}

bool FieldSelector::matches(const std::function<QString(const QString& field)>& valueOf) const {
    return std::all_of(m_requirements.cbegin(), m_requirements.cend(),
                       [&valueOf](const Requirement& requirement) {
                           return (valueOf(requirement.field) == requirement.value) == requirement.equals;
                       });
}

QString FieldSelector::toString() const {
    QStringList parts;
    for (const Requirement& requirement : m_requirements) {
        parts << requirement.field + (requirement.equals ? QStringLiteral("=") : QStringLiteral("!=")) +
                     requirement.value;
    }
    return parts.join(QLatin1Char(','));
}

} // namespace binnacle::sim
