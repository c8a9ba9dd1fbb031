#include "cordonnodes.h"

namespace binnacle::actions {

CordonNodes::CordonNodes(dynamic::DynamicClient* client, client::ApiResource nodes, QList<ObjectRef> objects,
                         bool unschedulable, QObject* parent)
    : PatchObjects(client, std::move(nodes), std::move(objects), dynamic::PatchType::StrategicMerge,
                   patchFor(unschedulable), parent)
    , m_unschedulable(unschedulable) {}

QByteArray CordonNodes::patchFor(bool unschedulable) {
    return unschedulable ? QByteArray(R"({"spec":{"unschedulable":true}})")
                         : QByteArray(R"({"spec":{"unschedulable":null}})");
}

QString CordonNodes::pastTense() const {
    return m_unschedulable ? QStringLiteral("cordoned") : QStringLiteral("uncordoned");
}

QString CordonNodes::precondition() const {
    return onlyFor(resource(), {QStringLiteral("/nodes")},
                   m_unschedulable ? QStringLiteral("cordon") : QStringLiteral("uncordon"));
}

} // namespace binnacle::actions
