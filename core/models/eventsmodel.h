#pragma once

#include "informersubscription.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace binnacle {

// The events of one object, newest first, live: fed by an informer of core v1 events (Objects form, with
// an involvedObject field selector). Batches become merged insert and remove ranges, changes in place or
// row moves (an event seen again moves to the top); never a reset on live updates.
class EventsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by an ObjectModel")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int warningCount READ warningCount NOTIFY countChanged)
public:
    enum Role {
        TypeRole = Qt::UserRole + 1, // "Normal", "Warning"
        ReasonRole,
        MessageRole,
        CountRole,         // times seen (count, or series.count), at least 1
        LastTimestampRole, // QDateTime (UTC): lastTimestamp, series.lastObservedTime, eventTime, ...
        FirstTimestampRole,
        SourceRole, // "kubelet/node-1", the reporting component (and host or instance)
        UidRole,
        NameRole,
    };
    Q_ENUM(Role)

    struct Event {
        informers::CachedObjectPtr object;
        QString type;
        QString reason;
        QString message;
        QString source;
        int count = 1;
        QDateTime first;
        QDateTime last;
    };

    explicit EventsModel(QObject* parent = nullptr);
    ~EventsModel() override;

    // The informer to follow; resets once (null: empty). Not owned.
    void setSubscription(informers::InformerSubscription* subscription);
    informers::InformerSubscription* subscription() const { return m_subscription; }

    int count() const { return int(m_rows.size()); }
    int warningCount() const { return m_warningCount; }
    const Event& eventAt(int row) const { return m_rows.at(size_t(row)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static Event eventFrom(const informers::CachedObjectPtr& object);

signals:
    void countChanged();

private:
    void applyBatch(const informers::InformerBatch& batch);
    void removeUids(const QSet<QString>& uids);
    void updateEvents(const QList<informers::CachedObjectPtr>& objects,
                      QList<informers::CachedObjectPtr>* missing);
    void insertEvents(const QList<informers::CachedObjectPtr>& objects);
    qsizetype rowOfUid(const QString& uid) const;
    qsizetype insertPosition(const Event& event) const;
    void recountWarnings();

    QPointer<informers::InformerSubscription> m_subscription;
    QMetaObject::Connection m_batchConnection;
    std::vector<Event> m_rows; // newest first; ties by uid
    int m_warningCount = 0;
};

} // namespace binnacle
