#include "yamlnodes.h"

#include <QJsonArray>
#include <QJsonObject>

namespace binnacle::config::yaml {

namespace {

// yaml-cpp tags a quoted or block scalar "!" and a plain one "?"; nodes built in code have no tag.
constexpr const char* kNonSpecificTag = "!";
constexpr const char* kPlainTag = "?";

QString fromStd(const std::string& text) {
    return QString::fromStdString(text);
}

bool isQuoted(const YAML::Node& node) {
    return node.Tag() == kNonSpecificTag;
}

bool readsAsBool(const QString& text, bool* value) {
    static const QStringList trueWords = {QStringLiteral("true"), QStringLiteral("yes"), QStringLiteral("on"),
                                          QStringLiteral("y")};
    static const QStringList falseWords = {QStringLiteral("false"), QStringLiteral("no"),
                                           QStringLiteral("off"), QStringLiteral("n")};
    const QString lower = text.toLower();
    if (trueWords.contains(lower)) {
        *value = true;
        return true;
    }
    if (falseWords.contains(lower)) {
        *value = false;
        return true;
    }
    return false;
}

bool looksNumeric(const QString& text) {
    if (text.isEmpty())
        return false;
    const QChar first = text.front();
    return first.isDigit() || first == QLatin1Char('-') || first == QLatin1Char('+') ||
           first == QLatin1Char('.');
}

QJsonValue plainScalarToJson(const QString& text) {
    bool boolean = false;
    if (readsAsBool(text, &boolean))
        return boolean;
    if (text == QLatin1String("~") || text.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0)
        return QJsonValue::Null;
    if (looksNumeric(text)) {
        bool ok = false;
        const qlonglong integer = text.toLongLong(&ok);
        if (ok)
            return integer;
        const double real = text.toDouble(&ok);
        if (ok)
            return real;
    }
    return text;
}

void emitNode(YAML::Emitter& out, const YAML::Node& node) {
    const std::string& tag = node.Tag();
    if (!tag.empty() && tag != kPlainTag && tag != kNonSpecificTag)
        out << YAML::VerbatimTag(tag);
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        out << YAML::Null;
        break;
    case YAML::NodeType::Scalar:
        if (isQuoted(node))
            out << YAML::DoubleQuoted;
        out << node.Scalar();
        break;
    case YAML::NodeType::Sequence:
        if (node.Style() == YAML::EmitterStyle::Flow)
            out << YAML::Flow;
        out << YAML::BeginSeq;
        for (const YAML::Node& item : node)
            emitNode(out, item);
        out << YAML::EndSeq;
        break;
    case YAML::NodeType::Map:
        if (node.Style() == YAML::EmitterStyle::Flow)
            out << YAML::Flow;
        out << YAML::BeginMap;
        for (const auto& entry : node) {
            out << YAML::Key;
            emitNode(out, entry.first);
            out << YAML::Value;
            emitNode(out, entry.second);
        }
        out << YAML::EndMap;
        break;
    }
}

} // namespace

QString scalarText(const YAML::Node& node, const char* field) {
    if (!node.IsDefined() || node.IsNull())
        return {};
    if (!node.IsScalar())
        throw ShapeError{node.Mark(), QStringLiteral("\"%1\" must be a string").arg(QLatin1String(field))};
    return fromStd(node.Scalar());
}

bool scalarBool(const YAML::Node& node, const char* field) {
    if (!node.IsDefined() || node.IsNull())
        return false;
    bool value = false;
    if (!node.IsScalar() || !readsAsBool(fromStd(node.Scalar()), &value))
        throw ShapeError{node.Mark(),
                         QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(field))};
    return value;
}

QStringList stringList(const YAML::Node& node, const char* field) {
    QStringList values;
    if (!node.IsDefined() || node.IsNull())
        return values;
    if (!node.IsSequence())
        throw ShapeError{node.Mark(), QStringLiteral("\"%1\" must be a list").arg(QLatin1String(field))};
    for (const YAML::Node& item : node)
        values.append(scalarText(item, field));
    return values;
}

void requireMapOrNull(const YAML::Node& node, const char* field) {
    if (node.IsDefined() && !node.IsNull() && !node.IsMap())
        throw ShapeError{node.Mark(), QStringLiteral("\"%1\" must be a map").arg(QLatin1String(field))};
}

QJsonValue toJson(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return QJsonValue::Null;
    case YAML::NodeType::Scalar:
        if (node.Tag() == kPlainTag || node.Tag().empty())
            return plainScalarToJson(fromStd(node.Scalar()));
        return fromStd(node.Scalar());
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node& item : node)
            array.append(toJson(item));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto& entry : node)
            object.insert(scalarText(entry.first, "key"), toJson(entry.second));
        return object;
    }
    }
    return QJsonValue::Null;
}

YAML::Node stringNode(const QString& value) {
    YAML::Node node(value.toStdString());
    // Leading digits are quoted too: YAML 1.1 readers also take hex, octal and timestamps from them.
    const bool ambiguous =
        value.isEmpty() || value.front().isDigit() || plainScalarToJson(value) != QJsonValue(value);
    if (ambiguous)
        node.SetTag(kNonSpecificTag);
    return node;
}

std::string toYamlText(const YAML::Node& document) {
    YAML::Emitter out;
    emitNode(out, document);
    std::string text = out.c_str();
    text += '\n';
    return text;
}

} // namespace binnacle::config::yaml
