#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace binnacle::sim {

// QJsonDocument::toJson(QJsonDocument::Compact), byte for byte, without its cost: Qt 6.4's writer
// re-reserves its buffer at every nested container (reallocating and copying everything written so
// far) and allocates twice per string. Every object the simulator sends goes through here once per
// stored version, so this is where a watch event's and a list item's bytes are made.
namespace compactjson {

void append(QByteArray& out, const QJsonObject& object);
void append(QByteArray& out, const QJsonArray& array);
void append(QByteArray& out, const QJsonValue& value);
// A JSON string literal, quotes included, escaped as Qt escapes it.
void appendString(QByteArray& out, QStringView text);

QByteArray toJson(const QJsonObject& object);
QByteArray toJson(const QJsonArray& array);

} // namespace compactjson
} // namespace binnacle::sim
