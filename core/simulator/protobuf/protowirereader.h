#pragma once

#include <QByteArrayView>
#include <cstdint>

namespace binnacle::sim {

// The wire types of the protobuf encoding; groups (3 and 4) are deprecated and never used by Kubernetes.
enum class WireType : std::uint8_t { Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5 };

// Reads the protobuf wire format from an untrusted buffer. Every read checks the remaining length first and
// reports failure instead of reading past the end, so truncated or hostile bodies cannot over-read.
class ProtoWireReader {
public:
    explicit ProtoWireReader(QByteArrayView data)
        : m_data(data) {}

    bool atEnd() const { return m_position >= m_data.size(); }

    // Reads a field key. Fails on field number 0, numbers past 2^29-1 and wire types other than the four.
    bool readKey(int& fieldNumber, WireType& wireType);
    bool readVarint(std::uint64_t& value);
    bool readFixed64(std::uint64_t& value);
    bool readFixed32(std::uint32_t& value);
    // The payload of a length-delimited field, as a view into the buffer.
    bool readLengthDelimited(QByteArrayView& payload);

private:
    QByteArrayView m_data;
    qsizetype m_position = 0;
};

} // namespace binnacle::sim
