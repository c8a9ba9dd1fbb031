// LabelSelector::parse — a transcription of the behaviour of apimachinery's labels.Parse
// (lexer, recursive-descent parser, and their error messages), so that the simulator accepts and
// rejects exactly what kube-apiserver does, with the same text in the 400 Status.
#include "labelselector.h"
#include "labelvalidation.h"

#include <algorithm>

namespace binnacle::sim {

namespace {

enum class Token {
    EndOfString,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
};

struct ScannedItem {
    Token token;
    QString literal;
};

bool isWhitespace(QChar character) {
    return character == QLatin1Char(' ') || character == QLatin1Char('\t') ||
           character == QLatin1Char('\r') || character == QLatin1Char('\n');
}

bool isSpecialSymbol(QChar character) {
    switch (character.unicode()) {
    case '=':
    case '!':
    case '(':
    case ')':
    case ',':
    case '>':
    case '<':
        return true;
    default:
        return false;
    }
}

std::optional<Token> literalToken(const QString& text) {
    static const QList<std::pair<QString, Token>> table{
        {QStringLiteral(")"), Token::ClosedPar},    {QStringLiteral(","), Token::Comma},
        {QStringLiteral("!"), Token::DoesNotExist}, {QStringLiteral("=="), Token::DoubleEquals},
        {QStringLiteral("="), Token::Equals},       {QStringLiteral(">"), Token::GreaterThan},
        {QStringLiteral("in"), Token::In},          {QStringLiteral("<"), Token::LessThan},
        {QStringLiteral("!="), Token::NotEquals},   {QStringLiteral("notin"), Token::NotIn},
        {QStringLiteral("("), Token::OpenPar},
    };
    for (const auto& [literal, token] : table) {
        if (literal == text) {
            return token;
        }
    }
    return std::nullopt;
}

QList<ScannedItem> scan(const QString& text) {
    QList<ScannedItem> items;
    qsizetype position = 0;
    for (;;) {
        while (position < text.size() && isWhitespace(text.at(position))) {
            ++position;
        }
        if (position >= text.size()) {
            items << ScannedItem{Token::EndOfString, QString()};
            return items;
        }
        if (isSpecialSymbol(text.at(position))) {
            // Longest operator wins; every single symbol is itself a token, and the only
            // two-symbol tokens are "!=" and "==".
            const QString pair = text.mid(position, 2);
            const auto pairToken = pair.size() == 2 ? literalToken(pair) : std::nullopt;
            if (pairToken) {
                items << ScannedItem{*pairToken, pair};
                position += 2;
            } else {
                const QString single = text.mid(position, 1);
                items << ScannedItem{*literalToken(single), single};
                position += 1;
            }
            continue;
        }
        const qsizetype start = position;
        while (position < text.size() && !isSpecialSymbol(text.at(position)) &&
               !isWhitespace(text.at(position))) {
            ++position;
        }
        const QString word = text.mid(start, position - start);
        const auto keyword = literalToken(word);
        items << ScannedItem{keyword.value_or(Token::Identifier), word};
    }
}

// "in" and "notin" are keywords only where an operator may stand; elsewhere they are plain words.
enum class Context { KeyAndOperator, Values };

class Parser {
public:
    explicit Parser(const QString& text)
        : m_items(scan(text)) {}

    std::optional<QList<LabelSelector::Requirement>> parse(QString* error);

private:
    ScannedItem lookahead(Context context) const {
        ScannedItem item = m_items.at(std::min<qsizetype>(m_position, m_items.size() - 1));
        if (context == Context::Values && (item.token == Token::In || item.token == Token::NotIn)) {
            item.token = Token::Identifier;
        }
        return item;
    }
    ScannedItem consume(Context context) {
        const ScannedItem item = lookahead(context);
        if (m_position < m_items.size() - 1) {
            ++m_position;
        }
        return item;
    }

    std::optional<LabelSelector::Requirement> parseRequirement(QString* error);
    std::optional<QStringList> parseValues(QString* error);
    std::optional<QStringList> parseIdentifiersList(QString* error);
    std::optional<QStringList> parseExactValue(QString* error);

    QList<ScannedItem> m_items;
    qsizetype m_position = 0;
};

QString found(const QString& literal, const char* expectation) {
    return QStringLiteral("found '") + literal + QLatin1String(expectation);
}

// sets.String semantics: the parser collects values into a set, which lists them sorted.
QStringList sortedUnique(QStringList values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

std::optional<QList<LabelSelector::Requirement>> Parser::parse(QString* error) {
    QList<LabelSelector::Requirement> requirements;
    for (;;) {
        const ScannedItem next = lookahead(Context::Values);
        switch (next.token) {
        case Token::Identifier:
        case Token::DoesNotExist: {
            QString problem;
            auto requirement = parseRequirement(&problem);
            if (!requirement) {
                *error = QStringLiteral("unable to parse requirement: ") + problem;
                return std::nullopt;
            }
            requirements << *requirement;
            const ScannedItem after = consume(Context::Values);
            if (after.token == Token::EndOfString) {
                return requirements;
            }
            if (after.token != Token::Comma) {
                *error = found(after.literal, "', expected: ',' or 'end of string'");
                return std::nullopt;
            }
            const ScannedItem following = lookahead(Context::Values);
            if (following.token != Token::Identifier && following.token != Token::DoesNotExist) {
                *error = found(following.literal, "', expected: identifier after ','");
                return std::nullopt;
            }
            break;
        }
        case Token::EndOfString:
            return requirements;
        default:
            *error = found(next.literal, "', expected: !, identifier, or 'end of string'");
            return std::nullopt;
        }
    }
}

std::optional<LabelSelector::Requirement> Parser::parseRequirement(QString* error) {
    using Operator = LabelSelector::Operator;
    LabelSelector::Requirement requirement;
    std::optional<Operator> op;

    // The key, and an operator inferred from what surrounds it ("!key", "key" alone).
    ScannedItem item = consume(Context::Values);
    if (item.token == Token::DoesNotExist) {
        op = Operator::DoesNotExist;
        item = consume(Context::Values);
    }
    if (item.token != Token::Identifier) {
        *error = found(item.literal, "', expected: identifier");
        return std::nullopt;
    }
    const QStringList keyErrors = detail::qualifiedNameErrors(item.literal);
    if (!keyErrors.isEmpty()) {
        // The parser validates with a nil field path, which Go prints as "<nil>".
        *error = detail::invalidValueError(QStringLiteral("<nil>"), detail::goQuote(item.literal),
                                           keyErrors.join(QStringLiteral("; ")));
        return std::nullopt;
    }
    requirement.key = item.literal;
    const Token afterKey = lookahead(Context::Values).token;
    if ((afterKey == Token::EndOfString || afterKey == Token::Comma) && op != Operator::DoesNotExist) {
        op = Operator::Exists;
    }

    if (op) {
        requirement.op = *op;
    } else {
        const ScannedItem operatorItem = consume(Context::KeyAndOperator);
        switch (operatorItem.token) {
        case Token::In:
            requirement.op = Operator::In;
            break;
        case Token::NotIn:
            requirement.op = Operator::NotIn;
            break;
        case Token::Equals:
            requirement.op = Operator::Equals;
            break;
        case Token::DoubleEquals:
            requirement.op = Operator::DoubleEquals;
            break;
        case Token::NotEquals:
            requirement.op = Operator::NotEquals;
            break;
        case Token::GreaterThan:
            requirement.op = Operator::GreaterThan;
            break;
        case Token::LessThan:
            requirement.op = Operator::LessThan;
            break;
        default:
            *error = found(operatorItem.literal, "', expected: in, notin, =, ==, !=, gt, lt");
            return std::nullopt;
        }
        const bool isSet = requirement.op == Operator::In || requirement.op == Operator::NotIn;
        auto values = isSet ? parseValues(error) : parseExactValue(error);
        if (!values) {
            return std::nullopt;
        }
        requirement.values = sortedUnique(*values);
    }

    const QString problem = LabelSelector::validateRequirement(requirement);
    if (!problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    return requirement;
}

std::optional<QStringList> Parser::parseValues(QString* error) {
    const ScannedItem open = consume(Context::Values);
    if (open.token != Token::OpenPar) {
        *error = found(open.literal, "' expected: '('");
        return std::nullopt;
    }
    const ScannedItem first = lookahead(Context::Values);
    switch (first.token) {
    case Token::Identifier:
    case Token::Comma: {
        auto values = parseIdentifiersList(error);
        if (!values) {
            return std::nullopt;
        }
        if (consume(Context::Values).token != Token::ClosedPar) {
            // apimachinery reports the first value's literal here, not the offending token.
            *error = found(first.literal, "', expected: ')'");
            return std::nullopt;
        }
        return values;
    }
    case Token::ClosedPar:
        consume(Context::Values);
        return QStringList{QString()}; // "()" is the set holding the empty value
    default:
        *error = found(first.literal, "', expected: ',', ')' or identifier");
        return std::nullopt;
    }
}

std::optional<QStringList> Parser::parseIdentifiersList(QString* error) {
    QStringList values;
    for (;;) {
        const ScannedItem item = consume(Context::Values);
        if (item.token == Token::Identifier) {
            values << item.literal;
            const ScannedItem next = lookahead(Context::Values);
            if (next.token == Token::Comma) {
                continue;
            }
            if (next.token == Token::ClosedPar) {
                return values;
            }
            *error = found(next.literal, "', expected: ',' or ')'");
            return std::nullopt;
        }
        if (item.token == Token::Comma) {
            // Empty entries ("(,a)", "(a,)", "(a,,b)") stand for the empty value.
            if (values.isEmpty()) {
                values << QString();
            }
            const Token next = lookahead(Context::Values).token;
            if (next == Token::ClosedPar) {
                values << QString();
                return values;
            }
            if (next == Token::Comma) {
                consume(Context::Values);
                values << QString();
            }
            continue;
        }
        *error = found(item.literal, "', expected: ',', or identifier");
        return std::nullopt;
    }
}

std::optional<QStringList> Parser::parseExactValue(QString* error) {
    const Token next = lookahead(Context::Values).token;
    if (next == Token::EndOfString || next == Token::Comma) {
        return QStringList{QString()};
    }
    const ScannedItem item = consume(Context::Values);
    if (item.token == Token::Identifier) {
        return QStringList{item.literal};
    }
    *error = found(item.literal, "', expected: identifier");
    return std::nullopt;
}

} // namespace

std::optional<LabelSelector> LabelSelector::parse(const QString& text, QString* error) {
    QString problem;
    Parser parser(text);
    auto requirements = parser.parse(&problem);
    if (!requirements) {
        if (error) {
            *error = problem;
        }
        return std::nullopt;
    }
    return LabelSelector(std::move(*requirements));
}

} // namespace binnacle::sim
