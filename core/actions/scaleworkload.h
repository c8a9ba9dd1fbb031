#pragma once

#include "patchobjects.h"

namespace binnacle::actions {

// `kubectl scale`: a merge patch of spec.replicas on the scale subresource of Deployments, StatefulSets and
// ReplicaSets. The single-object result carries the Scale the server returned.
class ScaleWorkload : public PatchObjects {
    Q_OBJECT
public:
    ScaleWorkload(dynamic::DynamicClient* client, client::ApiResource resource, QList<ObjectRef> objects,
                  int replicas, QObject* parent = nullptr);

protected:
    void send(const dynamic::ObjectTarget& target, dynamic::DynamicClient::ObjectCallback done) override;
    QString pastTense() const override { return QStringLiteral("scaled"); }
    QString precondition() const override;

private:
    int m_replicas;
};

} // namespace binnacle::actions
