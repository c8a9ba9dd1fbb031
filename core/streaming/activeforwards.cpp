#include "activeforwards.h"

#include <QMetaEnum>

namespace binnacle::streaming {

namespace {
template <typename T> bool assignIfChanged(T& field, const T& value) {
    if (field == value) {
        return false;
    }
    field = value;
    return true;
}

QString stateName(PortForwarder::State state) {
    return QString::fromLatin1(QMetaEnum::fromType<PortForwarder::State>().valueToKey(int(state)));
}
} // namespace

ActiveForwards::ActiveForwards(QObject* parent)
    : QAbstractListModel(parent) {}

int ActiveForwards::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ActiveForwards::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = m_rows[index.row()];
    const ForwardedPort& port = row.port;
    switch (role) {
    case Qt::DisplayRole:
    case LocalAddressRole: {
        const QString host = port.address.protocol() == QAbstractSocket::IPv6Protocol
                                 ? QStringLiteral("[%1]").arg(port.address.toString())
                                 : port.address.toString();
        return QStringLiteral("%1:%2").arg(host).arg(port.localPort);
    }
    case TargetRole:
        return QStringLiteral("%1:%2").arg(row.target).arg(port.remotePort);
    case PodRole:
        return row.pod;
    case BytesInRole:
        return port.bytesIn;
    case BytesOutRole:
        return port.bytesOut;
    case ConnectionsRole:
        return port.activeConnections;
    case StateRole:
        return row.state;
    case ErrorRole:
        return port.lastError;
    default:
        return {};
    }
}

QHash<int, QByteArray> ActiveForwards::roleNames() const {
    return {{LocalAddressRole, "localAddress"},
            {TargetRole, "target"},
            {PodRole, "pod"},
            {BytesInRole, "bytesIn"},
            {BytesOutRole, "bytesOut"},
            {ConnectionsRole, "connections"},
            {StateRole, "state"},
            {ErrorRole, "error"}};
}

void ActiveForwards::add(PortForwarder* forwarder) {
    if (forwarder && !forwarder->ports().isEmpty()) {
        forwarder->setParent(this);
        attach(forwarder);
    }
}

void ActiveForwards::track(PortForwarder* forwarder) {
    if (forwarder && !forwarder->ports().isEmpty()) {
        attach(forwarder);
    }
}

void ActiveForwards::attach(PortForwarder* forwarder) {
    // Read here, while the forwarder is still on this thread; afterwards only through its signals.
    const quint64 id = m_nextId++;
    const QList<ForwardedPort>& ports = forwarder->ports();
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(ports.size()) - 1);
    for (int index = 0; index < ports.size(); ++index) {
        m_rows.append({id, forwarder, index, ports[index], forwarder->target().displayName(),
                       forwarder->podName(), stateName(forwarder->state())});
    }
    endInsertRows();
    forwarder->setUpdateInterval(m_updateInterval);
    connect(forwarder, &PortForwarder::portsUpdated, this, [this, id](const QList<ForwardedPort>& updated) {
        updateRows(
            id,
            [&updated](Row& row) { return assignIfChanged(row.port, updated.value(row.portIndex, row.port)); },
            {BytesInRole, BytesOutRole, ConnectionsRole, ErrorRole});
    });
    connect(forwarder, &PortForwarder::stateChanged, this, [this, id](PortForwarder::State state) {
        const QString name = stateName(state);
        updateRows(id, [&name](Row& row) { return assignIfChanged(row.state, name); }, {StateRole});
    });
    connect(forwarder, &PortForwarder::podChanged, this, [this, id](const QString& pod) {
        updateRows(id, [&pod](Row& row) { return assignIfChanged(row.pod, pod); }, {PodRole});
    });
    connect(forwarder, &QObject::destroyed, this, [this, id] { removeForwarder(id); });
}

void ActiveForwards::stop(int row) {
    if (row < 0 || row >= m_rows.size()) {
        return;
    }
    const quint64 id = m_rows[row].id;
    if (PortForwarder* forwarder = m_rows[row].forwarder) {
        disconnect(forwarder, nullptr, this, nullptr);
        // On the forwarder's thread: at once when it is this one.
        QMetaObject::invokeMethod(forwarder, [forwarder] {
            forwarder->stop();
            forwarder->deleteLater();
        });
    }
    removeForwarder(id);
}

PortForwarder* ActiveForwards::forwarderAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows[row].forwarder.data() : nullptr;
}

void ActiveForwards::updateRows(quint64 id, const std::function<bool(Row&)>& change,
                                const QList<int>& roles) {
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].id == id && change(m_rows[row])) {
            const QModelIndex changed = index(row);
            Q_EMIT dataChanged(changed, changed, roles);
        }
    }
}

void ActiveForwards::removeForwarder(quint64 id) {
    // A forwarder's rows are contiguous: they were appended together.
    const auto first =
        std::find_if(m_rows.cbegin(), m_rows.cend(), [id](const Row& row) { return row.id == id; });
    if (first == m_rows.cend()) {
        return;
    }
    const auto last = std::find_if(first, m_rows.cend(), [id](const Row& row) { return row.id != id; });
    const int from = int(first - m_rows.cbegin());
    const int to = int(last - m_rows.cbegin()) - 1;
    beginRemoveRows({}, from, to);
    m_rows.remove(from, to - from + 1);
    endRemoveRows();
}

} // namespace binnacle::streaming
