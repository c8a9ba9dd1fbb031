#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <cstdint>
#include <initializer_list>
#include <utility>

// A tiny protobuf encoder for the tests: the decoder under test must not be its own witness.
class ProtoWriter {
public:
    ProtoWriter& varint(int field, std::uint64_t value) {
        key(field, 0);
        rawVarint(value);
        return *this;
    }
    ProtoWriter& string(int field, QByteArrayView text) {
        key(field, 2);
        rawVarint(static_cast<std::uint64_t>(text.size()));
        m_bytes.append(text);
        return *this;
    }
    ProtoWriter& message(int field, const ProtoWriter& inner) { return string(field, inner.bytes()); }
    ProtoWriter& fixed64(int field, std::uint64_t value) {
        key(field, 1);
        for (int index = 0; index < 8; ++index)
            m_bytes.append(static_cast<char>((value >> (8 * index)) & 0xff));
        return *this;
    }
    // A map<string, string> entry, or map<string, bytes>.
    ProtoWriter& mapEntry(int field, QByteArrayView key, QByteArrayView value) {
        return message(field, ProtoWriter().string(1, key).string(2, value));
    }
    ProtoWriter& mapEntries(int field, std::initializer_list<std::pair<const char*, const char*>> entries) {
        for (const auto& [entryKey, value] : entries)
            mapEntry(field, entryKey, value);
        return *this;
    }
    ProtoWriter& raw(QByteArrayView bytes) {
        m_bytes.append(bytes);
        return *this;
    }
    const QByteArray& bytes() const { return m_bytes; }

    void rawVarint(std::uint64_t value) {
        while (value >= 0x80) {
            m_bytes.append(static_cast<char>((value & 0x7f) | 0x80));
            value >>= 7;
        }
        m_bytes.append(static_cast<char>(value));
    }

private:
    void key(int field, int wireType) { rawVarint((static_cast<std::uint64_t>(field) << 3) | wireType); }

    QByteArray m_bytes;
};

// "k8s\0" + runtime.Unknown{typeMeta{apiVersion, kind}, raw, contentEncoding "", contentType ""}, the way
// client-go frames an object.
inline QByteArray kubernetesEnvelope(QByteArrayView apiVersion, QByteArrayView kind,
                                     const ProtoWriter& object) {
    ProtoWriter unknown;
    unknown.message(1, ProtoWriter().string(1, apiVersion).string(2, kind))
        .message(2, object)
        .string(3, "")
        .string(4, "");
    return QByteArray("k8s", 4) + unknown.bytes();
}

// IntOrString as intstr encodes it: {type, intVal, strVal}, all three always present.
inline ProtoWriter encodeIntOrString(int value) {
    return ProtoWriter().varint(1, 0).varint(2, static_cast<std::uint32_t>(value)).string(3, "");
}
inline ProtoWriter encodeIntOrString(QByteArrayView value) {
    return ProtoWriter().varint(1, 1).varint(2, 0).string(3, value);
}

// ObjectMeta as gogo-protobuf marshals it for a new object: every non-pointer field present, even if zero.
inline ProtoWriter newObjectMeta(QByteArrayView name) {
    return ProtoWriter()
        .string(1, name)
        .string(2, "")
        .string(3, "")
        .string(4, "")
        .string(5, "")
        .string(6, "")
        .varint(7, 0)
        .message(8, ProtoWriter());
}
