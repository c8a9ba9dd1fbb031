#include "labelselector.h"

#include "labelvalidation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>

namespace binnacle::sim {

namespace {

// strconv.ParseInt(s, 10, 64): optional sign, decimal digits, nothing else (no spaces).
std::optional<qint64> parseGoInt64(const QString& text) {
    static const QRegularExpression integerPattern(QStringLiteral("^[+-]?[0-9]+$"));
    if (!integerPattern.match(text).hasMatch()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 value = text.toLongLong(&ok, 10);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

// How field.Invalid renders a []string bad value: JSON, and `null` for a nil slice.
QString renderValueList(const QStringList& values) {
    if (values.isEmpty()) {
        return QStringLiteral("null");
    }
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

void sortByKey(QList<LabelSelector::Requirement>& requirements) {
    std::stable_sort(requirements.begin(), requirements.end(),
                     [](const auto& left, const auto& right) { return left.key < right.key; });
}

QString operatorText(LabelSelector::Operator op) {
    switch (op) {
    case LabelSelector::Operator::Equals:
        return QStringLiteral("=");
    case LabelSelector::Operator::DoubleEquals:
        return QStringLiteral("==");
    case LabelSelector::Operator::NotEquals:
        return QStringLiteral("!=");
    case LabelSelector::Operator::In:
        return QStringLiteral(" in ");
    case LabelSelector::Operator::NotIn:
        return QStringLiteral(" notin ");
    case LabelSelector::Operator::GreaterThan:
        return QStringLiteral(">");
    case LabelSelector::Operator::LessThan:
        return QStringLiteral("<");
    case LabelSelector::Operator::Exists:
    case LabelSelector::Operator::DoesNotExist:
        break;
    }
    return {};
}

} // namespace

LabelSelector::LabelSelector(QList<Requirement> requirements)
    : m_requirements(std::move(requirements)) {
    sortByKey(m_requirements);
}

bool LabelSelector::Requirement::matches(const QJsonObject& labels) const {
    const bool present = labels.contains(key);
    const QString value = labels.value(key).toString();
    switch (op) {
    case Operator::In:
    case Operator::Equals:
    case Operator::DoubleEquals:
        return present && values.contains(value);
    case Operator::NotIn:
    case Operator::NotEquals:
        return !present || !values.contains(value);
    case Operator::Exists:
        return present;
    case Operator::DoesNotExist:
        return !present;
    case Operator::GreaterThan:
    case Operator::LessThan: {
        if (!present || values.size() != 1) {
            return false;
        }
        const auto labelNumber = parseGoInt64(value);
        const auto wanted = parseGoInt64(values.first());
        if (!labelNumber || !wanted) {
            return false;
        }
        return op == Operator::GreaterThan ? *labelNumber > *wanted : *labelNumber < *wanted;
    }
    }
    return false;
}

QString LabelSelector::Requirement::toString() const {
    QString text;
    if (op == Operator::DoesNotExist) {
        text += QLatin1Char('!');
    }
    text += key;
    if (op == Operator::Exists || op == Operator::DoesNotExist) {
        return text;
    }
    text += operatorText(op);
    const bool isSet = op == Operator::In || op == Operator::NotIn;
    if (isSet) {
        text += QLatin1Char('(');
    }
    // Values print sorted, whatever order they were given in, so the text is canonical.
    QStringList sorted = values;
    std::sort(sorted.begin(), sorted.end());
    text += sorted.join(QLatin1Char(','));
    if (isSet) {
        text += QLatin1Char(')');
    }
    return text;
}

bool LabelSelector::matches(const QJsonObject& labels) const {
    return std::all_of(m_requirements.cbegin(), m_requirements.cend(),
                       [&labels](const Requirement& requirement) { return requirement.matches(labels); });
}

QString LabelSelector::toString() const {
    QStringList parts;
    parts.reserve(m_requirements.size());
    for (const Requirement& requirement : m_requirements) {
        parts << requirement.toString();
    }
    return parts.join(QLatin1Char(','));
}

QString LabelSelector::validateRequirement(const Requirement& requirement) {
    using detail::goQuote;
    using detail::invalidValueError;
    QStringList errors;
    const QStringList keyErrors = detail::qualifiedNameErrors(requirement.key);
    if (!keyErrors.isEmpty()) {
        errors << invalidValueError(QStringLiteral("key"), goQuote(requirement.key),
                                    keyErrors.join(QStringLiteral("; ")));
    }

    const QString valuesPath = QStringLiteral("values");
    const QStringList& values = requirement.values;
    switch (requirement.op) {
    case Operator::In:
    case Operator::NotIn:
        if (values.isEmpty()) {
            errors << invalidValueError(
                valuesPath, renderValueList(values),
                QStringLiteral("for 'in', 'notin' operators, values set can't be empty"));
        }
        break;
    case Operator::Equals:
    case Operator::DoubleEquals:
    case Operator::NotEquals:
        if (values.size() != 1) {
            errors << invalidValueError(
                valuesPath, renderValueList(values),
                QStringLiteral("exact-match compatibility requires one single value"));
        }
        break;
    case Operator::Exists:
    case Operator::DoesNotExist:
        if (!values.isEmpty()) {
            errors << invalidValueError(
                valuesPath, renderValueList(values),
                QStringLiteral("values set must be empty for exists and does not exist"));
        }
        break;
    case Operator::GreaterThan:
    case Operator::LessThan:
        if (values.size() != 1) {
            errors << invalidValueError(
                valuesPath, renderValueList(values),
                QStringLiteral("for 'Gt', 'Lt' operators, exactly one value is required"));
        }
        for (int i = 0; i < values.size(); ++i) {
            if (!parseGoInt64(values.at(i))) {
                errors << invalidValueError(
                    QStringLiteral("values[%1]").arg(i), goQuote(values.at(i)),
                    QStringLiteral("for 'Gt', 'Lt' operators, the value must be an integer"));
            }
        }
        break;
    }

    for (int i = 0; i < values.size(); ++i) {
        const QStringList valueErrors = detail::labelValueErrors(values.at(i));
        if (!valueErrors.isEmpty()) {
            errors << invalidValueError(QStringLiteral("values[%1][%2]").arg(i).arg(requirement.key),
                                        goQuote(values.at(i)), valueErrors.join(QStringLiteral("; ")));
        }
    }
    return errors.isEmpty() ? QString() : detail::aggregateErrors(errors);
}

LabelSelector LabelSelector::fromMatchLabels(const QJsonObject& map) {
    QList<Requirement> requirements;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        requirements << Requirement{it.key(), Operator::Equals, {it.value().toString()}};
    }
    return LabelSelector(std::move(requirements));
}

std::optional<LabelSelector> LabelSelector::fromLabelSelectorJson(const QJsonObject& selector,
                                                                  QString* error) {
    QList<Requirement> requirements;
    auto fail = [error](const QString& message) {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };

    const QJsonObject matchLabels = selector.value(QStringLiteral("matchLabels")).toObject();
    for (auto it = matchLabels.constBegin(); it != matchLabels.constEnd(); ++it) {
        Requirement requirement{it.key(), Operator::Equals, {it.value().toString()}};
        const QString problem = validateRequirement(requirement);
        if (!problem.isEmpty()) {
            return fail(problem);
        }
        requirements << requirement;
    }

    const QJsonArray expressions = selector.value(QStringLiteral("matchExpressions")).toArray();
    for (const QJsonValue& entry : expressions) {
        const QJsonObject expression = entry.toObject();
        const QString operatorName = expression.value(QStringLiteral("operator")).toString();
        Requirement requirement;
        requirement.key = expression.value(QStringLiteral("key")).toString();
        if (operatorName == QLatin1String("In")) {
            requirement.op = Operator::In;
        } else if (operatorName == QLatin1String("NotIn")) {
            requirement.op = Operator::NotIn;
        } else if (operatorName == QLatin1String("Exists")) {
            requirement.op = Operator::Exists;
        } else if (operatorName == QLatin1String("DoesNotExist")) {
            requirement.op = Operator::DoesNotExist;
        } else {
            return fail(detail::goQuote(operatorName) +
                        QStringLiteral(" is not a valid label selector operator"));
        }
        for (const QJsonValue& value : expression.value(QStringLiteral("values")).toArray()) {
            requirement.values << value.toString();
        }
        const QString problem = validateRequirement(requirement);
        if (!problem.isEmpty()) {
            return fail(problem);
        }
        requirements << requirement;
    }
    return LabelSelector(std::move(requirements));
}

} // namespace binnacle::sim
