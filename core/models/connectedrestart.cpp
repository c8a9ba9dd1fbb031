#include "connectedrestart.h"

#include <QTimer>

namespace binnacle {

ConnectedRestart::ConnectedRestart(QObject* owner, std::function<void()> stop, std::function<void()> restart)
    : m_owner(owner)
    , m_stop(std::move(stop))
    , m_restart(std::move(restart)) {}

bool ConnectedRestart::setConnection(ClusterConnection* connection) {
    if (connection == m_connection) {
        return false;
    }
    QObject::disconnect(m_sessionChanged);
    m_connection = connection;
    if (connection) {
        m_sessionChanged = QObject::connect(connection, &ClusterConnection::sessionChanged, m_owner, [this] {
            m_stop();
            queue();
        });
    }
    queue();
    return true;
}

void ConnectedRestart::queue() {
    if (!m_queued) {
        m_queued = true;
        QTimer::singleShot(0, m_owner, [this] {
            m_queued = false;
            m_restart();
        });
    }
}

} // namespace binnacle
