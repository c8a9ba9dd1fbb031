#pragma once

#include "protobufschema.h"
#include "protowirereader.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace binnacle::sim {

// Turns protobuf messages into their JSON form, driven by the tables of protobufschema.h. The first failure
// is kept with the JSON path where it happened, and every later step gives up.
class ProtoMessageDecoder {
public:
    bool decodeMessage(QByteArrayView data, const pbschema::MessageSpec& message, QJsonObject& into);
    // A whole envelope-wrapped object ("k8s\0" + runtime.Unknown), as embedded RawExtensions may carry.
    bool decodeEnvelope(QByteArrayView body, QJsonObject& into);

    const QString& error() const { return m_error; }

private:
    bool decodeField(ProtoWireReader& reader, const pbschema::FieldSpec& field, WireType wireType,
                     const pbschema::MessageSpec& message, QJsonObject& into);
    bool decodeMapEntry(QByteArrayView entry, const pbschema::FieldSpec& field, QJsonObject& map);
    bool decodeValue(ProtoWireReader& reader, const pbschema::FieldSpec& field, WireType wireType,
                     QJsonValue& value);
    bool decodeSubMessage(QByteArrayView data, std::string_view type, QJsonObject& into);
    void applyPresence(const pbschema::MessageSpec& message, QJsonObject& object) const;

    // The special apimachinery types, in protobufspecialtypes.cpp.
    bool decodeTime(QByteArrayView data, bool micro, QJsonValue& value);
    bool decodeQuantity(QByteArrayView data, QJsonValue& value);
    bool decodeIntOrString(QByteArrayView data, QJsonValue& value);
    bool decodeRawJson(QByteArrayView data, QJsonValue& value);
    bool decodeStringList(QByteArrayView data, QJsonValue& value);

    bool fail(const QString& what);
    bool truncated(std::string_view message) {
        return fail(QStringLiteral("malformed or truncated %1").arg(qt(message)));
    }
    static QString qt(std::string_view text) {
        return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
    }

    QString m_error;
    QStringList m_path;
    int m_depth = 0;
};

} // namespace binnacle::sim
