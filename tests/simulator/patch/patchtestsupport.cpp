#include "patchtestsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <yaml-cpp/yaml.h>

namespace binnacle::sim::test {

QJsonValue json(const char* text) {
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray("[") + text + QByteArray("]"));
    Q_ASSERT_X(document.isArray(), "json", text);
    return document.array().at(0);
}

namespace {

QJsonValue scalarToJson(const YAML::Node& node) {
    const QString text = QString::fromStdString(node.Scalar());
    if (node.Tag() == "!") // quoted: always a string
        return text;
    if (text == QLatin1String("null") || text == QLatin1String("~") || text.isEmpty())
        return QJsonValue(QJsonValue::Null);
    if (text == QLatin1String("true") || text == QLatin1String("false"))
        return text == QLatin1String("true");
    bool isInteger = false;
    const qlonglong integer = text.toLongLong(&isInteger);
    if (isInteger)
        return integer;
    return text;
}

QJsonValue toJson(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto& entry : node)
            object.insert(QString::fromStdString(entry.first.Scalar()), toJson(entry.second));
        return object;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const auto& item : node)
            array.append(toJson(item));
        return array;
    }
    case YAML::NodeType::Scalar:
        return scalarToJson(node);
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

} // namespace

QJsonObject loadYamlFixture(const QString& fileName) {
    QFile file(QStringLiteral(BINNACLE_FIXTURES_DIR "/") + fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return toJson(YAML::Load(file.readAll().toStdString())).toObject();
}

} // namespace binnacle::sim::test
