// apimachinery's types with their own JSON form: Time, MicroTime, Quantity, IntOrString, RawExtension and
// FieldsV1, the []string messages; and the runtime.Unknown envelope around every object.
#include "protomessagedecoder.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace binnacle::sim {

using namespace pbschema;

namespace {

constexpr char magic[] = {'k', '8', 's', '\0'};
// Go's time.Time range that RFC 3339 can spell: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
constexpr qint64 minSeconds = -62135596800;
constexpr qint64 maxSeconds = 253402300799;
constexpr qint64 maxNanos = 999999999;

} // namespace

bool ProtoMessageDecoder::decodeTime(QByteArrayView data, bool micro, QJsonValue& value) {
    // Go marshals the zero time as an empty message, and its JSON as null.
    if (data.isEmpty()) {
        value = QJsonValue::Null;
        return true;
    }
    ProtoWireReader reader(data);
    qint64 seconds = 0;
    qint64 nanos = 0;
    while (!reader.atEnd()) {
        int number = 0;
        WireType wireType = WireType::Varint;
        std::uint64_t raw = 0;
        if (!reader.readKey(number, wireType) || wireType != WireType::Varint || !reader.readVarint(raw))
            return truncated("Time");
        if (number == 1)
            seconds = static_cast<qint64>(raw);
        else if (number == 2)
            nanos = static_cast<qint32>(static_cast<std::uint32_t>(raw));
        else
            return fail(QStringLiteral("unknown field number %1 in message Time").arg(number));
    }
    if (seconds < minSeconds || seconds > maxSeconds || nanos < 0 || nanos > maxNanos)
        return fail(QStringLiteral("time out of range: %1 s %2 ns").arg(seconds).arg(nanos));
    const QDateTime when = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    QString text = when.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (micro)
        text += QStringLiteral(".%1").arg(nanos / 1000, 6, 10, QLatin1Char('0'));
    value = text + QLatin1Char('Z');
    return true;
}

bool ProtoMessageDecoder::decodeQuantity(QByteArrayView data, QJsonValue& value) {
    ProtoWireReader reader(data);
    QString text = QStringLiteral("0");
    while (!reader.atEnd()) {
        int number = 0;
        WireType wireType = WireType::Varint;
        QByteArrayView payload;
        if (!reader.readKey(number, wireType))
            return truncated("Quantity");
        if (number != 1)
            return fail(QStringLiteral("unknown field number %1 in message Quantity").arg(number));
        if (wireType != WireType::LengthDelimited || !reader.readLengthDelimited(payload))
            return truncated("Quantity");
        text = QString::fromUtf8(payload);
    }
    value = text;
    return true;
}

bool ProtoMessageDecoder::decodeIntOrString(QByteArrayView data, QJsonValue& value) {
    ProtoWireReader reader(data);
    std::uint64_t type = 0;
    qint32 intValue = 0;
    QString stringValue;
    while (!reader.atEnd()) {
        int number = 0;
        WireType wireType = WireType::Varint;
        if (!reader.readKey(number, wireType))
            return truncated("IntOrString");
        std::uint64_t raw = 0;
        QByteArrayView payload;
        if (number == 1 || number == 2) {
            if (wireType != WireType::Varint || !reader.readVarint(raw))
                return truncated("IntOrString");
            if (number == 1)
                type = raw;
            else
                intValue = static_cast<qint32>(static_cast<std::uint32_t>(raw));
        } else if (number == 3) {
            if (wireType != WireType::LengthDelimited || !reader.readLengthDelimited(payload))
                return truncated("IntOrString");
            stringValue = QString::fromUtf8(payload);
        } else {
            return fail(QStringLiteral("unknown field number %1 in message IntOrString").arg(number));
        }
    }
    if (type > 1)
        return fail(QStringLiteral("IntOrString of unknown type %1").arg(type));
    value = type == 0 ? QJsonValue(intValue) : QJsonValue(stringValue);
    return true;
}

bool ProtoMessageDecoder::decodeRawJson(QByteArrayView data, QJsonValue& value) {
    ProtoWireReader reader(data);
    QByteArrayView raw;
    while (!reader.atEnd()) {
        int number = 0;
        WireType wireType = WireType::Varint;
        if (!reader.readKey(number, wireType))
            return truncated("RawExtension");
        if (number != 1)
            return fail(QStringLiteral("unknown field number %1 in message RawExtension").arg(number));
        if (wireType != WireType::LengthDelimited || !reader.readLengthDelimited(raw))
            return truncated("RawExtension");
    }
    if (raw.isEmpty()) {
        value = QJsonValue::Null;
        return true;
    }
    // An embedded object may itself be protobuf-encoded.
    if (raw.size() >= 4 && raw.first(4) == QByteArrayView(magic, 4)) {
        QJsonObject object;
        if (!decodeEnvelope(raw, object))
            return false;
        value = object;
        return true;
    }
    // Wrapping in an array lets QJsonDocument (objects and arrays only) parse any JSON value.
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray("[") + raw.toByteArray() + QByteArray("]"), &parseError);
    if (parseError.error != QJsonParseError::NoError || document.array().size() != 1)
        return fail(QStringLiteral("embedded raw JSON is invalid: %1").arg(parseError.errorString()));
    value = document.array().first();
    return true;
}

bool ProtoMessageDecoder::decodeStringList(QByteArrayView data, QJsonValue& value) {
    ProtoWireReader reader(data);
    QJsonArray items;
    while (!reader.atEnd()) {
        int number = 0;
        WireType wireType = WireType::Varint;
        QByteArrayView item;
        if (!reader.readKey(number, wireType))
            return truncated("string list");
        if (number != 1)
            return fail(QStringLiteral("unknown field number %1 in a string list").arg(number));
        if (wireType != WireType::LengthDelimited || !reader.readLengthDelimited(item))
            return truncated("string list");
        items.append(QString::fromUtf8(item));
    }
    value = items;
    return true;
}

bool ProtoMessageDecoder::decodeEnvelope(QByteArrayView body, QJsonObject& into) {
    // runtime.Unknown {typeMeta=1 {apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4}.
    ProtoWireReader reader(body.sliced(4));
    QString apiVersion;
    QString kind;
    QByteArrayView raw;
    while (!reader.atEnd()) {
        int number = 0;
        WireType wireType = WireType::Varint;
        QByteArrayView payload;
        if (!reader.readKey(number, wireType) || wireType != WireType::LengthDelimited ||
            !reader.readLengthDelimited(payload))
            return truncated("envelope (runtime.Unknown)");
        if (number == 1) {
            ProtoWireReader typeMeta(payload);
            while (!typeMeta.atEnd()) {
                int metaNumber = 0;
                WireType metaWireType = WireType::Varint;
                QByteArrayView text;
                if (!typeMeta.readKey(metaNumber, metaWireType) ||
                    metaWireType != WireType::LengthDelimited || !typeMeta.readLengthDelimited(text))
                    return truncated("TypeMeta");
                if (metaNumber == 1)
                    apiVersion = QString::fromUtf8(text);
                else if (metaNumber == 2)
                    kind = QString::fromUtf8(text);
                else
                    return fail(
                        QStringLiteral("unknown field number %1 in message TypeMeta").arg(metaNumber));
            }
        } else if (number == 2) {
            raw = payload;
        } else if (number == 3) {
            if (!payload.isEmpty())
                return fail(
                    QStringLiteral("unsupported content encoding \"%1\"").arg(QString::fromUtf8(payload)));
        } else if (number != 4) { // contentType says nothing the magic did not
            return fail(QStringLiteral("unknown field number %1 in message Unknown").arg(number));
        }
    }
    if (kind.isEmpty())
        return fail(QStringLiteral("the envelope names no kind"));
    const KindSpec* spec = findKind(apiVersion.toStdString(), kind.toStdString());
    if (spec == nullptr)
        return fail(QStringLiteral("no protobuf schema for kind %1 of %2").arg(kind, apiVersion));
    const MessageSpec* message = findMessage(spec->message);
    if (message == nullptr)
        return fail(QStringLiteral("no protobuf schema for message %1").arg(qt(spec->message)));
    QJsonObject object;
    m_path.append(kind);
    const bool ok = decodeMessage(raw, *message, object);
    m_path.removeLast();
    if (!ok)
        return false;
    object.insert(QStringLiteral("apiVersion"), apiVersion);
    object.insert(QStringLiteral("kind"), kind);
    into = object;
    return true;
}

} // namespace binnacle::sim
