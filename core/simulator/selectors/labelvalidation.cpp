#include "labelvalidation.h"

#include <QRegularExpression>

namespace binnacle::sim::detail {

namespace {

// Patterns and messages as apimachinery's pkg/util/validation spells them: clients see them in
// 400 responses, so they are kept word for word.
const QString qualifiedNameFormat = QStringLiteral("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
const QString qualifiedNameMessage =
    QStringLiteral("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                   "alphanumeric character");
constexpr int qualifiedNameMaxLength = 63;

const QString labelValueFormat = QStringLiteral("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
const QString labelValueMessage = QStringLiteral(
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character");
constexpr int labelValueMaxLength = 63;

const QString dns1123SubdomainFormat =
    QStringLiteral("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
const QString dns1123SubdomainMessage = QStringLiteral(
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
    "must start and end with an alphanumeric character");
constexpr int dns1123SubdomainMaxLength = 253;

bool matchesWhole(const QString& pattern, const QString& value) {
    // Patterns are few and fixed; compiling them on each call keeps this free of static-init order.
    const QRegularExpression expression(QRegularExpression::anchoredPattern(pattern));
    return expression.match(value).hasMatch();
}

// Go strings are byte strings: lengths in the rules count UTF-8 bytes.
int byteLength(const QString& value) {
    return int(value.toUtf8().size());
}

QString maxLengthError(int length) {
    return QStringLiteral("must be no more than %1 characters").arg(length);
}

QString regexError(QString message, const QString& format, const QStringList& examples) {
    if (examples.isEmpty()) {
        return message + QStringLiteral(" (regex used for validation is '") + format + QStringLiteral("')");
    }
    message += QStringLiteral(" (e.g. ");
    for (int i = 0; i < examples.size(); ++i) {
        if (i > 0) {
            message += QStringLiteral(" or ");
        }
        message += QLatin1Char('\'') + examples.at(i) + QStringLiteral("', ");
    }
    message += QStringLiteral("regex used for validation is '") + format + QStringLiteral("')");
    return message;
}

QStringList dns1123SubdomainErrors(const QString& value) {
    QStringList errors;
    if (byteLength(value) > dns1123SubdomainMaxLength) {
        errors << maxLengthError(dns1123SubdomainMaxLength);
    }
    if (!matchesWhole(dns1123SubdomainFormat, value)) {
        errors << regexError(dns1123SubdomainMessage, dns1123SubdomainFormat,
                             {QStringLiteral("example.com")});
    }
    return errors;
}

const QStringList qualifiedNameExamples{QStringLiteral("MyName"), QStringLiteral("my.name"),
                                        QStringLiteral("123-abc")};

} // namespace

QString goQuote(const QString& text) {
    QString quoted = QStringLiteral("\"");
    for (const QChar character : text) {
        switch (character.unicode()) {
        case '"':
            quoted += QStringLiteral("\\\"");
            break;
        case '\\':
            quoted += QStringLiteral("\\\\");
            break;
        case '\n':
            quoted += QStringLiteral("\\n");
            break;
        case '\r':
            quoted += QStringLiteral("\\r");
            break;
        case '\t':
            quoted += QStringLiteral("\\t");
            break;
        default:
            if (character.unicode() < 0x20 || character.unicode() == 0x7f) {
                quoted += QStringLiteral("\\x%1").arg(character.unicode(), 2, 16, QLatin1Char('0'));
            } else {
                quoted += character;
            }
        }
    }
    return quoted + QLatin1Char('"');
}

QStringList qualifiedNameErrors(const QString& value) {
    QStringList errors;
    const QStringList parts = value.split(QLatin1Char('/'));
    QString name;
    if (parts.size() == 1) {
        name = parts.at(0);
    } else if (parts.size() == 2) {
        const QString& prefix = parts.at(0);
        name = parts.at(1);
        if (prefix.isEmpty()) {
            errors << QStringLiteral("prefix part must be non-empty");
        } else {
            for (const QString& message : dns1123SubdomainErrors(prefix)) {
                errors << QStringLiteral("prefix part ") + message;
            }
        }
    } else {
        return {QStringLiteral("a qualified name ") +
                regexError(qualifiedNameMessage, qualifiedNameFormat, qualifiedNameExamples) +
                QStringLiteral(" with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")};
    }

    if (name.isEmpty()) {
        errors << QStringLiteral("name part must be non-empty");
    } else if (byteLength(name) > qualifiedNameMaxLength) {
        errors << QStringLiteral("name part ") + maxLengthError(qualifiedNameMaxLength);
    }
    if (!matchesWhole(qualifiedNameFormat, name)) {
        errors << QStringLiteral("name part ") +
                      regexError(qualifiedNameMessage, qualifiedNameFormat, qualifiedNameExamples);
    }
    return errors;
}

QStringList labelValueErrors(const QString& value) {
    QStringList errors;
    if (byteLength(value) > labelValueMaxLength) {
        errors << maxLengthError(labelValueMaxLength);
    }
    if (!matchesWhole(labelValueFormat, value)) {
        errors << regexError(
            labelValueMessage, labelValueFormat,
            {QStringLiteral("MyValue"), QStringLiteral("my_value"), QStringLiteral("12345")});
    }
    return errors;
}

QString invalidValueError(const QString& path, const QString& renderedValue, const QString& detail) {
    QString message = path + QStringLiteral(": Invalid value: ") + renderedValue;
    if (!detail.isEmpty()) {
        message += QStringLiteral(": ") + detail;
    }
    return message;
}

QString aggregateErrors(const QStringList& errors) {
    if (errors.size() == 1) {
        return errors.first();
    }
    QStringList unique;
    for (const QString& error : errors) {
        if (!unique.contains(error)) {
            unique << error;
        }
    }
    if (unique.size() == 1) {
        return unique.first();
    }
    return QLatin1Char('[') + unique.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace binnacle::sim::detail
