#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace binnacle::sim::test {

// Any JSON text, scalars included, as a value (QJsonDocument alone takes only objects and arrays).
QJsonValue json(const char* text);
inline QJsonObject jsonObject(const char* text) {
    return json(text).toObject();
}

// A YAML fixture from BINNACLE_FIXTURES_DIR as JSON: quoted scalars stay strings, plain ones become
// numbers, booleans or null where they read as such.
QJsonObject loadYamlFixture(const QString& fileName);

} // namespace binnacle::sim::test
