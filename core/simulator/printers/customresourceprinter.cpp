// Custom resources: the apiextensions-apiserver table convertor driven by additionalPrinterColumns.

#include "jsonpath.h"
#include "printerutil.h"
#include "tableprinters.h"

#include <QJsonDocument>

namespace binnacle::sim {

namespace {

QString columnJsonPath(const QJsonObject& definition) {
    // apiextensions.k8s.io/v1 spells it jsonPath, v1beta1 JSONPath.
    return definition.contains(u"jsonPath") ? definition.value(u"jsonPath").toString()
                                            : definition.value(u"JSONPath").toString();
}

// The served columns: the CRD's own, or the single Age column the server supplies when there are none.
QJsonArray effectiveColumns(const QJsonArray& additionalPrinterColumns) {
    if (!additionalPrinterColumns.isEmpty())
        return additionalPrinterColumns;
    return {QJsonObject{{"name", "Age"},
                        {"type", "date"},
                        {"description", QString::fromLatin1(printers::kCreationTimestampDescription)},
                        {"jsonPath", ".metadata.creationTimestamp"}}};
}

// What jsonpath.PrintResults writes for one value: strings bare, maps and lists as compact JSON.
QJsonValue printedText(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::String:
        return value;
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        const qint64 integer = value.toInteger(std::numeric_limits<qint64>::min());
        if (integer != std::numeric_limits<qint64>::min())
            return QString::number(integer);
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Object:
    case QJsonValue::Array: {
        const QJsonDocument document =
            value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray());
        QString json = QString::fromUtf8(document.toJson(QJsonDocument::Compact));
        // encoding/json escapes HTML-significant characters; they can only occur inside strings.
        json.replace(u'<', QStringLiteral("\\u003c"))
            .replace(u'>', QStringLiteral("\\u003e"))
            .replace(u'&', QStringLiteral("\\u0026"));
        return json;
    }
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

// cellForJSONValue: typed cells, null whenever the value does not fit the declared type.
QJsonValue typedCell(const QString& type, const QJsonValue& value, const QDateTime& now) {
    if (type == u"integer" && value.isDouble())
        return qint64(value.toDouble());
    if (type == u"number" && value.isDouble())
        return value.toDouble();
    if (type == u"boolean" && value.isBool())
        return value;
    if (type == u"date" && value.isString()) {
        const QString text = value.toString();
        if (text.isEmpty() || text == u"null")
            return QStringLiteral("<unknown>");
        if (!printers::parseTimestamp(text) && !text.startsWith(u"0001-01-01T00:00:00"))
            return QStringLiteral("<invalid>");
        return translateTimestampSince(text, now);
    }
    return QJsonValue(QJsonValue::Null);
}

} // namespace

QList<TableColumn> TablePrinters::customResourceColumns(const QJsonArray& additionalPrinterColumns) {
    QList<TableColumn> columns{printers::nameColumn()};
    for (const auto& entry : effectiveColumns(additionalPrinterColumns)) {
        const QJsonObject definition = entry.toObject();
        QString description = definition.value(u"description").toString();
        if (description.isEmpty())
            description = QStringLiteral("Custom resource definition column (in JSONPath format): ") +
                          columnJsonPath(definition);
        columns.append(TableColumn{definition.value(u"name").toString(), definition.value(u"type").toString(),
                                   definition.value(u"format").toString(), description,
                                   int(definition.value(u"priority").toInteger())});
    }
    return columns;
}

TableRowData TablePrinters::customResourceRow(const QJsonArray& additionalPrinterColumns,
                                              const QJsonObject& object, const QDateTime& now) {
    QJsonArray cells{printers::objectName(object)};
    for (const auto& entry : effectiveColumns(additionalPrinterColumns)) {
        const QJsonObject definition = entry.toObject();
        const auto path = JsonPath::parse(columnJsonPath(definition));
        const QJsonArray results = path ? path->evaluate(object) : QJsonArray();
        if (results.isEmpty()) {
            cells.append(QJsonValue(QJsonValue::Null));
            continue;
        }
        // Only the first match is printed, as the server assumes simple paths.
        const QString type = definition.value(u"type").toString();
        cells.append(type == u"string" ? printedText(results.first())
                                       : typedCell(type, results.first(), now));
    }
    return TableRowData{cells, {}};
}

} // namespace binnacle::sim
