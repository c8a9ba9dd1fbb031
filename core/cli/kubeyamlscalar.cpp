#include "kubeyamlscalar.h"

#include <QRegularExpression>
#include <QStringList>
#include <cmath>

namespace binnacle::cli::yamlscalar {

namespace {
bool isBlank(QChar c) {
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') ||
           c == QLatin1Char('\r');
}
} // namespace

// Whether go-yaml's resolver reads the plain text as something other than a string (bool, null, number,
// timestamp, base-60 float): such strings must be quoted.
bool resolvesToNonString(const QString& text) {
    static const QStringList special = {
        QStringLiteral("y"),     QStringLiteral("Y"),     QStringLiteral("yes"),   QStringLiteral("Yes"),
        QStringLiteral("YES"),   QStringLiteral("n"),     QStringLiteral("N"),     QStringLiteral("no"),
        QStringLiteral("No"),    QStringLiteral("NO"),    QStringLiteral("true"),  QStringLiteral("True"),
        QStringLiteral("TRUE"),  QStringLiteral("false"), QStringLiteral("False"), QStringLiteral("FALSE"),
        QStringLiteral("on"),    QStringLiteral("On"),    QStringLiteral("ON"),    QStringLiteral("off"),
        QStringLiteral("Off"),   QStringLiteral("OFF"),   QStringLiteral("~"),     QStringLiteral("null"),
        QStringLiteral("Null"),  QStringLiteral("NULL"),  QStringLiteral(".inf"),  QStringLiteral(".Inf"),
        QStringLiteral(".INF"),  QStringLiteral("+.inf"), QStringLiteral("+.Inf"), QStringLiteral("+.INF"),
        QStringLiteral("-.inf"), QStringLiteral("-.Inf"), QStringLiteral("-.INF"), QStringLiteral(".nan"),
        QStringLiteral(".NaN"),  QStringLiteral(".NAN")};
    if (text.isEmpty() || special.contains(text)) {
        return true;
    }
    const QChar first = text.front();
    if (!first.isDigit() && first != QLatin1Char('+') && first != QLatin1Char('-') &&
        first != QLatin1Char('.')) {
        return false;
    }
    static const QRegularExpression integer(QStringLiteral(
        "^[-+]?(0b[01]+|0o?[0-7]+|0x[0-9a-fA-F]+|[0-9]+)$")); // Go ParseInt base 0, underscores removed
    static const QRegularExpression floating(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    static const QRegularExpression base60(
        QStringLiteral("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$"));
    static const QRegularExpression timestamp(
        QStringLiteral("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt "
                       "][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]*)?(Z|[-+][0-9]{1,2}:[0-9]{2})?)?$"));
    QString plain = text;
    plain.remove(QLatin1Char('_'));
    bool isFloat = false;
    if (floating.match(plain).hasMatch()) {
        const double value = plain.toDouble(&isFloat); // Go's ParseFloat fails out of range: then a string
        isFloat = isFloat && std::isfinite(value);
    }
    return integer.match(plain).hasMatch() || isFloat || base60.match(text).hasMatch() ||
           timestamp.match(text).hasMatch();
}

bool isPrintable(QChar c) {
    const ushort u = c.unicode();
    // go-yaml's is_printable: no C1 controls, and nothing outside the Basic Multilingual Plane.
    return u == 0x0A || (u >= 0x20 && u <= 0x7E) || (u >= 0xA0 && u <= 0xD7FF) ||
           (u >= 0xE000 && u <= 0xFFFD && u != 0xFEFF);
}

// yaml_emitter_analyze_scalar, for the block context.
ScalarAnalysis analyze(const QString& value) {
    ScalarAnalysis a;
    if (value.isEmpty()) {
        a.plainAllowed = false;
        a.blockAllowed = false;
        return a;
    }
    bool indicators = value.startsWith(QLatin1String("---")) || value.startsWith(QLatin1String("..."));
    bool special = false, lineBreaks = false, leadingSpace = false, leadingBreak = false,
         trailingSpace = false, trailingBreak = false, breakSpace = false, spaceBreak = false,
         previousSpace = false, previousBreak = false;
    bool precededByBlank = true;
    const qsizetype n = value.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = value.at(i);
        const bool followedByBlank = i + 1 >= n || isBlank(value.at(i + 1));
        if (i == 0) {
            if (QStringLiteral("#,[]{}&*!|>'\"%@`").contains(c)) {
                indicators = true;
            } else if ((c == QLatin1Char('?') || c == QLatin1Char(':') || c == QLatin1Char('-')) &&
                       followedByBlank) {
                indicators = true;
            }
        } else {
            if (c == QLatin1Char(':') && followedByBlank) {
                indicators = true;
            } else if (c == QLatin1Char('#') && precededByBlank) {
                indicators = true;
            }
        }
        if (!isPrintable(c) || (c.unicode() == 0xFEFF)) {
            special = true;
        }
        if (c == QLatin1Char('\n')) {
            lineBreaks = true;
        }
        if (c == QLatin1Char(' ')) {
            if (i == 0) {
                leadingSpace = true;
            }
            if (i == n - 1) {
                trailingSpace = true;
            }
            if (previousBreak) {
                breakSpace = true;
            }
            previousSpace = true;
            previousBreak = false;
        } else if (c == QLatin1Char('\n')) {
            if (i == 0) {
                leadingBreak = true;
            }
            if (i == n - 1) {
                trailingBreak = true;
            }
            if (previousSpace) {
                spaceBreak = true;
            }
            previousBreak = true;
            previousSpace = false;
        } else {
            previousSpace = false;
            previousBreak = false;
        }
        precededByBlank = isBlank(c);
    }
    a.multiline = lineBreaks;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
        a.plainAllowed = false;
    }
    if (trailingSpace) {
        a.blockAllowed = false;
    }
    if (breakSpace) {
        a.plainAllowed = false;
        a.singleQuotedAllowed = false;
    }
    if (spaceBreak || special) {
        a.plainAllowed = false;
        a.singleQuotedAllowed = false;
        a.blockAllowed = false;
    }
    if (lineBreaks || indicators) {
        a.plainAllowed = false;
    }
    return a;
}

} // namespace binnacle::cli::yamlscalar
