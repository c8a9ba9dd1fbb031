#pragma once

#include "portforwarder.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>

namespace binnacle::streaming {

// The port forwards running now, one row per forwarded port, for the UI's list: where it listens, what
// it leads to, the pod in use, bytes moved and state. The rows hold copies, updated by the forwarders'
// value-carrying signals, so that a forwarder may run on another thread: traffic arrives at most once
// per update interval and forwarder (PortForwarder::portsUpdated), and only rows that changed report it.
class ActiveForwards : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        LocalAddressRole = Qt::UserRole + 1, // "127.0.0.1:8080"
        TargetRole,                          // "service/web:80"
        PodRole,                             // the pod in use, empty while none
        BytesInRole,                         // from the pod to local clients
        BytesOutRole,                        // from local clients to the pod
        ConnectionsRole,                     // connections open now
        StateRole,                           // "Resolving", "Forwarding", "NoPod", "Stopped"
        ErrorRole,                           // the last error on this port, if any
    };
    Q_ENUM(Role)

    explicit ActiveForwards(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Takes ownership of a started forwarder of this thread and appends one row per port.
    void add(PortForwarder* forwarder);
    // Appends the rows of a started forwarder of this thread without owning it: for one that moves to a
    // thread of its own right after (its owner there deletes it; stop() still does, on that thread).
    void track(PortForwarder* forwarder);
    // Stops the forwarder of `row` and deletes it (on its thread), and removes all of its rows at once.
    Q_INVOKABLE void stop(int row);
    // For tests and the owner; the forwarder may live on another thread.
    PortForwarder* forwarderAt(int row) const;
    // How often traffic updates reach the view (for forwarders added afterwards); 0: at once.
    void setUpdateInterval(int milliseconds) { m_updateInterval = milliseconds; }

private:
    struct Row {
        quint64 id = 0; // of the forwarder: its address may be reused once it is gone
        QPointer<PortForwarder> forwarder;
        int portIndex = 0;
        ForwardedPort port;
        QString target;
        QString pod;
        QString state;
    };
    void attach(PortForwarder* forwarder);
    void updateRows(quint64 id, const std::function<bool(Row&)>& change, const QList<int>& roles);
    void removeForwarder(quint64 id);

    QList<Row> m_rows;
    quint64 m_nextId = 1;
    int m_updateInterval = 250;
};

} // namespace binnacle::streaming
