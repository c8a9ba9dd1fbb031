#include "bodydecoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>
#include <stdexcept>
#include <yaml-cpp/yaml.h>

namespace binnacle::sim {

namespace {
// Aliases let a few hundred bytes of YAML stand for gigabytes of JSON ("billion laughs"); the
// conversion stops after this many nodes, as the apiserver's YAML decoder refuses excessive aliasing.
struct ExpansionBudget {
    qsizetype nodesLeft;
};

QJsonValue yamlToJson(const YAML::Node& node, ExpansionBudget* budget = nullptr) {
    if (budget && --budget->nodesLeft < 0) {
        throw std::length_error("excessive aliasing");
    }
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto& entry : node) {
            object.insert(QString::fromStdString(entry.first.Scalar()), yamlToJson(entry.second, budget));
        }
        return object;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const auto& item : node) {
            array.append(yamlToJson(item, budget));
        }
        return array;
    }
    case YAML::NodeType::Scalar: {
        const std::string& text = node.Scalar();
        // Quoted scalars are strings, whatever they look like.
        if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") {
            return QString::fromStdString(text);
        }
        if (text == "true" || text == "True" || text == "TRUE") {
            return true;
        }
        if (text == "false" || text == "False" || text == "FALSE") {
            return false;
        }
        if (text == "null" || text == "~" || text == "Null" || text == "NULL") {
            return QJsonValue::Null;
        }
        bool isInteger = false;
        const qlonglong integer = QByteArray::fromStdString(text).toLongLong(&isInteger);
        if (isInteger) {
            return double(integer);
        }
        bool isNumber = false;
        const double number = QByteArray::fromStdString(text).toDouble(&isNumber);
        if (isNumber && std::isfinite(number) &&
            text.find_first_not_of("0123456789+-.eE") == std::string::npos) {
            return number;
        }
        return QString::fromStdString(text);
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return QJsonValue::Null;
    }
    return QJsonValue::Null;
}
void emitYaml(YAML::Emitter& out, const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        out << YAML::BeginMap;
        for (auto it = object.begin(); it != object.end(); ++it) {
            out << YAML::Key << it.key().toStdString() << YAML::Value;
            emitYaml(out, it.value());
        }
        out << YAML::EndMap;
        return;
    }
    case QJsonValue::Array:
        out << YAML::BeginSeq;
        for (const QJsonValue& item : value.toArray()) {
            emitYaml(out, item);
        }
        out << YAML::EndSeq;
        return;
    case QJsonValue::String: {
        const std::string text = value.toString().toStdString();
        // Strings that would read back as another type are quoted.
        const YAML::Node probe = YAML::Load(text.empty() ? std::string("''") : text);
        const bool ambiguous = text.empty() || !probe.IsScalar() ||
                               yamlToJson(probe).type() != QJsonValue::String ||
                               yamlToJson(probe).toString().toStdString() != text;
        if (ambiguous) {
            out << YAML::DoubleQuoted << text;
        } else {
            out << text;
        }
        return;
    }
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == double(qint64(number))) {
            out << qint64(number);
        } else {
            out << number;
        }
        return;
    }
    case QJsonValue::Bool:
        out << value.toBool();
        return;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out << YAML::Null;
        return;
    }
}
} // namespace

QByteArray encodeYaml(const QJsonValue& value) {
    YAML::Emitter out;
    emitYaml(out, value);
    return QByteArray(out.c_str()) + '\n';
}

DecodedBody decodeJsonObject(const QByteArray& body) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return {{},
                QStringLiteral("couldn't get version/kind; json parse error: %1 at offset %2")
                    .arg(parseError.errorString())
                    .arg(parseError.offset)};
    }
    if (!document.isObject()) {
        return {{},
                QStringLiteral("Object 'Kind' is missing in '%1'").arg(QString::fromUtf8(body.left(200)))};
    }
    return {document.object(), QString()};
}

DecodedBody decodeYamlOrJsonObject(const QByteArray& body) {
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{')) {
        return decodeJsonObject(trimmed);
    }
    try {
        const YAML::Node root = YAML::Load(body.toStdString());
        ExpansionBudget budget{std::max<qsizetype>(100000, body.size())};
        const QJsonValue value = yamlToJson(root, &budget);
        if (!value.isObject()) {
            return {{}, QStringLiteral("error decoding YAML: the document is not an object")};
        }
        return {value.toObject(), QString()};
    } catch (const YAML::Exception& error) {
        return {{},
                QStringLiteral("error converting YAML to JSON: yaml: line %1: %2")
                    .arg(error.mark.line + 1)
                    .arg(QString::fromStdString(error.msg))};
    } catch (const std::length_error&) {
        return {{}, QStringLiteral("error converting YAML to JSON: yaml: document contains excessive aliasing")};
    }
}

} // namespace binnacle::sim
