#include "jsonpath.h"

#include <QJsonObject>

namespace binnacle::sim {

namespace {

using Step = JsonPath::Step;

Step makeStep(Step::Kind kind, const QString& key = QString()) {
    Step step;
    step.kind = kind;
    step.key = key;
    return step;
}

class Parser {
public:
    explicit Parser(QStringView text)
        : m_text(text) {}

    // Steps until the end of the text, or until one of the stop characters at the top level.
    std::optional<QList<Step>> steps(QStringView stopAt = {}) {
        QList<Step> result;
        while (!atEnd() && !stopAt.contains(peek())) {
            if (peek() == u'.') {
                ++m_position;
                if (!atEnd() && peek() == u'.')
                    return std::nullopt; // recursive descent is not supported
                if (!atEnd() && peek() == u'*') {
                    ++m_position;
                    result.append(makeStep(Step::Kind::Wildcard));
                    continue;
                }
                const QString key = fieldName();
                if (key.isEmpty())
                    return std::nullopt;
                result.append(makeStep(Step::Kind::Field, key));
            } else if (peek() == u'[') {
                auto step = bracket();
                if (!step)
                    return std::nullopt;
                result.append(*step);
            } else {
                return std::nullopt;
            }
        }
        return result;
    }

    bool atEnd() const { return m_position >= m_text.size(); }

private:
    QChar peek() const { return m_text.at(m_position); }

    void skipSpaces() {
        while (!atEnd() && peek().isSpace())
            ++m_position;
    }

    QString fieldName() {
        QString key;
        while (!atEnd() && peek() != u'.' && peek() != u'[' && peek() != u')' && !peek().isSpace() &&
               !QStringView(u"=!<>").contains(peek())) {
            if (peek() == u'\\' && m_position + 1 < m_text.size())
                ++m_position; // "\." is a literal dot inside a key
            key.append(peek());
            ++m_position;
        }
        return key;
    }

    std::optional<QString> quoted() {
        const QChar quote = peek();
        ++m_position;
        QString value;
        while (!atEnd() && peek() != quote) {
            if (peek() == u'\\' && m_position + 1 < m_text.size())
                ++m_position;
            value.append(peek());
            ++m_position;
        }
        if (atEnd())
            return std::nullopt;
        ++m_position;
        return value;
    }

    std::optional<Step> bracket() {
        ++m_position; // '['
        skipSpaces();
        if (atEnd())
            return std::nullopt;
        Step step;
        if (peek() == u'*') {
            ++m_position;
            step.kind = Step::Kind::Wildcard;
        } else if (peek() == u'\'' || peek() == u'"') {
            const auto key = quoted();
            if (!key)
                return std::nullopt;
            step.kind = Step::Kind::Field;
            step.key = *key;
        } else if (peek() == u'?') {
            if (!filter(step))
                return std::nullopt;
        } else {
            const qsizetype start = m_position;
            while (!atEnd() && (peek().isDigit() || peek() == u'-'))
                ++m_position;
            bool ok = false;
            step.kind = Step::Kind::Index;
            step.index = m_text.mid(start, m_position - start).toInt(&ok);
            if (!ok)
                return std::nullopt;
        }
        skipSpaces();
        if (atEnd() || peek() != u']')
            return std::nullopt;
        ++m_position;
        return step;
    }

    std::optional<QList<Step>> atPath() {
        if (atEnd() || peek() != u'@')
            return std::nullopt;
        ++m_position;
        return steps(u" =!<>)");
    }

    bool filter(Step& step) {
        step.kind = Step::Kind::Filter;
        ++m_position; // '?'
        skipSpaces();
        if (atEnd() || peek() != u'(')
            return false;
        ++m_position;
        skipSpaces();
        const auto left = atPath();
        if (!left)
            return false;
        step.filterLeft = *left;
        skipSpaces();
        while (!atEnd() && QStringView(u"=!<>").contains(peek())) {
            step.comparison.append(peek());
            ++m_position;
        }
        if (!step.comparison.isEmpty()) {
            skipSpaces();
            if (!operand(step))
                return false;
        }
        skipSpaces();
        if (atEnd() || peek() != u')')
            return false;
        ++m_position;
        return QStringList{QString(), "==", "!=", "<", "<=", ">", ">="}.contains(step.comparison);
    }

    bool operand(Step& step) {
        if (atEnd())
            return false;
        if (peek() == u'@') {
            step.filterRight = atPath();
            return step.filterRight.has_value();
        }
        if (peek() == u'\'' || peek() == u'"') {
            const auto text = quoted();
            step.literal = text ? QJsonValue(*text) : QJsonValue();
            return text.has_value();
        }
        const qsizetype start = m_position;
        while (!atEnd() && peek() != u')' && !peek().isSpace())
            ++m_position;
        const QStringView word = m_text.mid(start, m_position - start);
        if (word == u"true" || word == u"false") {
            step.literal = word == u"true";
            return true;
        }
        bool ok = false;
        const double number = word.toDouble(&ok);
        step.literal = number;
        return ok;
    }

    QStringView m_text;
    qsizetype m_position = 0;
};

QJsonArray apply(const QList<Step>& steps, const QJsonArray& input);

bool compare(const QJsonValue& left, const QString& comparison, const QJsonValue& right) {
    if (comparison == u"==" || comparison == u"!=") {
        const bool equal = left.type() == right.type() && left == right;
        return comparison == u"==" ? equal : !equal;
    }
    if (!left.isDouble() || !right.isDouble())
        return false;
    const double a = left.toDouble();
    const double b = right.toDouble();
    if (comparison == u"<")
        return a < b;
    if (comparison == u"<=")
        return a <= b;
    if (comparison == u">")
        return a > b;
    return a >= b;
}

bool filterMatches(const Step& step, const QJsonValue& element) {
    const QJsonArray lefts = apply(step.filterLeft, QJsonArray{element});
    if (lefts.isEmpty())
        return false;
    if (step.comparison.isEmpty())
        return true;
    const QJsonArray rights =
        step.filterRight ? apply(*step.filterRight, QJsonArray{element}) : QJsonArray{step.literal};
    if (rights.isEmpty())
        return false;
    return compare(lefts.first(), step.comparison, rights.first());
}

QJsonArray applyStep(const Step& step, const QJsonValue& value) {
    QJsonArray out;
    switch (step.kind) {
    case Step::Kind::Field:
        if (value.isObject() && value.toObject().contains(step.key))
            out.append(value.toObject().value(step.key));
        break;
    case Step::Kind::Index:
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            const qsizetype index = step.index < 0 ? array.size() + step.index : step.index;
            if (index >= 0 && index < array.size())
                out.append(array.at(index));
        }
        break;
    case Step::Kind::Wildcard:
        if (value.isArray()) {
            out = value.toArray();
        } else if (value.isObject()) {
            for (const auto& member : value.toObject())
                out.append(member);
        }
        break;
    case Step::Kind::Filter:
        if (value.isArray()) {
            for (const auto& element : value.toArray()) {
                if (filterMatches(step, element))
                    out.append(element);
            }
        }
        break;
    }
    return out;
}

QJsonArray apply(const QList<Step>& steps, const QJsonArray& input) {
    QJsonArray current = input;
    for (const auto& step : steps) {
        QJsonArray next;
        for (const auto& value : current) {
            for (const auto& match : applyStep(step, value))
                next.append(match);
        }
        current = next;
    }
    return current;
}

} // namespace

std::optional<JsonPath> JsonPath::parse(const QString& expression) {
    QStringView text = QStringView(expression).trimmed();
    if (text.startsWith(u'{') && text.endsWith(u'}'))
        text = text.mid(1, text.size() - 2).trimmed();
    if (text.startsWith(u'$'))
        text = text.mid(1);
    if (text.isEmpty())
        return std::nullopt;
    Parser parser(text);
    const auto steps = parser.steps();
    if (!steps || !parser.atEnd())
        return std::nullopt;
    JsonPath path;
    path.m_steps = *steps;
    return path;
}

QJsonArray JsonPath::evaluate(const QJsonValue& root) const {
    return apply(m_steps, QJsonArray{root});
}

} // namespace binnacle::sim
