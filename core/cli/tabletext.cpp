#include "tabletext.h"

namespace binnacle::cli {

namespace {
// kubectl prints <none> for a cell without a value.
QString cellText(const QString& cell) {
    return cell.isNull() ? QStringLiteral("<none>") : cell;
}
} // namespace

QString renderColumns(const QList<QStringList>& lines) {
    QList<qsizetype> widths;
    return renderColumns(lines, &widths);
}

QString renderColumns(const QList<QStringList>& lines, QList<qsizetype>* runningWidths) {
    QList<qsizetype>& widths = *runningWidths;
    for (const QStringList& line : lines) {
        for (qsizetype i = 0; i < line.size(); ++i) {
            if (i >= widths.size()) {
                widths.append(0);
            }
            widths[i] = std::max(widths[i], line.at(i).size());
        }
    }
    QString text;
    for (const QStringList& line : lines) {
        for (qsizetype i = 0; i < line.size(); ++i) {
            text += i + 1 < line.size() ? line.at(i).leftJustified(widths[i] + 3) : line.at(i);
        }
        text += QLatin1Char('\n');
    }
    return text;
}

QString renderTable(const QList<client::TableColumn>& columns, const QList<client::ObjectSummary>& rows,
                    const TableTextOptions& options) {
    return renderColumns(tableLines(columns, rows, options));
}

QList<QStringList> tableLines(const QList<client::TableColumn>& columns,
                              const QList<client::ObjectSummary>& rows, const TableTextOptions& options) {
    QList<int> shown;
    for (int i = 0; i < columns.size(); ++i) {
        if (options.wide || columns.at(i).priority == 0) {
            shown.append(i);
        }
    }
    QList<QStringList> lines;
    if (!options.noHeaders) {
        QStringList header;
        if (options.withNamespace) {
            header.append(QStringLiteral("NAMESPACE"));
        }
        for (int i : shown) {
            header.append(columns.at(i).name.toUpper());
        }
        lines.append(header);
    }
    for (const client::ObjectSummary& row : rows) {
        QStringList line;
        if (options.withNamespace) {
            line.append(row.namespaceName);
        }
        for (int i : shown) {
            line.append(cellText(row.tableCells.value(i))); // a short row: <none>
        }
        lines.append(line);
    }
    return lines;
}

} // namespace binnacle::cli
