#pragma once

#include "listpageparser.h"

#include <QString>

namespace binnacle::cli {

// Renders server-side Table rows as kubectl prints them: upper-case headers, columns padded to their
// widest cell plus three spaces, wide-only columns (priority > 0) with -o wide, a NAMESPACE column
// first for --all-namespaces, "<none>" for empty cells.
struct TableTextOptions {
    bool wide = false;
    bool withNamespace = false;
    bool noHeaders = false;
};

// Lines of cells laid out as Go's tabwriter does for kubectl: every cell but the last padded to its
// column's widest cell plus three spaces.
QString renderColumns(const QList<QStringList>& lines);
// The same with column widths carried between calls, as kubectl's watch output keeps them: each call widens
// `runningWidths` to its own cells first.
QString renderColumns(const QList<QStringList>& lines, QList<qsizetype>* runningWidths);

// The header (unless noHeaders) and each row's cells, before padding.
QList<QStringList> tableLines(const QList<client::TableColumn>& columns,
                              const QList<client::ObjectSummary>& rows, const TableTextOptions& options);

QString renderTable(const QList<client::TableColumn>& columns, const QList<client::ObjectSummary>& rows,
                    const TableTextOptions& options);

} // namespace binnacle::cli
