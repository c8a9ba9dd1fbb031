#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QPointer>

class QTimer;

namespace binnacle::streaming {

class PortForwarder;

// The port forwards running now, one row per forwarded port, for the UI's list: where it listens, what
// it leads to, the pod in use, bytes moved and state. The model owns the forwarders added to it;
// traffic updates are coalesced (at most one dataChanged per row and interval).
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

    // Takes ownership and appends one row per port of the (started) forwarder.
    void add(PortForwarder* forwarder);
    // Stops the forwarder of `row` and removes all of its rows.
    Q_INVOKABLE void stop(int row);
    PortForwarder* forwarderAt(int row) const;
    // How often traffic updates reach the view; 0: at once.
    void setUpdateInterval(int milliseconds);

private:
    struct Row {
        QPointer<PortForwarder> forwarder;
        int portIndex = 0;
    };
    int rowOf(const PortForwarder* forwarder, int portIndex) const;
    void markDirty(int row);
    void flush();
    void removeForwarder(const PortForwarder* forwarder);

    QList<Row> m_rows;
    QList<int> m_dirtyRows;
    QTimer* m_flushTimer = nullptr;
};

} // namespace binnacle::streaming
