#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace binnacle::sim {

struct ResourceType;

// Small, pure helpers over Kubernetes objects as JSON, shared by the simulated controllers.
namespace objects {

QJsonObject metadata(const QJsonObject& object);
QString name(const QJsonObject& object);
QString namespaceName(const QJsonObject& object);
QString uid(const QJsonObject& object);
QJsonObject labels(const QJsonObject& object);
QString annotation(const QJsonObject& object, const QString& key);
qint64 generation(const QJsonObject& object);
bool isDeleting(const QJsonObject& object);
bool hasFinalizer(const QJsonObject& object, const QString& finalizer);
QJsonObject withoutFinalizer(QJsonObject object, const QString& finalizer);
// An object path like "spec.template.metadata.labels" read as an object.
QJsonObject objectAt(const QJsonObject& object, const QString& dottedPath);
QJsonObject setObjectAt(QJsonObject object, const QString& dottedPath, const QJsonValue& value);

// The controller ownerReference {apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true}.
QJsonObject controllerReference(const QJsonObject& owner, const ResourceType& ownerType);
// The uid of the object's controlling owner, or an empty string.
QString controllerUid(const QJsonObject& object);
bool isControlledBy(const QJsonObject& object, const QString& ownerUid);

// RFC 3339 with seconds, as metav1.Time serialises; and with microseconds, as metav1.MicroTime.
QString timestamp(const QDateTime& time);
QString microTimestamp(const QDateTime& time);
QDateTime parseTimestamp(const QString& text);

// Replaces (or adds) the condition of the same type. lastTransitionTime (and lastUpdateTime, when the
// condition carries one) keep their old value unless the status changed, as the controllers do.
// Returns true when anything but the times changed.
bool setCondition(QJsonArray& conditions, QJsonObject condition);
QJsonObject findCondition(const QJsonArray& conditions, const QString& type);

// Pods.
QString podPhase(const QJsonObject& pod);
bool isPodTerminal(const QJsonObject& pod);
// Counts toward a controller's replicas: not finished and not being deleted.
bool isPodActive(const QJsonObject& pod);
bool isPodReady(const QJsonObject& pod);
bool isPodAvailable(const QJsonObject& pod, int minReadySeconds, const QDateTime& now);
int podRestarts(const QJsonObject& pod);

// An int-or-percent value (maxSurge, maxUnavailable) resolved against a total.
int resolveIntOrPercent(const QJsonValue& value, int total, bool roundUp, int defaultValue);

// FNV-1a 32-bit, the hash kube's controllers use for pod-template-hash and revisions.
quint32 fnv32a(const QByteArray& data);
// rand.SafeEncodeString: maps each character into an alphabet without vowels or lookalike characters.
QString safeEncode(const QString& text);
// The pod-template-hash / controller-revision hash of a JSON value (plus a collision count).
QString templateHash(const QJsonObject& value, int collisionCount = 0);

// Drops null-free zero counters like Go's omitempty on int32 status fields.
void insertCount(QJsonObject& object, const QString& key, int value);

} // namespace objects
} // namespace binnacle::sim
