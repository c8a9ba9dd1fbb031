#pragma once

#include "clusterconnection.h"

#include <QPointer>
#include <functional>

namespace binnacle {

// Keeps one stream over the cluster connection current for a QML type that shows it (a pod's logs, a
// shell): follows the connection, stops the stream at once when the connection's session changes (while that
// session's transport and credentials still exist; they are deleted on the worker right after the signal),
// and restarts it once after a burst of property changes (QML sets bound properties one after another).
class ConnectedRestart {
public:
    // `owner` holds this helper and is the context of its connections and timers; `stop` and `restart` are
    // the owner's own.
    ConnectedRestart(QObject* owner, std::function<void()> stop, std::function<void()> restart);

    ClusterConnection* connection() const { return m_connection; }
    // Follows `connection` and queues a restart; false when it is the one followed already.
    bool setConnection(ClusterConnection* connection);
    // Restarts once, on the next event-loop turn, however many times it is asked before then.
    void queue();
    // Sets `field` and queues a restart when `value` differs; whether it did.
    template <typename T> bool update(T& field, const T& value) {
        if (field == value) {
            return false;
        }
        field = value;
        queue();
        return true;
    }

private:
    QObject* m_owner;
    std::function<void()> m_stop;
    std::function<void()> m_restart;
    QPointer<ClusterConnection> m_connection;
    QMetaObject::Connection m_sessionChanged;
    bool m_queued = false;
};

} // namespace binnacle
