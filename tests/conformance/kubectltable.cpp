#include "kubectltable.h"

namespace binnacle::sim::conformance {

KubectlTable KubectlTable::parse(const QString& text) {
    KubectlTable table;
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty()) {
        return table;
    }
    const QString& headerLine = lines.first();
    QList<qsizetype> starts;
    for (qsizetype i = 0; i < headerLine.size(); ++i) {
        const bool startsWord = headerLine.at(i) != QLatin1Char(' ') &&
                                (i == 0 || (i >= 2 && headerLine.at(i - 1) == QLatin1Char(' ') &&
                                            headerLine.at(i - 2) == QLatin1Char(' ')));
        if (startsWord) {
            starts.append(i);
        }
    }
    auto cellsOf = [&starts](const QString& line) {
        QStringList cells;
        for (qsizetype c = 0; c < starts.size(); ++c) {
            const qsizetype from = starts.at(c);
            const qsizetype to = c + 1 < starts.size() ? starts.at(c + 1) : line.size();
            cells.append(from < line.size() ? line.mid(from, to - from).trimmed() : QString());
        }
        return cells;
    };
    table.m_header = cellsOf(headerLine);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        table.m_rows.append(cellsOf(lines.at(i)));
    }
    return table;
}

QStringList KubectlTable::column(const QString& name) const {
    QStringList cells;
    const int index = columnIndex(name);
    if (index < 0) {
        return cells;
    }
    for (const QStringList& row : m_rows) {
        cells.append(row.value(index));
    }
    return cells;
}

QStringList KubectlTable::rowWhere(const QString& keyColumn, const QString& key) const {
    const int index = columnIndex(keyColumn);
    for (const QStringList& row : m_rows) {
        if (index >= 0 && row.value(index) == key) {
            return row;
        }
    }
    return {};
}

QString KubectlTable::cell(const QStringList& row, const QString& name) const {
    const int index = columnIndex(name);
    return index < 0 ? QString() : row.value(index);
}

} // namespace binnacle::sim::conformance
