#include "namespacebootstrapcontroller.h"

#include "controllerutil.h"

namespace binnacle::sim {

namespace {
const QString rootCaName = QStringLiteral("kube-root-ca.crt");
const QString defaultAccount = QStringLiteral("default");
} // namespace

NamespaceBootstrapController::NamespaceBootstrapController(ControllerContext* context, QObject* parent)
    : Controller(context, parent)
    , m_namespaces(context->type(QString(), QStringLiteral("namespaces")))
    , m_serviceAccounts(context->type(QString(), QStringLiteral("serviceaccounts")))
    , m_configMaps(context->type(QString(), QStringLiteral("configmaps"))) {}

void NamespaceBootstrapController::observe(const WatchEvent& event) {
    if (event.typeKey == m_namespaces.key() && event.type != WatchEvent::Type::Deleted) {
        enqueue(QString(), event.object->name());
    } else if (event.type == WatchEvent::Type::Deleted &&
               (event.typeKey == m_serviceAccounts.key() || event.typeKey == m_configMaps.key())) {
        // Deleted by hand: the controllers put them back, as on a real cluster.
        enqueue(QString(), event.namespaceName);
    }
}

void NamespaceBootstrapController::resync() {
    enqueueAll(m_namespaces);
}

void NamespaceBootstrapController::reconcile(const QString& /*namespaceName*/, const QString& name) {
    ResourceStorage* storage = m_context->storage();
    const ObjectPtr namespaceObject = storage->get(m_namespaces, QString(), name);
    if (!namespaceObject || objects::isDeleting(namespaceObject->object)) {
        return;
    }
    if (!storage->get(m_serviceAccounts, name, defaultAccount)) {
        storage->create(
            m_serviceAccounts, name,
            QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                        {QStringLiteral("kind"), QStringLiteral("ServiceAccount")},
                        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), defaultAccount}}}},
            ControllerContext::writeOptions(QStringLiteral("kube-controller-manager")));
    }
    const ObjectPtr source = storage->get(m_configMaps, QStringLiteral("kube-system"), rootCaName);
    if (source && !storage->get(m_configMaps, name, rootCaName)) {
        const QJsonObject sourceMetadata = source->object.value(QLatin1String("metadata")).toObject();
        QJsonObject metadata{{QStringLiteral("name"), rootCaName}};
        if (sourceMetadata.contains(QLatin1String("annotations"))) {
            metadata.insert(QStringLiteral("annotations"),
                            sourceMetadata.value(QLatin1String("annotations")));
        }
        storage->create(m_configMaps, name,
                        QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                    {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                                    {QStringLiteral("metadata"), metadata},
                                    {QStringLiteral("data"), source->object.value(QLatin1String("data"))}},
                        ControllerContext::writeOptions(QStringLiteral("kube-controller-manager")));
    }
}

} // namespace binnacle::sim
