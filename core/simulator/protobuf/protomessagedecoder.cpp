#include "protomessagedecoder.h"

#include <QJsonArray>
#include <cstring>

namespace binnacle::sim {

using namespace pbschema;

namespace {

// Deeper nesting than any Kubernetes object has; it stops hostile bodies from exhausting the stack
// through RawExtensions that embed objects that embed RawExtensions.
constexpr int maxDepth = 64;

bool isLengthDelimited(ValueType type) {
    return type != ValueType::Bool && type != ValueType::Int32 && type != ValueType::Int64 &&
           type != ValueType::Double;
}

WireType expectedWireType(ValueType type) {
    if (type == ValueType::Double)
        return WireType::Fixed64;
    return isLengthDelimited(type) ? WireType::LengthDelimited : WireType::Varint;
}

// What Go's encoding/json omits for an `omitempty` scalar; structs are never omitted.
bool isEmptyScalar(ValueType type, const QJsonValue& value) {
    switch (type) {
    case ValueType::String:
    case ValueType::Bytes:
        return value.toString().isEmpty();
    case ValueType::Bool:
        return !value.toBool();
    case ValueType::Int32:
    case ValueType::Int64:
    case ValueType::Double:
        return value.toDouble() == 0;
    default:
        return false;
    }
}

QJsonValue zeroValue(const FieldSpec& field) {
    if (field.shape != Shape::Single)
        return QJsonValue::Null; // a nil slice or map
    switch (field.type) {
    case ValueType::String:
        return QString();
    case ValueType::Bool:
        return false;
    case ValueType::Int32:
    case ValueType::Int64:
    case ValueType::Double:
    case ValueType::IntOrString:
        return 0;
    case ValueType::Quantity:
        return QStringLiteral("0");
    case ValueType::Message:
        return QJsonObject();
    default:
        return QJsonValue::Null;
    }
}

} // namespace

bool ProtoMessageDecoder::fail(const QString& what) {
    if (m_error.isEmpty()) {
        const QString where = m_path.join(QString());
        m_error = where.isEmpty() ? what : QStringLiteral("%1: %2").arg(where, what);
    }
    return false;
}

bool ProtoMessageDecoder::decodeMessage(QByteArrayView data, const MessageSpec& message, QJsonObject& into) {
    if (++m_depth > maxDepth) {
        --m_depth;
        return fail(QStringLiteral("objects nested too deeply"));
    }
    ProtoWireReader reader(data);
    bool ok = true;
    while (ok && !reader.atEnd()) {
        int number = 0;
        WireType wireType = WireType::Varint;
        if (!reader.readKey(number, wireType)) {
            ok = truncated(message.name);
            break;
        }
        const FieldSpec* field = nullptr;
        for (const FieldSpec& candidate : message.fields) {
            if (candidate.number == number) {
                field = &candidate;
                break;
            }
        }
        if (field == nullptr) {
            ok = fail(QStringLiteral("unknown field number %1 (wire type %2) in message %3")
                          .arg(number)
                          .arg(static_cast<int>(wireType))
                          .arg(qt(message.name)));
            break;
        }
        ok = decodeField(reader, *field, wireType, message, into);
    }
    if (ok)
        applyPresence(message, into);
    --m_depth;
    return ok;
}

bool ProtoMessageDecoder::decodeField(ProtoWireReader& reader, const FieldSpec& field, WireType wireType,
                                      const MessageSpec& message, QJsonObject& into) {
    const QString name = qt(field.jsonName);
    if (field.shape == Shape::Map) {
        QByteArrayView entry;
        if (wireType != WireType::LengthDelimited || !reader.readLengthDelimited(entry))
            return truncated(message.name);
        QJsonObject map = into.value(name).toObject();
        m_path.append(QLatin1Char('.') + name);
        const bool ok = decodeMapEntry(entry, field, map);
        m_path.removeLast();
        into.insert(name, map);
        return ok;
    }
    if (field.inlined) {
        QByteArrayView payload;
        if (wireType != WireType::LengthDelimited || !reader.readLengthDelimited(payload))
            return truncated(message.name);
        return decodeSubMessage(payload, field.messageType, into);
    }
    if (field.shape == Shape::Repeated) {
        QJsonArray array = into.value(name).toArray();
        // Repeated numbers may arrive packed into one length-delimited field.
        if (wireType == WireType::LengthDelimited && !isLengthDelimited(field.type)) {
            QByteArrayView packed;
            if (!reader.readLengthDelimited(packed))
                return truncated(message.name);
            ProtoWireReader packedReader(packed);
            while (!packedReader.atEnd()) {
                QJsonValue value;
                if (!decodeValue(packedReader, field, expectedWireType(field.type), value))
                    return false;
                array.append(value);
            }
        } else {
            m_path.append(QStringLiteral(".%1[%2]").arg(name).arg(array.size()));
            QJsonValue value;
            const bool ok = decodeValue(reader, field, wireType, value);
            m_path.removeLast();
            if (!ok)
                return false;
            array.append(value);
        }
        into.insert(name, array);
        return true;
    }
    m_path.append(QLatin1Char('.') + name);
    QJsonValue value;
    bool ok = decodeValue(reader, field, wireType, value);
    m_path.removeLast();
    if (!ok)
        return false;
    // A singular message that occurs twice is merged, as protobuf specifies.
    if (field.type == ValueType::Message && into.value(name).isObject()) {
        QJsonObject merged = into.value(name).toObject();
        const QJsonObject later = value.toObject();
        for (auto it = later.begin(); it != later.end(); ++it)
            merged.insert(it.key(), it.value());
        value = merged;
    }
    into.insert(name, value);
    return true;
}

bool ProtoMessageDecoder::decodeMapEntry(QByteArrayView entry, const FieldSpec& field, QJsonObject& map) {
    ProtoWireReader reader(entry);
    QString key;
    FieldSpec valueField = field;
    valueField.shape = Shape::Single;
    QJsonValue value;
    bool hasValue = false;
    while (!reader.atEnd()) {
        int number = 0;
        WireType wireType = WireType::Varint;
        if (!reader.readKey(number, wireType))
            return truncated("map entry");
        if (number == 1) {
            QByteArrayView keyBytes;
            if (wireType != WireType::LengthDelimited || !reader.readLengthDelimited(keyBytes))
                return truncated("map entry");
            key = QString::fromUtf8(keyBytes);
        } else if (number == 2) {
            if (!decodeValue(reader, valueField, wireType, value))
                return false;
            hasValue = true;
        } else {
            return fail(QStringLiteral("unknown field number %1 in a map entry").arg(number));
        }
    }
    if (!hasValue) {
        // An absent value is the zero value of its type.
        if (valueField.type == ValueType::Message) {
            QJsonObject object;
            if (!decodeSubMessage({}, valueField.messageType, object))
                return false;
            value = object;
        } else if (valueField.type == ValueType::String || valueField.type == ValueType::Bytes) {
            value = QString();
        } else {
            value = zeroValue(valueField);
        }
    }
    map.insert(key, value);
    return true;
}

bool ProtoMessageDecoder::decodeValue(ProtoWireReader& reader, const FieldSpec& field, WireType wireType,
                                      QJsonValue& value) {
    if (wireType != expectedWireType(field.type)) {
        return fail(QStringLiteral("field %1 has wire type %2, expected %3")
                        .arg(field.number)
                        .arg(static_cast<int>(wireType))
                        .arg(static_cast<int>(expectedWireType(field.type))));
    }
    if (field.type == ValueType::Double) {
        std::uint64_t bits = 0;
        if (!reader.readFixed64(bits))
            return truncated("double");
        double number = 0;
        static_assert(sizeof(number) == sizeof(bits));
        std::memcpy(&number, &bits, sizeof(number));
        value = number;
        return true;
    }
    if (wireType == WireType::Varint) {
        std::uint64_t raw = 0;
        if (!reader.readVarint(raw))
            return truncated("varint");
        if (field.type == ValueType::Bool)
            value = raw != 0;
        else if (field.type == ValueType::Int32)
            value = static_cast<qint32>(static_cast<std::uint32_t>(raw));
        else
            value = static_cast<qint64>(raw);
        return true;
    }
    QByteArrayView payload;
    if (!reader.readLengthDelimited(payload))
        return truncated("length-delimited field");
    switch (field.type) {
    case ValueType::String:
        value = QString::fromUtf8(payload);
        return true;
    case ValueType::Bytes:
        value = QString::fromLatin1(payload.toByteArray().toBase64());
        return true;
    case ValueType::Message: {
        QJsonObject object;
        if (!decodeSubMessage(payload, field.messageType, object))
            return false;
        value = object;
        return true;
    }
    case ValueType::Time:
        return decodeTime(payload, false, value);
    case ValueType::MicroTime:
        return decodeTime(payload, true, value);
    case ValueType::Quantity:
        return decodeQuantity(payload, value);
    case ValueType::IntOrString:
        return decodeIntOrString(payload, value);
    case ValueType::RawJson:
        return decodeRawJson(payload, value);
    case ValueType::StringList:
        return decodeStringList(payload, value);
    default:
        return fail(QStringLiteral("field %1 has an unsupported type").arg(field.number));
    }
}

bool ProtoMessageDecoder::decodeSubMessage(QByteArrayView data, std::string_view type, QJsonObject& into) {
    const MessageSpec* message = findMessage(type);
    if (message == nullptr)
        return fail(QStringLiteral("no protobuf schema for message %1").arg(qt(type)));
    return decodeMessage(data, *message, into);
}

void ProtoMessageDecoder::applyPresence(const MessageSpec& message, QJsonObject& object) const {
    for (const FieldSpec& field : message.fields) {
        if (field.inlined)
            continue;
        const QString name = qt(field.jsonName);
        const auto found = object.find(name);
        if (found == object.end()) {
            if (field.presence == Presence::Always)
                object.insert(name, zeroValue(field));
        } else if (field.presence == Presence::OmitEmpty && field.shape == Shape::Single &&
                   isEmptyScalar(field.type, found.value())) {
            object.erase(found);
        }
    }
}

} // namespace binnacle::sim
