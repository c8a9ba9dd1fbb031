#include "informersubscription.h"

namespace binnacle::informers {

InformerSubscription::InformerSubscription(QObject* parent)
    : QObject(parent) {}

QString InformerSubscription::stateName() const {
    return watch::reflectorStateName(m_status.state);
}

void InformerSubscription::requestSnapshot() {
    m_haveSnapshot = false;
    if (Informer* informer = m_informer.data()) {
        QPointer<InformerSubscription> self = this;
        QMetaObject::invokeMethod(
            informer, [informer, self] { informer->sendSnapshotTo(self); }, Qt::QueuedConnection);
    }
}

void InformerSubscription::deliverBatch(const InformerBatch& delivered) {
    if (!delivered.isSnapshot && !m_haveSnapshot) {
        return; // already contained in the snapshot on its way
    }
    m_haveSnapshot = true;
    if (delivered.columns != m_columns && !delivered.columns.isEmpty()) {
        m_columns = delivered.columns;
        emit columnsChanged();
    }
    if (!delivered.delta.isEmpty() || delivered.isSnapshot) {
        emit batch(delivered);
    }
    if (m_objectCount != delivered.objectCount || m_synced != delivered.synced) {
        m_objectCount = delivered.objectCount;
        m_synced = delivered.synced;
        emit objectCountChanged();
    }
}

void InformerSubscription::deliverStatus(const watch::ReflectorStatus& status) {
    m_status = status;
    emit statusChanged();
}

} // namespace binnacle::informers
