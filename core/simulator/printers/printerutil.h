#pragma once

// Internal to the printers library: the pieces every kind's printer is made of.

#include "tableprinters.h"

#include <QJsonValue>
#include <QStringList>
#include <optional>

namespace binnacle::sim::printers {

using CellsFunction = QJsonArray (*)(const QJsonObject& object, const QDateTime& now);
using ConditionsFunction = QJsonArray (*)(const QJsonObject& object);
// The whole row at once, for a printer that splits it into facts of the object alone and their rendering
// at `now`: the facts come from (and are kept in) `cache` when there is one, else are computed afresh.
using RowFunction = TableRowData (*)(const QJsonObject& object, const QDateTime& now,
                                     const DerivedCache* cache);

// A kind's printer: either cells (and optionally conditions), or row.
struct KindPrinter {
    QString group;
    QString kind;
    QList<TableColumn> columns;
    CellsFunction cells = nullptr;
    ConditionsFunction conditions = nullptr;
    RowFunction row = nullptr;
};

// Each printer file contributes its kinds; tableprinters.cpp indexes them.
QList<KindPrinter> podPrinters();
QList<KindPrinter> workloadPrinters();
QList<KindPrinter> corePrinters();
QList<KindPrinter> eventPrinters();
QList<KindPrinter> clusterPrinters();
QList<KindPrinter> servicePrinters();
QList<KindPrinter> volumePrinters();
QList<KindPrinter> networkingPrinters();
QList<KindPrinter> autoscalingPrinters();

// ObjectMeta's own field documentation, used by kube for the Name and Age columns.
extern const char* const kNameDescription;
extern const char* const kCreationTimestampDescription;
extern const char* const kContainersDescription;
extern const char* const kImagesDescription;

TableColumn column(const QString& name, const QString& type, const QString& description, int priority = 0);
TableColumn nameColumn();
TableColumn ageColumn();

// Walks a dot-separated path of object keys ("status.nodeInfo.osImage"); undefined when absent.
QJsonValue valueAt(const QJsonObject& object, QStringView dottedPath);
QString stringAt(const QJsonObject& object, QStringView dottedPath);
qint64 integerAt(const QJsonObject& object, QStringView dottedPath, qint64 fallback = 0);
QJsonArray arrayAt(const QJsonObject& object, QStringView dottedPath);
QJsonObject objectAt(const QJsonObject& object, QStringView dottedPath);

QString objectName(const QJsonObject& object);
// translateTimestampSince(metadata.creationTimestamp).
QString age(const QJsonObject& object, const QDateTime& now);

std::optional<QDateTime> parseTimestamp(const QString& rfc3339);
// The same reading as milliseconds since the Unix epoch (UTC), without building a QDateTime.
std::optional<qint64> parseTimestampMsecs(QStringView rfc3339);
// HumanDuration of now - the instant: translateTimestampSince for a timestamp already parsed.
QString durationSince(qint64 msecsSinceEpoch, const QDateTime& now);

// A row of string cells, the array the printers return, built at a fraction of what QJsonArray's
// initializer list or append() costs (see printerutil.cpp).
QJsonArray stringCells(std::initializer_list<QStringView> cells);

// labels.FormatLabels: "k=v,k2=v2" sorted by key, "<none>" when empty.
QString formatLabels(const QJsonObject& labels);
// LabelSelector rendered by labels.Selector.String(); "" for a nil or empty selector.
QString labelSelectorString(const QJsonValue& selector);
// metav1.FormatLabelSelector: labelSelectorString, or "<none>" when that is empty.
QString formatLabelSelector(const QJsonValue& selector);

// layoutContainerCells: container names and images, each comma-joined.
std::pair<QString, QString> containerNamesAndImages(const QJsonArray& containers);

// IntOrString.String(): 3 -> "3", "25%" -> "25%".
QString intOrString(const QJsonValue& value);
// printBoolPtr: "True" / "False" / "<unset>".
QString boolPointer(const QJsonValue& value);
QStringList stringList(const QJsonArray& array);
// Sorted, duplicates dropped, joined: how kube prints a sets.String.
QString joinSorted(QStringList values, const QString& separator);

} // namespace binnacle::sim::printers
