#include "deleteobjects.h"

namespace binnacle::actions {

DeleteObjects::DeleteObjects(dynamic::DynamicClient* client, client::ApiResource resource,
                             QList<ObjectRef> objects, dynamic::DeleteOptions options, QObject* parent)
    : BatchAction(client, std::move(resource), std::move(objects), parent)
    , m_options(std::move(options)) {}

QString DeleteObjects::precondition() const {
    const QString& policy = m_options.propagationPolicy;
    if (!policy.isEmpty() && policy != QLatin1String("Background") && policy != QLatin1String("Foreground") &&
        policy != QLatin1String("Orphan")) {
        return QStringLiteral("unknown propagation policy \"%1\" (Background, Foreground or Orphan)")
            .arg(policy);
    }
    if (m_options.gracePeriodSeconds && *m_options.gracePeriodSeconds < 0) {
        return QStringLiteral("the grace period cannot be negative");
    }
    return QString();
}

void DeleteObjects::send(const dynamic::ObjectTarget& target, dynamic::DynamicClient::ObjectCallback done) {
    client()->remove(target, m_options, std::move(done));
}

} // namespace binnacle::actions
