#include "activeforwards.h"

#include "portforwarder.h"

#include <QMetaEnum>
#include <QTimer>

namespace binnacle::streaming {

ActiveForwards::ActiveForwards(QObject* parent)
    : QAbstractListModel(parent) {
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(250);
    connect(m_flushTimer, &QTimer::timeout, this, &ActiveForwards::flush);
}

int ActiveForwards::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ActiveForwards::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = m_rows[index.row()];
    const PortForwarder* forwarder = row.forwarder;
    if (!forwarder || row.portIndex >= forwarder->ports().size()) {
        return {};
    }
    const ForwardedPort& port = forwarder->ports()[row.portIndex];
    switch (role) {
    case Qt::DisplayRole:
    case LocalAddressRole: {
        const QString host = port.address.protocol() == QAbstractSocket::IPv6Protocol
                                 ? QStringLiteral("[%1]").arg(port.address.toString())
                                 : port.address.toString();
        return QStringLiteral("%1:%2").arg(host).arg(port.localPort);
    }
    case TargetRole:
        return QStringLiteral("%1:%2").arg(forwarder->target().displayName()).arg(port.remotePort);
    case PodRole:
        return forwarder->podName();
    case BytesInRole:
        return port.bytesIn;
    case BytesOutRole:
        return port.bytesOut;
    case ConnectionsRole:
        return port.activeConnections;
    case StateRole:
        return QString::fromLatin1(
            QMetaEnum::fromType<PortForwarder::State>().valueToKey(int(forwarder->state())));
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
    if (!forwarder || forwarder->ports().isEmpty()) {
        return;
    }
    forwarder->setParent(this);
    const int first = int(m_rows.size());
    const int count = int(forwarder->ports().size());
    beginInsertRows({}, first, first + count - 1);
    for (int index = 0; index < count; ++index) {
        m_rows.append({forwarder, index});
    }
    endInsertRows();
    connect(forwarder, &PortForwarder::portChanged, this,
            [this, forwarder](int portIndex) { markDirty(rowOf(forwarder, portIndex)); });
    auto allRows = [this, forwarder] {
        for (int index = 0; index < forwarder->ports().size(); ++index) {
            markDirty(rowOf(forwarder, index));
        }
    };
    connect(forwarder, &PortForwarder::stateChanged, this, allRows);
    connect(forwarder, &PortForwarder::podChanged, this, allRows);
    connect(forwarder, &PortForwarder::errorOccurred, this,
            [this, forwarder](int portIndex, const QString&) { markDirty(rowOf(forwarder, portIndex)); });
    connect(forwarder, &QObject::destroyed, this, [this, forwarder] { removeForwarder(forwarder); });
}

void ActiveForwards::stop(int row) {
    PortForwarder* forwarder = forwarderAt(row);
    if (!forwarder) {
        return;
    }
    forwarder->stop();
    removeForwarder(forwarder);
    forwarder->deleteLater();
}

PortForwarder* ActiveForwards::forwarderAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows[row].forwarder.data() : nullptr;
}

void ActiveForwards::setUpdateInterval(int milliseconds) {
    m_flushTimer->setInterval(milliseconds);
}

int ActiveForwards::rowOf(const PortForwarder* forwarder, int portIndex) const {
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].forwarder == forwarder && m_rows[row].portIndex == portIndex) {
            return row;
        }
    }
    return -1;
}

void ActiveForwards::markDirty(int row) {
    if (row < 0 || m_dirtyRows.contains(row)) {
        return;
    }
    m_dirtyRows.append(row);
    if (!m_flushTimer->isActive()) {
        m_flushTimer->start();
    }
}

void ActiveForwards::flush() {
    for (const int row : std::exchange(m_dirtyRows, {})) {
        if (row < m_rows.size()) {
            const QModelIndex changed = index(row);
            Q_EMIT dataChanged(changed, changed,
                               {PodRole, BytesInRole, BytesOutRole, ConnectionsRole, StateRole, ErrorRole});
        }
    }
}

void ActiveForwards::removeForwarder(const PortForwarder* forwarder) {
    flush(); // row numbers change below
    // Rows of `forwarder`, and of forwarders already destroyed, in contiguous blocks from the end.
    auto gone = [&](int row) {
        const PortForwarder* owner = m_rows[row].forwarder;
        return owner == forwarder || owner == nullptr;
    };
    for (int last = int(m_rows.size()) - 1; last >= 0; --last) {
        if (!gone(last)) {
            continue;
        }
        int first = last;
        while (first > 0 && gone(first - 1)) {
            --first;
        }
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first;
    }
    if (forwarder) {
        disconnect(forwarder, nullptr, this, nullptr);
    }
}

} // namespace binnacle::streaming
