#pragma once

#include "mergeschema.h"
#include "patchfailure.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace binnacle::sim {

// Field ownership, as kube-apiserver keeps it in metadata.managedFields. Entries look like
//   {"manager","operation":"Apply"|"Update","apiVersion","time","fieldsType":"FieldsV1","fieldsV1":{...},
//    "subresource"?}
// sorted as Kubernetes sorts them (Apply before Update, then by time, manager, apiVersion, subresource).
// Fields the server owns are never recorded: apiVersion, kind and metadata.{name, namespace, uid,
// resourceVersion, generation, creationTimestamp, selfLink, managedFields}.

// The managedFields after a non-apply write (create, update, patch) by `manager`: it gets "Update"
// ownership of every field it set or changed, those fields leave the other managers' sets, removed fields
// leave every set, and entries left empty disappear. Pass an empty `oldObject` for a create.
// If the request itself carries a non-empty metadata.managedFields different from `managedFields`, that
// list is taken as the starting point, as the real server does ([{}] resets it). Not so on a subresource.
// `now` becomes the time of the writer's entry when it changed anything (RFC 3339, seconds, UTC).
QJsonArray updateManagedFields(const QJsonObject& oldObject, const QJsonObject& newObject,
                               const QJsonArray& managedFields, const QString& manager,
                               const QString& apiVersion, const QString& subresource, const QDateTime& now,
                               const MergeSchema& schema);

// Server-side apply (PATCH with application/apply-patch+yaml, the body already parsed to JSON) of
// `applied` by `manager` onto `live` (an empty object when the object does not exist yet). On success the
// result is the merged object with its metadata.managedFields updated; the server-filled metadata
// (uid, resourceVersion, ...) of `live` is kept, for a create it is the caller's to fill.
// - fields in `applied` take the applied value and become the applier's ("Apply" entry = exactly the
//   fields of `applied`);
// - a field another manager owns that would change value is a conflict: 409 Conflict with one
//   FieldManagerConflict cause per field, unless `force`, which moves the ownership to the applier;
// - fields the applier applied last time, omits now and nobody else owns are removed from the object.
PatchResult serverSideApply(const QJsonObject& live, const QJsonObject& applied, const QString& manager,
                            bool force, const QString& apiVersion, const QString& subresource,
                            const QDateTime& now, const MergeSchema& schema);

// The ownership time format: "2022-09-18T23:50:25Z".
QString managedFieldsTime(const QDateTime& time);

} // namespace binnacle::sim
