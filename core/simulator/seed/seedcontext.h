#pragma once

#include "resourcestorage.h"
#include "seedrandom.h"

#include <QByteArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QString>

namespace binnacle::sim {

Q_DECLARE_LOGGING_CATEGORY(lcSeed)

// What every seeding step shares: the storage it writes through, the seed, the cluster CA, and a count of
// writes the storage refused (each one also logged), so a test can insist there were none.
class SeedContext {
public:
    SeedContext(ResourceStorage* storage, quint32 seed);

    ResourceStorage* storage() const { return m_storage; }
    SeedRandom random(const char* stream) const { return SeedRandom(m_seed, stream); }
    void setCaPem(const QByteArray& caPem) { m_caPem = caPem; }
    const QByteArray& caPem() const { return m_caPem; }
    int failures() const { return m_failures; }

    // RFC 3339 timestamps relative to the storage's clock (which tests and --seed runs may fix).
    QString timestamp(qint64 secondsAgo = 0) const;
    // metav1.MicroTime, as Leases and events.k8s.io Events carry it.
    QString microTimestamp(qint64 secondsAgo = 0) const;

    // Creates through ResourceStorage::create, so the object gets identity, defaults and validation.
    // Returns the stored object, or null after logging why the storage refused it.
    ObjectPtr create(const QString& group, const QString& resource, const QString& namespaceName,
                     const QJsonObject& object,
                     const QString& fieldManager = QStringLiteral("kubectl-create"));
    // Writes the status through the status subresource: creation drops any status the client sent.
    ObjectPtr writeStatus(const QString& group, const QString& resource, const ObjectPtr& object,
                          const QJsonObject& status, const QString& fieldManager);
    // A namespace as a real cluster has it: the Namespace, its "default" ServiceAccount and its
    // kube-root-ca.crt ConfigMap (what the serviceaccount and root-ca-cert-publisher controllers add).
    void ensureNamespace(const QString& name, const QJsonObject& labels = QJsonObject());

private:
    std::shared_ptr<const ResourceType> findType(const QString& group, const QString& resource);
    void ensureObject(const QString& resource, const QString& namespaceName, const QJsonObject& object,
                      const QString& fieldManager);

    ResourceStorage* m_storage;
    quint32 m_seed;
    QByteArray m_caPem;
    int m_failures = 0;
};

} // namespace binnacle::sim
