#include "protowirereader.h"

namespace binnacle::sim {

namespace {
constexpr std::uint64_t maxFieldNumber = (1U << 29) - 1;
constexpr int maxVarintBytes = 10;
} // namespace

bool ProtoWireReader::readVarint(std::uint64_t& value) {
    value = 0;
    for (int index = 0; index < maxVarintBytes; ++index) {
        if (m_position >= m_data.size())
            return false;
        const auto byte = static_cast<std::uint8_t>(m_data[m_position++]);
        // The tenth byte may only carry the 64th bit.
        if (index == maxVarintBytes - 1 && byte > 1)
            return false;
        value |= static_cast<std::uint64_t>(byte & 0x7f) << (7 * index);
        if ((byte & 0x80) == 0)
            return true;
    }
    return false;
}

bool ProtoWireReader::readKey(int& fieldNumber, WireType& wireType) {
    std::uint64_t key = 0;
    if (!readVarint(key))
        return false;
    const std::uint64_t number = key >> 3;
    const auto type = static_cast<std::uint8_t>(key & 7);
    if (number == 0 || number > maxFieldNumber)
        return false;
    if (type != 0 && type != 1 && type != 2 && type != 5)
        return false;
    fieldNumber = static_cast<int>(number);
    wireType = static_cast<WireType>(type);
    return true;
}

bool ProtoWireReader::readFixed64(std::uint64_t& value) {
    if (m_data.size() - m_position < 8)
        return false;
    value = 0;
    for (int index = 0; index < 8; ++index)
        value |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(m_data[m_position + index]))
                 << (8 * index);
    m_position += 8;
    return true;
}

bool ProtoWireReader::readFixed32(std::uint32_t& value) {
    if (m_data.size() - m_position < 4)
        return false;
    value = 0;
    for (int index = 0; index < 4; ++index)
        value |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(m_data[m_position + index]))
                 << (8 * index);
    m_position += 4;
    return true;
}

bool ProtoWireReader::readLengthDelimited(QByteArrayView& payload) {
    std::uint64_t length = 0;
    if (!readVarint(length))
        return false;
    // Compare in unsigned arithmetic so that a huge length cannot wrap around.
    if (length > static_cast<std::uint64_t>(m_data.size() - m_position))
        return false;
    payload = m_data.sliced(m_position, static_cast<qsizetype>(length));
    m_position += static_cast<qsizetype>(length);
    return true;
}

} // namespace binnacle::sim
