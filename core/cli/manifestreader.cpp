#include "manifestreader.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <yaml-cpp/yaml.h>

namespace binnacle::cli {

namespace {

QJsonValue plainScalar(const QString& text) {
    static const QStringList trueWords = {"y",    "Y",    "yes", "Yes", "YES", "true",
                                          "True", "TRUE", "on",  "On",  "ON"};
    static const QStringList falseWords = {"n",     "N",     "no",  "No",  "NO", "false",
                                           "False", "FALSE", "off", "Off", "OFF"};
    static const QStringList nullWords = {"", "~", "null", "Null", "NULL"};
    if (nullWords.contains(text)) {
        return QJsonValue::Null;
    }
    if (trueWords.contains(text)) {
        return true;
    }
    if (falseWords.contains(text)) {
        return false;
    }
    static const QRegularExpression decimal(QStringLiteral("^[-+]?[0-9]+$"));
    static const QRegularExpression floating(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    QString plain = text;
    plain.remove(QLatin1Char('_'));
    bool ok = false;
    if (decimal.match(plain).hasMatch()) {
        const qint64 value = plain.toLongLong(&ok, 10);
        if (ok) {
            return double(value);
        }
    }
    if (plain.startsWith(QLatin1String("0x")) || plain.startsWith(QLatin1String("0o"))) {
        const qint64 value = plain.mid(2).toLongLong(&ok, plain.at(1) == QLatin1Char('x') ? 16 : 8);
        if (ok) {
            return double(value);
        }
    }
    if (floating.match(plain).hasMatch()) {
        return plain.toDouble();
    }
    return text;
}

QJsonValue toJson(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto& entry : node) {
            object.insert(QString::fromStdString(entry.first.Scalar()), toJson(entry.second));
        }
        return object;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node& item : node) {
            array.append(toJson(item));
        }
        return array;
    }
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        // "?" is a plain scalar; "!" a quoted one, always a string.
        return node.Tag() == "!" ? QJsonValue(text) : plainScalar(text);
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return QJsonValue::Null;
}

} // namespace

bool readManifest(const QByteArray& text, QList<QJsonObject>* objects, QString* error) {
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(text.toStdString());
    } catch (const YAML::Exception& exception) {
        *error = QStringLiteral("error converting YAML to JSON: yaml: line %1: %2")
                     .arg(exception.mark.line + 1)
                     .arg(QString::fromStdString(exception.msg));
        return false;
    }
    for (const YAML::Node& document : documents) {
        const QJsonValue value = toJson(document);
        if (!value.isObject() || value.toObject().isEmpty()) {
            continue;
        }
        const QJsonObject object = value.toObject();
        if (object.value(QLatin1String("kind")).toString().endsWith(QLatin1String("List")) &&
            object.value(QLatin1String("items")).isArray()) {
            for (const QJsonValue& item : object.value(QLatin1String("items")).toArray()) {
                objects->append(item.toObject());
            }
        } else {
            objects->append(object);
        }
    }
    return true;
}

} // namespace binnacle::cli
