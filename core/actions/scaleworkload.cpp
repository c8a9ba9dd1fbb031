#include "scaleworkload.h"

namespace binnacle::actions {

ScaleWorkload::ScaleWorkload(dynamic::DynamicClient* client, client::ApiResource resource,
                             QList<ObjectRef> objects, int replicas, QObject* parent)
    : PatchObjects(client, std::move(resource), std::move(objects), dynamic::PatchType::Merge,
                   QByteArray(R"({"spec":{"replicas":)") + QByteArray::number(replicas) + "}}", parent)
    , m_replicas(replicas) {}

void ScaleWorkload::send(const dynamic::ObjectTarget& target, dynamic::DynamicClient::ObjectCallback done) {
    dynamic::ObjectTarget scale = target;
    scale.subresource = QStringLiteral("scale");
    PatchObjects::send(scale, std::move(done));
}

QString ScaleWorkload::precondition() const {
    if (m_replicas < 0) {
        return QStringLiteral("the number of replicas cannot be negative");
    }
    return onlyFor(resource(),
                   {QStringLiteral("apps/deployments"), QStringLiteral("apps/statefulsets"),
                    QStringLiteral("apps/replicasets")},
                   QStringLiteral("scale"));
}

} // namespace binnacle::actions
