#pragma once

#include "informersubscription.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace binnacle {

// The rows of one informer as a table: the server's Table columns for any kind (the same as kubectl's,
// CRD printer columns included), a NAMESPACE column first when several namespaces are shown, and an Age
// that ticks. Rows are kept sorted by namespace/name (kubectl's order) and identified by uid, so a view's
// selection survives updates; batches from the informer are applied as merged insert, change and remove
// ranges, never as a reset. Only a new source (another kind, cluster or column set) resets the model.
class ResourceTableModel : public QAbstractTableModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by a resource view")
    Q_PROPERTY(bool showNamespace READ showNamespace WRITE setShowNamespace NOTIFY showNamespaceChanged)
    Q_PROPERTY(int ageColumn READ ageColumn NOTIFY columnsReset)
    Q_PROPERTY(int statusColumn READ statusColumn NOTIFY columnsReset)
public:
    enum Role {
        SortRole =
            Qt::UserRole + 1, // a value that orders the column: numbers as numbers, age by creation time
        UidRole,              // the object's uid (row identity)
        KeyRole,              // namespace/name, or name
        NameRole,
        NamespaceRole,
        StatusRole,   // the row's Status cell (pods, nodes ...), for colouring; empty when the kind has none
        DeletingRole, // true while the object waits for its finalizers
        LabelsRole,   // "key=value" strings, for filters
        PriorityRole, // headerData only: 0 for default columns, > 0 for -o wide ones
        ColumnTypeRole, // headerData only: the OpenAPI type (string, integer, number, date ...)
        // The row's display texts, every column in order (any column's index answers): a list view
        // draws a whole row from one role, and a change of the row re-binds its texts in place.
        CellsRole,
    };
    Q_ENUM(Role)

    explicit ResourceTableModel(QObject* parent = nullptr);
    ~ResourceTableModel() override;

    // The informer whose rows to show; the model resets once and then follows its batches. Not owned.
    void setSubscription(informers::InformerSubscription* subscription);
    informers::InformerSubscription* subscription() const { return m_subscription; }

    bool showNamespace() const { return m_showNamespace; }
    void setShowNamespace(bool show);
    int ageColumn() const { return m_ageColumn; }
    // Whether `column` lies in the range the once-a-second age tick reports as changed.
    bool ticks(int column) const {
        return m_firstTickingColumn >= 0 && column >= m_firstTickingColumn && column <= m_lastTickingColumn;
    }
    int statusColumn() const { return m_statusColumn; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The row showing the object with this uid, or -1.
    Q_INVOKABLE int rowOfUid(const QString& uid) const;
    // The row showing the object with this key (namespace/name, or name), or -1. Rows are kept in key
    // order, so this is a binary search where rowOfUid scans.
    Q_INVOKABLE int rowOfKey(const QString& key) const;
    informers::CachedObjectPtr objectAt(int row) const;
    // Now, for ages; tests set it to make ages deterministic (0: the real clock).
    void setNowForTesting(qint64 msecsSinceEpoch) { m_fixedNow = msecsSinceEpoch; }

    // kubectl's HumanDuration ("45s", "3m12s", "5h", "12d", "2y30d").
    static QString humanDuration(qint64 msecs);
    // Its inverse, to the precision printed ("3m12s" -> 192,000 ms); -1 when `text` is not a duration.
    static qint64 parseHumanDuration(QStringView text);

signals:
    void showNamespaceChanged();
    void columnsReset();
    // Around the once-a-second dataChanged of the ticking columns (ages): nothing else about the rows
    // changed, which a proxy can use to skip re-filtering every row.
    void agesAboutToTick();
    void agesTicked();

private:
    struct Column {
        QString name;
        QString type;
        int priority = 0;
        // Age: from creationTimestamp. Elapsed: a duration the server printed when it sent the row (Last
        // Seen, a CRD's date column, a restart's "(5m ago)"), counted on from when the row came.
        enum class Source { Namespace, Cell, Age, Elapsed } source = Source::Cell;
        int cell = -1;
    };

    void applyBatch(const informers::InformerBatch& batch);
    void rebuildColumns();
    void removeObjects(const QList<informers::CachedObjectPtr>& objects);
    void updateObjects(const QList<informers::CachedObjectPtr>& objects,
                       QList<informers::CachedObjectPtr>* missing);
    void insertObjects(QList<informers::CachedObjectPtr> objects);
    // Position of the row with `key`, or where it would go.
    qsizetype lowerBound(const QString& key) const;
    qsizetype findRow(const informers::CachedObject& object) const;
    QString cellText(const informers::CachedObject& object, const Column& column) const;
    // `text` with its printed duration counted on to now.
    QString agedCell(const informers::CachedObject& object, const QString& text) const;
    QVariant sortValue(const informers::CachedObject& object, const Column& column) const;
    qint64 now() const;
    void tickAges();

    QPointer<informers::InformerSubscription> m_subscription;
    QMetaObject::Connection m_batchConnection;
    QMetaObject::Connection m_columnsConnection;
    std::vector<informers::CachedObjectPtr> m_rows; // sorted by key
    QList<client::TableColumn> m_tableColumns;
    QList<Column> m_columns;
    int m_ageColumn = -1;
    // The span of columns whose text changes with time alone, repainted by the timer.
    int m_firstTickingColumn = -1;
    int m_lastTickingColumn = -1;
    int m_statusColumn = -1;
    int m_statusCell = -1;
    bool m_showNamespace = false;
    qint64 m_fixedNow = 0;
    QTimer m_ageTimer;
};

} // namespace binnacle
