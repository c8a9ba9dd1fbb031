#include "resourcestorage.h"

#include "fieldownership.h"
#include "objectrules.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace binnacle::sim {

namespace {
QJsonObject metadataOf(const QJsonObject& object) {
    return object.value(QLatin1String("metadata")).toObject();
}

QString rfc3339(const QDateTime& time) {
    return time.toUTC().toString(Qt::ISODate);
}

bool isTerminating(const ObjectPtr& object) {
    return object && metadataOf(object->object).contains(QLatin1String("deletionTimestamp"));
}

QJsonArray finalizersOf(const QJsonObject& object) {
    return metadataOf(object).value(QLatin1String("finalizers")).toArray();
}
} // namespace

ResourceStorage::ResourceStorage(ObjectStore* store, ResourceRegistry* registry, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_registry(registry) {}

void ResourceStorage::setRandomSeed(quint32 seed) {
    m_randomState = 0x9E3779B97F4A7C15ULL ^ (quint64(seed) * 0xBF58476D1CE4E5B9ULL);
}

QString ResourceStorage::newUid() {
    // splitmix64: deterministic for a given seed, which makes --seed runs reproducible.
    auto next = [this] {
        quint64 z = (m_randomState += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    };
    const QByteArray hex = (QByteArray::number(next(), 16).rightJustified(16, '0') +
                            QByteArray::number(next(), 16).rightJustified(16, '0'));
    QByteArray uid = hex.left(8) + '-' + hex.mid(8, 4) + "-4" + hex.mid(13, 3) + '-' +
                     QByteArray(1, "89ab"[hex.at(16) % 4]) + hex.mid(17, 3) + '-' + hex.mid(20, 12);
    return QString::fromLatin1(uid);
}

ObjectPtr ResourceStorage::get(const ResourceType& type, const QString& namespaceName,
                               const QString& name) const {
    return m_store->get(type.key(), type.namespaced ? namespaceName : QString(), name);
}

QList<ObjectPtr> ResourceStorage::list(const ResourceType& type, const QString& namespaceName) const {
    return m_store->list(type.key(), type.namespaced ? namespaceName : QString());
}

const ResourceType& ResourceStorage::type(const QString& group, const QString& resource) const {
    const auto found = m_registry->find(group, resource);
    Q_ASSERT_X(found, "ResourceStorage::type", "unknown built-in resource");
    return *found;
}

std::optional<ApiError> ResourceStorage::checkNamespace(const ResourceType& type,
                                                        const QString& namespaceName, const QString& objectName,
                                                        bool creating) const {
    if (!type.namespaced) {
        return std::nullopt;
    }
    if (namespaceName.isEmpty()) {
        return ApiError::badRequest(
            QStringLiteral("the namespace of the provided object does not match the namespace "
                           "sent on the request"));
    }
    const ResourceType& namespaces = this->type(QString(), QStringLiteral("namespaces"));
    const ObjectPtr ns = m_store->get(namespaces.key(), QString(), namespaceName);
    if (!ns) {
        return ApiError::notFound(namespaces, namespaceName);
    }
    if (creating && isTerminating(ns)) {
        const QString message =
            QStringLiteral("unable to create new content in namespace %1 because it is being terminated")
                .arg(namespaceName);
        QJsonObject details{{QStringLiteral("kind"), type.resource},
                            {QStringLiteral("causes"),
                             QJsonArray{ApiError::cause(QStringLiteral("NamespaceTerminating"), message,
                                                        QStringLiteral("metadata.namespace"))}}};
        if (!objectName.isEmpty()) {
            details.insert(QStringLiteral("name"), objectName);
        }
        if (!type.group.isEmpty()) {
            details.insert(QStringLiteral("group"), type.group);
        }
        return ApiError{403, QStringLiteral("Forbidden"),
                        QStringLiteral("%1 \"%2\" is forbidden: %3").arg(type.qualifiedResource(), objectName, message),
                        details};
    }
    return std::nullopt;
}

WriteResult ResourceStorage::create(const ResourceType& type, const QString& namespaceName,
                                    QJsonObject object, const WriteOptions& options) {
    QJsonObject metadata = metadataOf(object);
    const QString bodyNamespace = metadata.value(QLatin1String("namespace")).toString();
    if (type.namespaced) {
        if (!bodyNamespace.isEmpty() && bodyNamespace != namespaceName) {
            return WriteResult::failure(ApiError::badRequest(QStringLiteral(
                "the namespace of the provided object does not match the namespace sent on the request")));
        }
        metadata.insert(QStringLiteral("namespace"), namespaceName);
    } else {
        metadata.remove(QStringLiteral("namespace"));
    }
    QString name = metadata.value(QLatin1String("name")).toString();
    const QString generateName = metadata.value(QLatin1String("generateName")).toString();
    if (auto error = checkNamespace(type, namespaceName, name, true)) {
        return WriteResult::failure(*error);
    }
    if (name.isEmpty() && !generateName.isEmpty()) {
        static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
        do {
            name = generateName;
            for (int i = 0; i < 5; ++i) {
                name += QLatin1Char(alphabet[newUid().at(i * 3).unicode() % 27]);
            }
        } while (get(type, namespaceName, name));
        metadata.insert(QStringLiteral("name"), name);
    }
    if (!name.isEmpty() && get(type, namespaceName, name)) {
        return WriteResult::failure(ApiError::alreadyExists(type, name));
    }

    const QDateTime now = this->now();
    metadata.insert(QStringLiteral("uid"), newUid());
    metadata.insert(QStringLiteral("creationTimestamp"), rfc3339(now));
    metadata.remove(QStringLiteral("resourceVersion"));
    metadata.remove(QStringLiteral("deletionTimestamp"));
    metadata.remove(QStringLiteral("selfLink"));
    if (objectrules::hasGeneration(type)) {
        metadata.insert(QStringLiteral("generation"), 1);
    }
    object.insert(QStringLiteral("metadata"), metadata);
    object.insert(QStringLiteral("kind"), type.kind);
    if (!object.contains(QLatin1String("apiVersion"))) {
        object.insert(QStringLiteral("apiVersion"), type.apiVersion(type.preferredVersion()));
    }
    // Status is the controllers' to write: creation ignores what the client sent, as real strategies do.
    if (type.subresource(QStringLiteral("status")) && type.key() != QLatin1String("/namespaces")) {
        object.remove(QStringLiteral("status"));
    }
    objectrules::applyCreateDefaults(type, object,
                                     [this] { return quint32(newUid().left(8).toUInt(nullptr, 16)); });
    if (type.key() == QLatin1String("apiextensions.k8s.io/customresourcedefinitions")) {
        const QJsonObject names =
            object.value(QLatin1String("spec")).toObject().value(QLatin1String("names")).toObject();
        QJsonObject accepted = names;
        if (!accepted.contains(QLatin1String("singular"))) {
            accepted.insert(QStringLiteral("singular"),
                            names.value(QLatin1String("kind")).toString().toLower());
        }
        if (!accepted.contains(QLatin1String("listKind"))) {
            accepted.insert(QStringLiteral("listKind"),
                            names.value(QLatin1String("kind")).toString() + QStringLiteral("List"));
        }
        auto condition = [&](const char* type_, const char* reason, const char* message) {
            return QJsonObject{{QStringLiteral("type"), QLatin1String(type_)},
                               {QStringLiteral("status"), QStringLiteral("True")},
                               {QStringLiteral("lastTransitionTime"), rfc3339(now)},
                               {QStringLiteral("reason"), QLatin1String(reason)},
                               {QStringLiteral("message"), QLatin1String(message)}};
        };
        QJsonArray storedVersions;
        for (const QJsonValue& v :
             object.value(QLatin1String("spec")).toObject().value(QLatin1String("versions")).toArray()) {
            if (v.toObject().value(QLatin1String("storage")).toBool()) {
                storedVersions.append(v.toObject().value(QLatin1String("name")));
            }
        }
        object.insert(QStringLiteral("status"),
                      QJsonObject{{QStringLiteral("acceptedNames"), accepted},
                                  {QStringLiteral("conditions"),
                                   QJsonArray{condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                                              condition("Established", "InitialNamesAccepted",
                                                        "the initial names have been accepted")}},
                                  {QStringLiteral("storedVersions"), storedVersions}});
    }
    return store(type, nullptr, object, options, 201);
}

WriteResult ResourceStorage::update(const ResourceType& type, const QString& namespaceName,
                                    const QString& name, QJsonObject object, const WriteOptions& options) {
    const ObjectPtr existing = get(type, namespaceName, name);
    if (!existing) {
        return WriteResult::failure(ApiError::notFound(type, name));
    }
    QJsonObject metadata = metadataOf(object);
    const QString bodyName = metadata.value(QLatin1String("name")).toString();
    if (!bodyName.isEmpty() && bodyName != name) {
        return WriteResult::failure(ApiError::badRequest(
            QStringLiteral("the name of the object (%1) does not match the name on the URL (%2)")
                .arg(bodyName, name)));
    }
    const QString bodyNamespace = metadata.value(QLatin1String("namespace")).toString();
    if (type.namespaced && !bodyNamespace.isEmpty() && bodyNamespace != namespaceName) {
        return WriteResult::failure(ApiError::badRequest(QStringLiteral(
            "the namespace of the provided object does not match the namespace sent on the request")));
    }
    const QString bodyVersion = metadata.value(QLatin1String("resourceVersion")).toString();
    if (!bodyVersion.isEmpty() && bodyVersion != QString::number(existing->resourceVersion)) {
        return WriteResult::failure(ApiError::staleResourceVersion(type, name));
    }

    const QJsonObject oldMetadata = metadataOf(existing->object);
    QJsonObject merged;
    if (options.subresource == QLatin1String("status")) {
        // Only status is written through /status; everything else stays as stored.
        merged = existing->object;
        merged.insert(QStringLiteral("status"), object.value(QLatin1String("status")));
    } else {
        merged = object;
        if (type.subresource(QStringLiteral("status")) && type.key() != QLatin1String("/namespaces")) {
            if (existing->object.contains(QLatin1String("status"))) {
                merged.insert(QStringLiteral("status"), existing->object.value(QLatin1String("status")));
            } else {
                merged.remove(QStringLiteral("status"));
            }
        }
        // Fields the server owns survive an update whatever the client sent.
        for (const char* key : {"uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                                "generation", "namespace", "name"}) {
            if (oldMetadata.contains(QLatin1String(key))) {
                metadata.insert(QLatin1String(key), oldMetadata.value(QLatin1String(key)));
            } else {
                metadata.remove(QLatin1String(key));
            }
        }
        if (!metadata.contains(QLatin1String("managedFields"))) {
            metadata.insert(QStringLiteral("managedFields"),
                            oldMetadata.value(QLatin1String("managedFields")));
        }
        merged.insert(QStringLiteral("metadata"), metadata);
    }
    merged.insert(QStringLiteral("kind"), type.kind);
    if (!merged.contains(QLatin1String("apiVersion"))) {
        merged.insert(QStringLiteral("apiVersion"), existing->object.value(QLatin1String("apiVersion")));
    }
    return store(type, existing, merged, options, 200);
}

WriteResult ResourceStorage::store(const ResourceType& type, ObjectPtr previous, QJsonObject object,
                                   const WriteOptions& options, int successStatus) {
    WriteResult result;
    objectrules::normalizeOnWrite(type, object);
    const QJsonArray causes = objectrules::validate(type, object);
    if (!causes.isEmpty()) {
        return WriteResult::failure(
            ApiError::invalid(type.qualifiedKind(), type.group, type.kind,
                              metadataOf(object).value(QLatin1String("name")).toString(), causes));
    }
    {
        const QStringList unknown = objectrules::unknownFields(type, object);
        if (!unknown.isEmpty() && options.fieldValidation == QLatin1String("Strict")) {
            QStringList lines;
            for (const QString& field : unknown) {
                lines.append(QStringLiteral("unknown field \"%1\"").arg(field.mid(1)));
            }
            return WriteResult::failure(ApiError::badRequest(QStringLiteral("strict decoding error: ") +
                                                             lines.join(QStringLiteral(", "))));
        }
        if (options.fieldValidation == QLatin1String("Warn")) {
            for (const QString& field : unknown) {
                result.warnings.append(QStringLiteral("unknown field \"%1\"").arg(field.mid(1)));
            }
        }
        objectrules::removeFields(object, unknown);
    }

    if (previous && metadataOf(previous->object).contains(QLatin1String("deletionTimestamp"))) {
        // Nothing may hold an object back once its deletion has begun.
        const QJsonArray before = finalizersOf(previous->object);
        QStringList added;
        for (const QJsonValue& finalizer : finalizersOf(object)) {
            if (!before.contains(finalizer)) {
                added.append(QLatin1Char('"') + finalizer.toString() + QLatin1Char('"'));
            }
        }
        if (!added.isEmpty()) {
            return WriteResult::failure(ApiError::invalid(
                type.qualifiedKind(), type.group, type.kind, previous->name(),
                QJsonArray{ApiError::cause(QStringLiteral("FieldValueForbidden"),
                                           QStringLiteral("Forbidden: no new finalizers can be added if the object is "
                                                          "being deleted, found new finalizers []string{%1}")
                                               .arg(added.join(QStringLiteral(", "))),
                                           QStringLiteral("metadata.finalizers"))}));
        }
    }
    QJsonObject metadata = metadataOf(object);
    if (previous) {
        if (objectrules::hasGeneration(type) && objectrules::specChanged(previous->object, object)) {
            metadata.insert(QStringLiteral("generation"),
                            metadataOf(previous->object).value(QLatin1String("generation")).toInt() + 1);
        }
    }
    if (!options.fieldManager.isNull()) {
        const QJsonObject before = previous ? previous->object : QJsonObject();
        metadata.insert(QStringLiteral("managedFields"),
                        fieldownership::recordUpdate(
                            type, before, object, metadata.value(QLatin1String("managedFields")).toArray(),
                            options.fieldManager, object.value(QLatin1String("apiVersion")).toString(),
                            options.subresource, now()));
    }
    if (metadata.value(QLatin1String("managedFields")).toArray().isEmpty()) {
        metadata.remove(QStringLiteral("managedFields"));
    }
    object.insert(QStringLiteral("metadata"), metadata);

    if (previous) {
        // A write that changes nothing is not a write: no new resourceVersion, no watch event.
        QJsonObject unchanged = object;
        QJsonObject unchangedMeta = metadata;
        unchangedMeta.insert(QStringLiteral("resourceVersion"), QString::number(previous->resourceVersion));
        unchangedMeta.insert(QStringLiteral("managedFields"),
                             metadataOf(previous->object).value(QLatin1String("managedFields")));
        if (!metadataOf(previous->object).contains(QLatin1String("managedFields"))) {
            unchangedMeta.remove(QStringLiteral("managedFields"));
        }
        unchanged.insert(QStringLiteral("metadata"), unchangedMeta);
        if (unchanged == previous->object) {
            result.object = previous;
            result.httpStatus = 200;
            return result;
        }
    }

    if (options.dryRun) {
        auto wouldBe = std::make_shared<StoredObject>();
        wouldBe->object = object;
        wouldBe->resourceVersion = previous ? previous->resourceVersion : 0;
        result.object = wouldBe;
        result.httpStatus = successStatus;
        return result;
    }

    // The last finalizer removed from an object being deleted: now it goes.
    if (metadata.contains(QLatin1String("deletionTimestamp")) && finalizersOf(object).isEmpty() &&
        !(type.key() == QLatin1String("/namespaces") && !object.value(QLatin1String("spec"))
                                                             .toObject()
                                                             .value(QLatin1String("finalizers"))
                                                             .toArray()
                                                             .isEmpty()) &&
        !(type.key() == QLatin1String("/pods") &&
          metadata.contains(QLatin1String("deletionGracePeriodSeconds")) &&
          metadata.value(QLatin1String("deletionGracePeriodSeconds")).toInt() > 0)) {
        // One DELETED event with the final state, no MODIFIED before it (as the apiserver does).
        result.object = m_store->remove(
            type.key(), type.namespaced ? metadata.value(QLatin1String("namespace")).toString() : QString(),
            metadata.value(QLatin1String("name")).toString(), object);
        result.deleted = true;
        result.httpStatus = successStatus;
        return result;
    }

    result.object = m_store->put(type.key(), object);
    result.httpStatus = successStatus;
    if (type.key() == QLatin1String("apiextensions.k8s.io/customresourcedefinitions")) {
        Q_EMIT customResourceDefinitionChanged(result.object->object, false);
    }
    return result;
}

WriteResult ResourceStorage::patch(const ResourceType& type, const QString& namespaceName,
                                   const QString& name, PatchType patchType, const QByteArray& body,
                                   bool force, const WriteOptions& options) {
    const ObjectPtr existing = get(type, namespaceName, name);
    if (patchType == PatchType::Apply) {
        auto applied = fieldownership::apply(type, existing ? existing->object : QJsonObject(), body,
                                             options.fieldManager, force, options.subresource, now());
        if (applied.error) {
            return WriteResult::failure(*applied.error);
        }
        WriteOptions applyOptions = options;
        applyOptions.fieldManager = QString(); // ownership is already recorded by apply
        if (!existing) {
            QJsonObject object = applied.object;
            QJsonObject metadata = metadataOf(object);
            if (!metadata.contains(QLatin1String("name"))) {
                metadata.insert(QStringLiteral("name"), name);
                object.insert(QStringLiteral("metadata"), metadata);
            }
            return create(type, namespaceName, object, applyOptions);
        }
        return update(type, namespaceName, name, applied.object, applyOptions);
    }
    if (!existing) {
        return WriteResult::failure(ApiError::notFound(type, name));
    }
    auto patched = fieldownership::patchDocument(type, existing->object, body, patchType);
    if (patched.error) {
        return WriteResult::failure(*patched.error);
    }
    return update(type, namespaceName, name, patched.object, options);
}

WriteResult ResourceStorage::remove(const ResourceType& type, const QString& namespaceName,
                                    const QString& name, const DeleteOptions& options) {
    const ObjectPtr existing = get(type, namespaceName, name);
    if (!existing) {
        return WriteResult::failure(ApiError::notFound(type, name));
    }
    const QJsonObject oldMetadata = metadataOf(existing->object);
    if (!options.preconditionUid.isEmpty() &&
        options.preconditionUid != oldMetadata.value(QLatin1String("uid")).toString()) {
        return WriteResult::failure(ApiError::conflict(
            type, name,
            QStringLiteral("Precondition failed: UID in precondition: %1, UID in object meta: %2")
                .arg(options.preconditionUid, oldMetadata.value(QLatin1String("uid")).toString())));
    }
    if (!options.preconditionResourceVersion.isEmpty() &&
        options.preconditionResourceVersion != QString::number(existing->resourceVersion)) {
        return WriteResult::failure(
            ApiError::conflict(type, name,
                               QStringLiteral("Precondition failed: ResourceVersion in precondition: %1, "
                                              "ResourceVersion in object meta: %2")
                                   .arg(options.preconditionResourceVersion)
                                   .arg(existing->resourceVersion)));
    }
    WriteResult result;
    if (options.dryRun) {
        result.object = existing;
        return result;
    }

    QJsonObject object = existing->object;
    QJsonObject metadata = oldMetadata;
    QJsonArray finalizers = metadata.value(QLatin1String("finalizers")).toArray();
    auto addFinalizer = [&finalizers](const QString& finalizer) {
        if (!finalizers.contains(finalizer)) {
            finalizers.append(finalizer);
        }
    };
    if (options.propagationPolicy == QLatin1String("Foreground")) {
        addFinalizer(QStringLiteral("foregroundDeletion"));
    } else if (options.propagationPolicy == QLatin1String("Orphan")) {
        addFinalizer(QStringLiteral("orphan"));
    }
    qint64 grace = 0;
    if (type.key() == QLatin1String("/pods") &&
        !object.value(QLatin1String("spec"))
             .toObject()
             .value(QLatin1String("nodeName"))
             .toString()
             .isEmpty() &&
        object.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString() !=
            QLatin1String("Succeeded") &&
        object.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString() !=
            QLatin1String("Failed")) {
        grace = options.gracePeriodSeconds.value_or(object.value(QLatin1String("spec"))
                                                        .toObject()
                                                        .value(QLatin1String("terminationGracePeriodSeconds"))
                                                        .toInt(30));
    }
    const bool namespaceWithFinalizers =
        type.key() == QLatin1String("/namespaces") && !object.value(QLatin1String("spec"))
                                                           .toObject()
                                                           .value(QLatin1String("finalizers"))
                                                           .toArray()
                                                           .isEmpty();

    if (finalizers.isEmpty() && grace == 0 && !namespaceWithFinalizers) {
        result.object = m_store->get(type.key(), type.namespaced ? namespaceName : QString(), name);
        purge(type, namespaceName, name);
        result.deleted = true;
        if (type.key() == QLatin1String("apiextensions.k8s.io/customresourcedefinitions")) {
            Q_EMIT customResourceDefinitionChanged(existing->object, true);
        }
        return result;
    }
    if (metadata.contains(QLatin1String("deletionTimestamp")) &&
        finalizers == oldMetadata.value(QLatin1String("finalizers")).toArray()) {
        result.object = existing; // already being deleted: nothing changes
        return result;
    }
    if (!metadata.contains(QLatin1String("deletionTimestamp"))) {
        metadata.insert(QStringLiteral("deletionTimestamp"), rfc3339(now().addSecs(grace)));
        metadata.insert(QStringLiteral("deletionGracePeriodSeconds"), grace);
    }
    if (!finalizers.isEmpty()) {
        metadata.insert(QStringLiteral("finalizers"), finalizers);
    }
    object.insert(QStringLiteral("metadata"), metadata);
    if (type.key() == QLatin1String("/namespaces")) {
        QJsonObject status = object.value(QLatin1String("status")).toObject();
        status.insert(QStringLiteral("phase"), QStringLiteral("Terminating"));
        object.insert(QStringLiteral("status"), status);
    }
    result.object = m_store->put(type.key(), object);
    return result;
}

void ResourceStorage::purge(const ResourceType& type, const QString& namespaceName, const QString& name) {
    m_store->remove(type.key(), type.namespaced ? namespaceName : QString(), name);
}

} // namespace binnacle::sim
