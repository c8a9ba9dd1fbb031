#include "tableprinters.h"

#include "printerutil.h"

#include <QHash>

namespace binnacle::sim {

using printers::KindPrinter;

QJsonObject TableColumn::toJson() const {
    return {{"name", name},
            {"type", type},
            {"format", format},
            {"description", description},
            {"priority", priority}};
}

QJsonObject TableRowData::toJson() const {
    QJsonObject row{{"cells", cells}};
    if (!conditions.isEmpty())
        row.insert(QStringLiteral("conditions"), conditions);
    return row;
}

namespace {

QString printerKey(const QString& group, const QString& kind) {
    const QString normalizedGroup = group == u"core" ? QString() : group;
    return normalizedGroup + u'/' + kind;
}

const QHash<QString, KindPrinter>& printerIndex() {
    static const QHash<QString, KindPrinter> index = [] {
        QHash<QString, KindPrinter> printers;
        for (const auto& list :
             {printers::podPrinters(), printers::workloadPrinters(), printers::corePrinters(),
              printers::eventPrinters(), printers::clusterPrinters(), printers::servicePrinters(),
              printers::volumePrinters(), printers::networkingPrinters(), printers::autoscalingPrinters()}) {
            for (const auto& printer : list)
                printers.insert(printerKey(printer.group, printer.kind), printer);
        }
        return printers;
    }();
    return index;
}

const KindPrinter* findPrinter(const QString& group, const QString& kind) {
    // A table prints one kind row after row: remember the last answer (per thread), rather than build and
    // hash the key again for every row.
    struct LastFound {
        QString group;
        QString kind;
        const KindPrinter* printer = nullptr;
    };
    thread_local LastFound last;
    if (!last.kind.isNull() && kind == last.kind && group == last.group)
        return last.printer;
    const auto& index = printerIndex();
    const auto it = index.constFind(printerKey(group, kind));
    last = LastFound{group, kind, it == index.constEnd() ? nullptr : &it.value()};
    return last.printer;
}

TableRowData printRow(const QString& group, const QString& kind, const QJsonObject& object,
                      const QDateTime& now, const DerivedCache* cache) {
    if (const KindPrinter* printer = findPrinter(group, kind)) {
        if (printer->row)
            return printer->row(object, now, cache);
        TableRowData row{printer->cells(object, now), {}};
        if (printer->conditions)
            row.conditions = printer->conditions(object);
        return row;
    }
    // The default convertor prints the creation time itself (RFC 3339, UTC) and lets kubectl age it.
    const auto created = printers::parseTimestamp(printers::stringAt(object, u"metadata.creationTimestamp"));
    const QString createdAt = created ? created->toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"))
                                      : QStringLiteral("0001-01-01T00:00:00Z");
    return TableRowData{{printers::objectName(object), createdAt}, {}};
}

} // namespace

bool TablePrinters::hasPrinter(const QString& group, const QString& kind) {
    return findPrinter(group, kind) != nullptr;
}

QList<TableColumn> TablePrinters::columns(const QString& group, const QString& kind) {
    if (const KindPrinter* printer = findPrinter(group, kind))
        return printer->columns;
    // rest.defaultTableConvertor, used by every kind without a printer (Role, LimitRange, CRDs, ...).
    return {printers::nameColumn(),
            TableColumn{QStringLiteral("Created At"), QStringLiteral("date"), QString(),
                        QString::fromLatin1(printers::kCreationTimestampDescription), 0}};
}

TableRowData TablePrinters::row(const QString& group, const QString& kind, const QJsonObject& object,
                                const QDateTime& now) {
    return printRow(group, kind, object, now, nullptr);
}

TableRowData TablePrinters::row(const QString& group, const QString& kind, const QJsonObject& object,
                                const QDateTime& now, const DerivedCache& cache) {
    return printRow(group, kind, object, now, &cache);
}

} // namespace binnacle::sim
