#pragma once

// Test objects: inline JSON, and the shared YAML fixtures read into Qt's JSON model, typing plain scalars the
// way YAML 1.2's core schema (and the API server's YAML decoder) does.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QString>
#include <yaml-cpp/yaml.h>

namespace binnacle::sim::testing {

inline QJsonValue yamlToJson(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto& entry : node)
            object.insert(QString::fromStdString(entry.first.as<std::string>()), yamlToJson(entry.second));
        return object;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const auto& element : node)
            array.append(yamlToJson(element));
        return array;
    }
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        if (node.Tag() != "?") // quoted: always a string
            return text;
        if (text == u"null" || text == u"~")
            return QJsonValue(QJsonValue::Null);
        if (text == u"true" || text == u"false")
            return text == u"true";
        static const QRegularExpression integer(QStringLiteral("^[-+]?[0-9]+$"));
        static const QRegularExpression number(
            QStringLiteral("^[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$"));
        if (integer.match(text).hasMatch())
            return text.toLongLong();
        if (number.match(text).hasMatch())
            return text.toDouble();
        return text;
    }
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

inline QJsonObject json(const char* text) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test object: %s", qPrintable(error.errorString()));
    return document.object();
}

inline QJsonObject loadYamlFixture(const QString& fileName) {
    const QString path = QStringLiteral(BINNACLE_FIXTURES_DIR "/") + fileName;
    return yamlToJson(YAML::LoadFile(path.toStdString())).toObject();
}

} // namespace binnacle::sim::testing
