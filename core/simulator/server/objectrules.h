#pragma once

#include "apierror.h"
#include "resourcetype.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>
#include <functional>
#include <optional>

namespace binnacle::sim {

// Per-kind rules applied on writes, as the apiserver's registry strategies do: defaulting on create,
// validation, and the schema knowledge that strict field validation needs.
namespace objectrules {

// Fills the defaults a real server fills (pod spec defaults, deployment strategy, service type, ...).
// `randomToken` returns fresh pseudo-random numbers (for cluster IPs).
void applyCreateDefaults(const ResourceType& type, QJsonObject& object,
                         const std::function<quint32()>& randomToken);

// Rewrites the server applies on every write (Secret.stringData folded into data).
void normalizeOnWrite(const ResourceType& type, QJsonObject& object);

// Field errors, as Status causes ({reason, message, field}); empty when the object is valid.
QJsonArray validate(const ResourceType& type, const QJsonObject& object);

// Paths of fields the kind does not define (".spec.foo"), for fieldValidation Strict and Warn.
QStringList unknownFields(const ResourceType& type, const QJsonObject& object);

// Drops the fields at those paths: unknown fields do not survive decoding into the kind's type.
void removeFields(QJsonObject& object, const QStringList& paths);

// Whether a change to the object bumps metadata.generation (anything but metadata and status).
bool specChanged(const QJsonObject& before, const QJsonObject& after);
bool hasGeneration(const ResourceType& type);

bool isDns1123Subdomain(const QString& name);
bool isDns1123Label(const QString& name);

} // namespace objectrules
} // namespace binnacle::sim
