#include "seedcontext.h"

#include "manifest.h"

namespace binnacle::sim {

Q_LOGGING_CATEGORY(lcSeed, "binnacle.sim.seed")

SeedContext::SeedContext(ResourceStorage* storage, quint32 seed)
    : m_storage(storage)
    , m_seed(seed) {}

QString SeedContext::timestamp(qint64 secondsAgo) const {
    return m_storage->now().toUTC().addSecs(-secondsAgo).toString(Qt::ISODate);
}

QString SeedContext::microTimestamp(qint64 secondsAgo) const {
    const QDateTime time = m_storage->now().toUTC().addSecs(-secondsAgo);
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000Z");
}

std::shared_ptr<const ResourceType> SeedContext::findType(const QString& group, const QString& resource) {
    auto type = m_storage->registry()->find(group, resource);
    if (!type) {
        ++m_failures;
        qCWarning(lcSeed) << "seeding: the server does not serve" << resource << "in group" << group;
    }
    return type;
}

ObjectPtr SeedContext::create(const QString& group, const QString& resource, const QString& namespaceName,
                              const QJsonObject& object, const QString& fieldManager) {
    const auto type = findType(group, resource);
    if (!type) {
        return nullptr;
    }
    WriteOptions options;
    options.fieldManager = fieldManager;
    const WriteResult result = m_storage->create(*type, namespaceName, object, options);
    if (!result.ok()) {
        ++m_failures;
        qCWarning(lcSeed).noquote() << "seeding: creating" << type->qualifiedResource()
                                    << manifest::nameOf(object) << "in" << namespaceName
                                    << "failed:" << result.error->code << result.error->message;
        return nullptr;
    }
    return result.object;
}

ObjectPtr SeedContext::writeStatus(const QString& group, const QString& resource, const ObjectPtr& object,
                                   const QJsonObject& status, const QString& fieldManager) {
    const auto type = findType(group, resource);
    if (!type || !object) {
        return nullptr;
    }
    QJsonObject withStatus = object->object;
    withStatus.insert(QStringLiteral("status"), status);
    WriteOptions options;
    options.fieldManager = fieldManager;
    options.subresource = QStringLiteral("status");
    const WriteResult result =
        m_storage->update(*type, object->namespaceName(), object->name(), withStatus, options);
    if (!result.ok()) {
        ++m_failures;
        qCWarning(lcSeed).noquote() << "seeding: writing the status of" << type->qualifiedResource()
                                    << object->name() << "failed:" << result.error->code
                                    << result.error->message;
        return object;
    }
    return result.object;
}

void SeedContext::ensureObject(const QString& resource, const QString& namespaceName,
                               const QJsonObject& object, const QString& fieldManager) {
    // The controllers may have added it already; that is not a failure.
    const ResourceType& type = m_storage->type(QString(), resource);
    if (!m_storage->get(type, namespaceName, manifest::nameOf(object))) {
        create(QString(), resource, namespaceName, object, fieldManager);
    }
}

void SeedContext::ensureNamespace(const QString& name, const QJsonObject& labels) {
    ensureObject(QStringLiteral("namespaces"), QString(), manifest::object(manifest::metadata(name, labels)),
                 QStringLiteral("kubectl-create"));
    ensureObject(QStringLiteral("serviceaccounts"), name,
                 manifest::object(manifest::metadata(QStringLiteral("default"))),
                 QStringLiteral("kube-controller-manager"));
    const QJsonObject annotations{
        {QStringLiteral("kubernetes.io/description"),
         QStringLiteral(
             "Contains a CA bundle that can be used to verify the kube-apiserver when using internal "
             "endpoints such as the internal service IP or kubernetes.default.svc. No other usage is "
             "guaranteed across distributions of Kubernetes clusters.")}};
    QJsonObject rootCa =
        manifest::object(manifest::metadata(QStringLiteral("kube-root-ca.crt"), {}, annotations));
    rootCa.insert(QStringLiteral("data"),
                  QJsonObject{{QStringLiteral("ca.crt"), QString::fromUtf8(m_caPem)}});
    ensureObject(QStringLiteral("configmaps"), name, rootCa, QStringLiteral("kube-controller-manager"));
}

} // namespace binnacle::sim
