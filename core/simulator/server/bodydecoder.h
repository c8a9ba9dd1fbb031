#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace binnacle::sim {

// Decodes request bodies: JSON, or YAML where the API accepts it (apply patches). The simulator keeps
// its own decoder, independent of the client's, so that one side's bug cannot hide the other's.
struct DecodedBody {
    QJsonObject object;
    QString error; // set when the body is not a valid object
};

DecodedBody decodeJsonObject(const QByteArray& body);
DecodedBody decodeYamlOrJsonObject(const QByteArray& body);
// The YAML form of a response body (Accept: application/yaml).
QByteArray encodeYaml(const QJsonValue& value);

} // namespace binnacle::sim
