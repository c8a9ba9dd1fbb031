#include "patchobjects.h"

namespace binnacle::actions {

PatchObjects::PatchObjects(dynamic::DynamicClient* client, client::ApiResource resource,
                           QList<ObjectRef> objects, dynamic::PatchType type, QByteArray patch,
                           QObject* parent)
    : BatchAction(client, std::move(resource), std::move(objects), parent)
    , m_type(type)
    , m_patch(std::move(patch)) {}

void PatchObjects::send(const dynamic::ObjectTarget& target, dynamic::DynamicClient::ObjectCallback done) {
    client()->patch(target, m_type, m_patch, dynamic::WriteOptions(), std::move(done));
}

QString PatchObjects::onlyFor(const client::ApiResource& resource, const QStringList& allowed,
                              const QString& action) {
    if (allowed.contains(resource.group + QLatin1Char('/') + resource.resource)) {
        return QString();
    }
    return QStringLiteral("%1 does not apply to %2").arg(action, resource.groupResource());
}

} // namespace binnacle::actions
