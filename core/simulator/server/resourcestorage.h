#pragma once

#include "apierror.h"
#include "objectstore.h"
#include "resourceregistry.h"

#include <QDateTime>
#include <QObject>
#include <functional>
#include <optional>

namespace binnacle::sim {

struct WriteOptions {
    bool dryRun = false;
    QString fieldManager;    // defaults to the client's User-Agent product for non-apply writes
    QString fieldValidation; // Ignore | Warn | Strict
    QString subresource;     // "" or "status"
};

struct DeleteOptions {
    QString propagationPolicy; // Orphan | Background | Foreground; empty = the resource's default
    std::optional<qint64> gracePeriodSeconds;
    QString preconditionUid;
    QString preconditionResourceVersion;
    bool dryRun = false;
};

enum class PatchType { Json, Merge, StrategicMerge, Apply };

struct WriteResult {
    ObjectPtr object; // the stored (or, for dry runs, would-be) object; for a finished delete, its last state
    std::optional<ApiError> error;
    int httpStatus = 200; // 200 or 201
    bool deleted = false; // delete: the object is gone (not merely marked)
    QStringList warnings; // Warning headers (unknown fields under fieldValidation=Warn)

    bool ok() const { return !error.has_value(); }
    static WriteResult failure(ApiError error) {
        WriteResult result;
        result.error = std::move(error);
        return result;
    }
};

// The server's write semantics, shared by the HTTP handlers and the simulated controllers, like the
// apiserver's generic registry store: identity and timestamps, generation, optimistic concurrency,
// validation, managedFields, namespaces that must exist, finalizers and graceful deletion.
class ResourceStorage : public QObject {
    Q_OBJECT
public:
    ResourceStorage(ObjectStore* store, ResourceRegistry* registry, QObject* parent = nullptr);

    ObjectStore* store() const { return m_store; }
    ResourceRegistry* registry() const { return m_registry; }

    ObjectPtr get(const ResourceType& type, const QString& namespaceName, const QString& name) const;
    QList<ObjectPtr> list(const ResourceType& type, const QString& namespaceName = QString()) const;
    // Shorthand for controllers: a built-in type by group and plural.
    const ResourceType& type(const QString& group, const QString& resource) const;

    WriteResult create(const ResourceType& type, const QString& namespaceName, QJsonObject object,
                       const WriteOptions& options = {});
    // PUT: a resourceVersion in the body must match the stored one (else 409 Conflict).
    WriteResult update(const ResourceType& type, const QString& namespaceName, const QString& name,
                       QJsonObject object, const WriteOptions& options = {});
    WriteResult patch(const ResourceType& type, const QString& namespaceName, const QString& name,
                      PatchType patchType, const QByteArray& body, bool force,
                      const WriteOptions& options = {});
    WriteResult remove(const ResourceType& type, const QString& namespaceName, const QString& name,
                       const DeleteOptions& options = {});
    // Removes the object for good, without finalizers or grace (the end of graceful deletion, GC).
    void purge(const ResourceType& type, const QString& namespaceName, const QString& name);

    // Optional clock override, so tests and --seed runs are deterministic.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }
    QString newUid();
    void setRandomSeed(quint32 seed);

Q_SIGNALS:
    // A CustomResourceDefinition was stored or deleted: the registry must follow.
    void customResourceDefinitionChanged(const QJsonObject& crd, bool removed);

private:
    WriteResult store(const ResourceType& type, ObjectPtr previous, QJsonObject object,
                      const WriteOptions& options, int successStatus);
    std::optional<ApiError> checkNamespace(const ResourceType& type, const QString& namespaceName,
                                           const QString& objectName, bool creating) const;

    ObjectStore* m_store;
    ResourceRegistry* m_registry;
    std::function<QDateTime()> m_clock;
    quint64 m_randomState = 0x9E3779B97F4A7C15ULL;
};

} // namespace binnacle::sim
