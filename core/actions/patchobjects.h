#pragma once

#include "action.h"

namespace binnacle::actions {

// Sends the same patch to several objects of one resource: what rollout restart, cordon and suspend share.
class PatchObjects : public BatchAction {
    Q_OBJECT
public:
    PatchObjects(dynamic::DynamicClient* client, client::ApiResource resource, QList<ObjectRef> objects,
                 dynamic::PatchType type, QByteArray patch, QObject* parent = nullptr);

protected:
    void send(const dynamic::ObjectTarget& target, dynamic::DynamicClient::ObjectCallback done) override;
    // Refuses resources other than group/resource pairs in `allowed` ("apps/deployments", "/nodes").
    static QString onlyFor(const client::ApiResource& resource, const QStringList& allowed,
                           const QString& action);

private:
    dynamic::PatchType m_type;
    QByteArray m_patch;
};

} // namespace binnacle::actions
