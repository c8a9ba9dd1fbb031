#include "managedfields.h"

#include "applymerge.h"
#include "fieldset.h"

#include <QJsonValue>
#include <algorithm>
#include <map>

namespace binnacle::sim {
namespace {

const QString kApply = QStringLiteral("Apply");
const QString kUpdate = QStringLiteral("Update");

struct ManagerEntry {
    QJsonObject entry; // everything but fieldsV1
    FieldSet fields;

    QString manager() const { return entry.value(QLatin1String("manager")).toString(); }
    QString operation() const { return entry.value(QLatin1String("operation")).toString(); }
    QString apiVersion() const { return entry.value(QLatin1String("apiVersion")).toString(); }
    QString subresource() const { return entry.value(QLatin1String("subresource")).toString(); }

    // Kubernetes keys entries by manager, operation and subresource, and for Update also by apiVersion.
    bool sameWriter(const QString& name, const QString& op, const QString& version,
                    const QString& sub) const {
        return manager() == name && operation() == op && subresource() == sub &&
               (op == kApply || apiVersion() == version);
    }

    // How conflict messages name the manager (apiserver's printManager).
    QString describe() const {
        QString text = QLatin1Char('"') + manager() + QLatin1Char('"');
        if (!subresource().isEmpty())
            text += QStringLiteral(" with subresource \"%1\"").arg(subresource());
        if (operation() == kUpdate)
            text += QStringLiteral(" using ") + apiVersion();
        return text;
    }
};

std::vector<ManagerEntry> decodeEntries(const QJsonArray& managedFields) {
    std::vector<ManagerEntry> entries;
    for (const QJsonValue& value : managedFields) {
        QJsonObject entry = value.toObject();
        if (entry.isEmpty())
            continue;
        const FieldSet fields = FieldSet::fromFieldsV1(entry.value(QLatin1String("fieldsV1")).toObject());
        entry.remove(QStringLiteral("fieldsV1"));
        entries.push_back({entry, fields});
    }
    return entries;
}

QJsonArray encodeEntries(std::vector<ManagerEntry> entries) {
    std::erase_if(entries, [](const ManagerEntry& e) { return e.fields.isEmpty(); });
    std::stable_sort(entries.begin(), entries.end(), [](const ManagerEntry& a, const ManagerEntry& b) {
        const auto key = [](const ManagerEntry& e) {
            // RFC 3339 times in UTC compare correctly as text.
            return std::make_tuple(e.operation(), e.entry.value(QLatin1String("time")).toString(),
                                   e.manager(), e.apiVersion(), e.subresource());
        };
        return key(a) < key(b);
    });
    QJsonArray result;
    for (const ManagerEntry& e : entries) {
        QJsonObject entry = e.entry;
        entry.insert(QStringLiteral("fieldsType"), QStringLiteral("FieldsV1"));
        entry.insert(QStringLiteral("fieldsV1"), e.fields.toFieldsV1());
        result.append(entry);
    }
    return result;
}

ManagerEntry newEntry(const QString& manager, const QString& operation, const QString& apiVersion,
                      const QString& subresource) {
    QJsonObject entry{{QStringLiteral("manager"), manager},
                      {QStringLiteral("operation"), operation},
                      {QStringLiteral("apiVersion"), apiVersion}};
    if (!subresource.isEmpty())
        entry.insert(QStringLiteral("subresource"), subresource);
    return {entry, {}};
}

// The object without the fields that the server owns and nobody else may (apiserver's stripMetaManager).
QJsonObject withoutServerFields(QJsonObject object) {
    object.remove(QStringLiteral("apiVersion"));
    object.remove(QStringLiteral("kind"));
    QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
    for (const char* field : {"name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName",
                              "generation", "managedFields", "resourceVersion"})
        metadata.remove(QString::fromLatin1(field));
    if (object.contains(QLatin1String("metadata")))
        object.insert(QStringLiteral("metadata"), metadata);
    return object;
}

FieldSet withoutServerPaths(FieldSet fields) {
    fields.remove({QStringLiteral("f:metadata")});
    return fields;
}

// On create the server compares against the zero value of the Go type, in which some objects and
// lists exist already (spec, status, a pod template's metadata and spec, a pod's containers): those are
// not reported as added, so the creator does not own them as a whole.
QJsonObject zeroValueSkeleton(const QJsonObject& created) {
    static const QStringList paths{QStringLiteral("spec"),
                                   QStringLiteral("status"),
                                   QStringLiteral("spec.containers"),
                                   QStringLiteral("spec.template"),
                                   QStringLiteral("spec.template.metadata"),
                                   QStringLiteral("spec.template.spec"),
                                   QStringLiteral("spec.template.spec.containers"),
                                   QStringLiteral("spec.jobTemplate"),
                                   QStringLiteral("spec.jobTemplate.spec"),
                                   QStringLiteral("spec.jobTemplate.spec.template"),
                                   QStringLiteral("spec.jobTemplate.spec.template.metadata"),
                                   QStringLiteral("spec.jobTemplate.spec.template.spec"),
                                   QStringLiteral("spec.jobTemplate.spec.template.spec.containers")};
    const std::function<QJsonObject(const QJsonObject&, const QString&)> build =
        [&](const QJsonObject& source, const QString& prefix) {
            QJsonObject skeleton;
            for (auto it = source.begin(); it != source.end(); ++it) {
                const QString path = MergeSchema::fieldPath(prefix, it.key());
                if (!paths.contains(path))
                    continue;
                if (it.value().isObject())
                    skeleton.insert(it.key(), build(it.value().toObject(), path));
                else if (it.value().isArray())
                    skeleton.insert(it.key(), QJsonArray());
            }
            return skeleton;
        };
    return build(created, QString());
}

} // namespace

QString managedFieldsTime(const QDateTime& time) {
    return time.toUTC().toString(Qt::ISODate);
}

QJsonArray updateManagedFields(const QJsonObject& oldObject, const QJsonObject& newObject,
                               const QJsonArray& managedFields, const QString& manager,
                               const QString& apiVersion, const QString& subresource, const QDateTime& now,
                               const MergeSchema& schema) {
    QJsonArray start = managedFields;
    const QJsonValue requested =
        newObject.value(QLatin1String("metadata")).toObject().value(QLatin1String("managedFields"));
    if (subresource.isEmpty() && requested.isArray() && !requested.toArray().isEmpty() &&
        requested != managedFields)
        start = requested.toArray();
    std::vector<ManagerEntry> entries = decodeEntries(start);

    const bool creating = oldObject.isEmpty();
    const QJsonObject before = creating && &schema != &MergeSchema::forCustomResource()
                                   ? zeroValueSkeleton(newObject)
                                   : withoutServerFields(oldObject);
    const FieldComparison changes = compareFields(before, withoutServerFields(newObject), schema);
    const FieldSet changed = withoutServerPaths(changes.added.united(changes.modified));

    auto mine = std::find_if(entries.begin(), entries.end(), [&](const ManagerEntry& e) {
        return e.sameWriter(manager, kUpdate, apiVersion, subresource);
    });
    for (ManagerEntry& entry : entries)
        entry.fields = entry.fields.subtracted(changed).subtracted(changes.removed);
    if (changed.isEmpty())
        return encodeEntries(std::move(entries));
    if (mine == entries.end()) {
        entries.push_back(newEntry(manager, kUpdate, apiVersion, subresource));
        mine = entries.end() - 1;
    }
    mine->fields = mine->fields.united(changed);
    mine->entry.insert(QStringLiteral("time"), managedFieldsTime(now));
    return encodeEntries(std::move(entries));
}

namespace {

PatchFailure conflictFailure(const std::vector<std::pair<QString, FieldPath>>& conflicts) {
    PatchFailure failure{409, QStringLiteral("Conflict"), QString(), {}};
    std::map<QString, QStringList> byManager;
    for (const auto& [manager, path] : conflicts) {
        const QString field = FieldSet::pathString(path);
        failure.causes.append(PatchFailure::cause(QStringLiteral("FieldManagerConflict"),
                                                  QStringLiteral("conflict with ") + manager, field));
        byManager[manager].append(field);
    }
    if (conflicts.size() == 1) {
        failure.message = QStringLiteral("Apply failed with 1 conflict: conflict with %1: %2")
                              .arg(conflicts.front().first, FieldSet::pathString(conflicts.front().second));
        return failure;
    }
    QStringList lines;
    for (const auto& [manager, fields] : byManager) {
        lines.append(QStringLiteral("conflicts with %1:").arg(manager));
        for (const QString& field : fields)
            lines.append(QStringLiteral("- ") + field);
    }
    failure.message = QStringLiteral("Apply failed with %1 conflicts: %2")
                          .arg(conflicts.size())
                          .arg(lines.join(QLatin1Char('\n')));
    return failure;
}

} // namespace

PatchResult serverSideApply(const QJsonObject& live, const QJsonObject& applied, const QString& manager,
                            bool force, const QString& apiVersion, const QString& subresource,
                            const QDateTime& now, const MergeSchema& schema) {
    const QJsonObject config = withoutServerFields(applied);
    const FieldSet appliedFields = withoutServerPaths(fieldSetOf(config, schema));

    std::vector<ManagerEntry> entries = decodeEntries(
        live.value(QLatin1String("metadata")).toObject().value(QLatin1String("managedFields")).toArray());
    auto mine = std::find_if(entries.begin(), entries.end(), [&](const ManagerEntry& e) {
        return e.sameWriter(manager, kApply, apiVersion, subresource);
    });
    const bool firstApply = mine == entries.end();
    if (firstApply) {
        entries.push_back(newEntry(manager, kApply, apiVersion, subresource));
        mine = entries.end() - 1;
    }
    const FieldSet lastApplied = mine->fields;
    mine->fields = appliedFields;
    mine->entry.insert(QStringLiteral("apiVersion"), apiVersion);

    // The applied configuration without its managedFields, merged into the live object.
    QJsonObject appliedObject = applied;
    QJsonObject appliedMetadata = applied.value(QLatin1String("metadata")).toObject();
    appliedMetadata.remove(QStringLiteral("managedFields"));
    appliedObject.insert(QStringLiteral("metadata"), appliedMetadata);
    QJsonObject merged = mergeApplied(live, appliedObject, QString(), schema).toObject();

    // Fields applied last time and dropped now go, unless somebody still owns them or something below.
    FieldSet owned;
    for (const ManagerEntry& entry : entries)
        owned = owned.united(entry.fields);
    const FieldSet dropped = withoutServerPaths(lastApplied).subtracted(appliedFields);
    for (const FieldPath& path : dropped.paths()) {
        if (!owned.containsPrefix(path))
            removeFieldPath(merged, path, schema,
                            [&owned](const FieldPath& p) { return owned.containsPrefix(p); });
    }

    const FieldComparison changes =
        compareFields(withoutServerFields(live), withoutServerFields(merged), schema);
    const FieldSet changed = changes.added.united(changes.modified);
    std::vector<std::pair<QString, FieldPath>> conflicts;
    for (ManagerEntry& entry : entries) {
        if (&entry == &*mine)
            continue;
        const FieldSet taken = entry.fields.intersected(changed);
        for (const FieldPath& path : taken.paths())
            conflicts.emplace_back(entry.describe(), path);
        entry.fields = entry.fields.subtracted(taken).subtracted(changes.removed);
    }
    if (!conflicts.empty() && !force) {
        std::stable_sort(conflicts.begin(), conflicts.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        return PatchResult::fail(conflictFailure(conflicts));
    }

    const bool objectChanged = withoutServerFields(live) != withoutServerFields(merged);
    if (firstApply || objectChanged || !mine->entry.contains(QLatin1String("time")))
        mine->entry.insert(QStringLiteral("time"), managedFieldsTime(now));
    QJsonObject metadata = merged.value(QLatin1String("metadata")).toObject();
    metadata.insert(QStringLiteral("managedFields"), encodeEntries(std::move(entries)));
    merged.insert(QStringLiteral("metadata"), metadata);
    return PatchResult::success(merged);
}

} // namespace binnacle::sim
