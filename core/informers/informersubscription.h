#pragma once

#include "informer.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

namespace binnacle::informers {

// A view's end of a shared informer, on the view's (GUI) thread: receives finished batches and mirrors
// the watch health as properties, so that no view shows stale data without saying so.
class InformerSubscription : public QObject {
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY statusChanged)
    Q_PROPERTY(QString stateName READ stateName NOTIFY statusChanged)
    Q_PROPERTY(int attempt READ attempt NOTIFY statusChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY statusChanged)
    Q_PROPERTY(QDateTime stateSince READ stateSince NOTIFY statusChanged)
    Q_PROPERTY(QDateTime lastEventAt READ lastEventAt NOTIFY statusChanged)
    Q_PROPERTY(qsizetype objectCount READ objectCount NOTIFY objectCountChanged)
    Q_PROPERTY(bool synced READ synced NOTIFY objectCountChanged)
public:
    // Mirrors watch::ReflectorState for QML.
    enum class State { Idle, Syncing, Live, Reconnecting, Stale, Forbidden, Error };
    Q_ENUM(State)

    explicit InformerSubscription(QObject* parent = nullptr);

    State state() const { return State(int(m_status.state)); }
    QString stateName() const;
    int attempt() const { return m_status.attempt; }
    QString lastError() const { return m_status.lastError; }
    QDateTime stateSince() const { return m_status.stateSince; }
    QDateTime lastEventAt() const { return m_status.lastEventAt; }
    qsizetype objectCount() const { return m_objectCount; }
    bool synced() const { return m_synced; }
    bool hasSnapshot() const { return m_haveSnapshot; }
    const watch::ReflectorStatus& status() const { return m_status; }
    const QList<client::TableColumn>& columns() const { return m_columns; }

    // Asks the informer for the whole cache again (a model attached after the first snapshot went by).
    // Later batches are ignored until it arrives.
    void requestSnapshot();
    void setInformer(Informer* informer) { m_informer = informer; }
    // The informer behind this subscription (it lives on another thread: connect to it, don't call it).
    Informer* informer() const { return m_informer.data(); }

    // From the informer's thread (queued).
    void deliverBatch(const InformerBatch& batch);
    void deliverStatus(const watch::ReflectorStatus& status);

signals:
    // Batches in order; the first one has isSnapshot set. Nothing arrives before it.
    void batch(const binnacle::informers::InformerBatch& batch);
    void columnsChanged();
    void statusChanged();
    void objectCountChanged();

private:
    QPointer<Informer> m_informer;
    watch::ReflectorStatus m_status;
    QList<client::TableColumn> m_columns;
    qsizetype m_objectCount = 0;
    bool m_haveSnapshot = false;
    bool m_synced = false;
};

} // namespace binnacle::informers
