#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace binnacle::sim::conformance {

// kubectl's human-readable table (get, api-resources, auth whoami...) read back into cells. kubectl aligns
// columns with a tabwriter that pads with at least three spaces, so a column starts where a header word
// follows two or more spaces; header names with one inner space ("LAST SEEN", "ACCESS MODES") stay whole, and
// empty cells (a resource without short names) stay empty instead of shifting the row.
class KubectlTable {
public:
    static KubectlTable parse(const QString& text);

    const QStringList& header() const { return m_header; }
    const QList<QStringList>& rows() const { return m_rows; }
    int columnIndex(const QString& name) const { return int(m_header.indexOf(name)); }
    // The cells of one column, top to bottom; empty when there is no such column.
    QStringList column(const QString& name) const;
    // The first row whose `keyColumn` cell equals `key`; empty when none.
    QStringList rowWhere(const QString& keyColumn, const QString& key) const;
    QString cell(const QStringList& row, const QString& name) const;

private:
    QStringList m_header;
    QList<QStringList> m_rows;
};

} // namespace binnacle::sim::conformance
