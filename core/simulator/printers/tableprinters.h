#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace binnacle::sim {

class DerivedCache;

// One entry of a Table's columnDefinitions (meta.k8s.io/v1 TableColumnDefinition).
struct TableColumn {
    QString name;
    QString type;
    QString format;
    QString description;
    int priority = 0;

    QJsonObject toJson() const;
};

// The per-object part of a Table row; the caller adds rows[].object according to includeObject.
struct TableRowData {
    QJsonArray cells;      // exactly one entry per column, in column order
    QJsonArray conditions; // [{"type":"Completed","status":"True",...}] for finished pods, else empty

    QJsonObject toJson() const;
};

// The printers kube-apiserver registers for built-in kinds (pkg/printers/internalversion), rendered the
// way the server renders them: always "wide", so every column has a cell and priority only tells kubectl
// which columns to hide without -o wide.
class TablePrinters {
public:
    // Columns of the built-in printer for (group, kind), group "" (or "core") for the core API. Kinds
    // without a printer get the server's default pair: Name (format name) + "Created At" (type date).
    static QList<TableColumn> columns(const QString& group, const QString& kind);
    static TableRowData row(const QString& group, const QString& kind, const QJsonObject& object,
                            const QDateTime& now);
    // The same row, taking what the printer derives from `object` alone from `cache` (filling it on first
    // use) where the kind's printer supports that (Pod). `cache` must belong to `object` and `object` must
    // not change while it lives: a stored object version's cache (StoredObject::derivedCache()).
    static TableRowData row(const QString& group, const QString& kind, const QJsonObject& object,
                            const QDateTime& now, const DerivedCache& cache);
    // Whether (group, kind) has a dedicated printer, as opposed to the default Name + Created At.
    static bool hasPrinter(const QString& group, const QString& kind);

    // Custom resources: Name first, then one column per additionalPrinterColumns entry of the served CRD
    // version (a single Age column when none are defined), as the apiextensions table convertor does.
    static QList<TableColumn> customResourceColumns(const QJsonArray& additionalPrinterColumns);
    static TableRowData customResourceRow(const QJsonArray& additionalPrinterColumns,
                                          const QJsonObject& object, const QDateTime& now);
};

// Exactly apimachinery's duration.HumanDuration: "5s", "3m2s", "12m", "5h3m", "20h", "2d5h", "45d", "3y45d".
QString humanDuration(qint64 seconds);
// HumanDuration of now - timestamp; "<unknown>" if the timestamp is empty, unparsable or Go's zero time.
QString translateTimestampSince(const QString& rfc3339, const QDateTime& now);

} // namespace binnacle::sim
