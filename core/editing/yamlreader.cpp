#include "yamlreader.h"

#include <QRegularExpression>
#include <QStringList>
#include <cmath>
#include <yaml-cpp/yaml.h>

namespace binnacle::editing {

namespace {

struct ReadFailure {
    YamlError error;
};

YamlError errorAt(const YAML::Mark& mark, int lineOffset, const QString& message) {
    // yaml-cpp marks are 0-based; a mark of -1 means "unknown".
    return YamlError{mark.line >= 0 ? mark.line + 1 + lineOffset : lineOffset + 1,
                     mark.column >= 0 ? mark.column + 1 : 1, message};
}

// go-yaml v2's resolution of a plain scalar, as JSON.
DocValue resolvePlain(const QString& text) {
    static const QStringList nulls{QStringLiteral("~"), QStringLiteral("null"), QStringLiteral("Null"),
                                   QStringLiteral("NULL")};
    static const QStringList trues{QStringLiteral("y"),    QStringLiteral("Y"),    QStringLiteral("yes"),
                                   QStringLiteral("Yes"),  QStringLiteral("YES"),  QStringLiteral("true"),
                                   QStringLiteral("True"), QStringLiteral("TRUE"), QStringLiteral("on"),
                                   QStringLiteral("On"),   QStringLiteral("ON")};
    static const QStringList falses{QStringLiteral("n"),     QStringLiteral("N"),     QStringLiteral("no"),
                                    QStringLiteral("No"),    QStringLiteral("NO"),    QStringLiteral("false"),
                                    QStringLiteral("False"), QStringLiteral("FALSE"), QStringLiteral("off"),
                                    QStringLiteral("Off"),   QStringLiteral("OFF")};
    static const QRegularExpression integer(
        QStringLiteral("^([-+]?)(0b[01]+|0o?[0-7]+|0x[0-9a-fA-F]+|[0-9]+)$"));
    static const QRegularExpression floating(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    DocValue value;
    if (text.isEmpty() || nulls.contains(text)) {
        return value;
    }
    if (trues.contains(text) || falses.contains(text)) {
        value.type = DocValue::Type::Bool;
        value.text = trues.contains(text) ? QStringLiteral("true") : QStringLiteral("false");
        return value;
    }
    QString plain = text;
    plain.remove(QLatin1Char('_'));
    if (const QRegularExpressionMatch m = integer.match(plain); m.hasMatch()) {
        QString digits = m.captured(2);
        int base = 10;
        if (digits.startsWith(QLatin1String("0x"))) {
            base = 16;
            digits = digits.mid(2);
        } else if (digits.startsWith(QLatin1String("0b"))) {
            base = 2;
            digits = digits.mid(2);
        } else if (digits.startsWith(QLatin1String("0o"))) {
            base = 8;
            digits = digits.mid(2);
        } else if (digits.size() > 1 && digits.startsWith(QLatin1Char('0'))) {
            base = 8; // Go's ParseInt with base 0
        }
        bool ok = false;
        const qlonglong magnitude = digits.toLongLong(&ok, base);
        if (ok) {
            value.type = DocValue::Type::Number;
            value.text = QString::number(m.captured(1) == QLatin1String("-") ? -magnitude : magnitude);
            return value;
        }
    }
    if (floating.match(plain).hasMatch()) {
        bool ok = false;
        const double number = plain.toDouble(&ok);
        if (ok && std::isfinite(number)) {
            value.type = DocValue::Type::Number;
            value.text = QString::number(number, 'g', 17);
            for (int precision = 1; precision <= 17; ++precision) { // the shortest text that reads back
                const QString candidate = QString::number(number, 'g', precision);
                if (candidate.toDouble() == number) {
                    value.text = candidate;
                    break;
                }
            }
            return value;
        }
    }
    return DocValue::string(text); // timestamps, base 60, .inf and .nan stay strings
}

DocValue convert(const YAML::Node& node, int lineOffset) {
    DocValue value;
    const YAML::Mark mark = node.Mark();
    value.line = mark.line >= 0 ? mark.line + 1 + lineOffset : 0;
    value.column = mark.column >= 0 ? mark.column + 1 : 0;
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        break;
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        // yaml-cpp tags quoted and block scalars "!", plain ones "?"; an explicit !!str is a string too.
        if (node.Tag() == "?") {
            DocValue resolved = resolvePlain(text);
            resolved.line = value.line;
            resolved.column = value.column;
            return resolved;
        }
        value.type = DocValue::Type::String;
        value.text = text;
        break;
    }
    case YAML::NodeType::Sequence:
        value.type = DocValue::Type::Array;
        for (const YAML::Node& item : node) {
            value.items.push_back(convert(item, lineOffset));
        }
        break;
    case YAML::NodeType::Map:
        value.type = DocValue::Type::Object;
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!it->first.IsScalar()) {
                throw ReadFailure{
                    errorAt(it->first.Mark(), lineOffset, QStringLiteral("a key must be a string"))};
            }
            const QString key = QString::fromStdString(it->first.Scalar());
            if (value.member(key)) {
                throw ReadFailure{errorAt(it->first.Mark(), lineOffset,
                                          QStringLiteral("mapping key \"%1\" already defined").arg(key))};
            }
            DocValue child = convert(it->second, lineOffset);
            const YAML::Mark keyMark = it->first.Mark();
            child.line = keyMark.line + 1 + lineOffset;
            child.column = keyMark.column + 1;
            value.members.emplace_back(key, std::move(child));
        }
        break;
    }
    return value;
}

YamlDocument readOne(const QString& text, int lineOffset) {
    YamlDocument document;
    document.firstLine = lineOffset + 1;
    try {
        const std::vector<YAML::Node> nodes = YAML::LoadAll(text.toStdString());
        if (nodes.size() > 1) {
            document.error = errorAt(nodes[1].Mark(), lineOffset,
                                     QStringLiteral("expected one document, found %1").arg(nodes.size()));
            return document;
        }
        if (!nodes.empty()) {
            document.value = convert(nodes.front(), lineOffset);
        }
    } catch (const YAML::Exception& e) {
        document.error = errorAt(e.mark, lineOffset, QString::fromStdString(e.msg));
    } catch (const ReadFailure& failure) {
        document.error = failure.error;
    }
    return document;
}

bool isSeparator(QStringView line) {
    return line.startsWith(QLatin1String("---")) && (line.size() == 3 || line.at(3).isSpace());
}

} // namespace

QString YamlError::describe() const {
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

YamlDocument YamlReader::read(const QString& text) {
    return readOne(text, 0);
}

QList<YamlDocument> YamlReader::readAll(const QString& text) {
    QList<YamlDocument> documents;
    const QStringList lines = text.split(QLatin1Char('\n'));
    int start = 0;
    auto flush = [&](int end) {
        const QString chunk = lines.mid(start, end - start).join(QLatin1Char('\n'));
        YamlDocument document = readOne(chunk, start);
        if (!document.ok() || document.value.type != DocValue::Type::Null) {
            documents.append(std::move(document));
        }
    };
    for (int i = 0; i < lines.size(); ++i) {
        if (isSeparator(lines[i])) {
            flush(i);
            start = i + 1; // the separator line itself holds nothing
        }
    }
    flush(int(lines.size()));
    return documents;
}

} // namespace binnacle::editing
