#include "jsonreuse.h"

#include "compactjson.h"

#include <QJsonArray>
#include <cstring>

namespace binnacle::sim::compactjson {

namespace {

// Levels of members recorded in a layout, and so compared with the basis: the object's members, and
// the members of those that are objects (metadata.managedFields, status.containerStatuses, spec.*).
constexpr int recordedLevels = 2;

// The identity of the container behind a QJsonObject or QJsonArray. Both hold exactly one member, the
// pointer to their implicitly shared data (a layout Qt 6's binary compatibility keeps fixed). Two values
// with the same container have the same content for as long as both are alive, because a write to
// shared data detaches it first.
template <typename Container> const void* containerIdentity(const Container& container) {
    static_assert(sizeof(Container) == sizeof(void*), "QJsonObject/QJsonArray: one d-pointer");
    const void* pointer = nullptr;
    std::memcpy(&pointer, static_cast<const void*>(&container), sizeof pointer);
    return pointer;
}

bool sameContainer(const QJsonValue& value, const QJsonValue& basis) {
    if (value.isObject() && basis.isObject()) {
        const QJsonObject object = value.toObject();
        const void* identity = containerIdentity(object);
        return identity != nullptr && identity == containerIdentity(basis.toObject());
    }
    if (value.isArray() && basis.isArray()) {
        const QJsonArray array = value.toArray();
        const void* identity = containerIdentity(array);
        return identity != nullptr && identity == containerIdentity(basis.toArray());
    }
    return false;
}

struct Basis {
    const QJsonObject* object = nullptr; // nullptr: no basis
    const LaidOutJson* laidOut = nullptr;
    qint32 node = 0; // the basis object's entry in laidOut->layout
};

class LayoutWriter {
public:
    explicit LayoutWriter(LaidOutJson& result)
        : m_out(result.json)
        , m_layout(result.layout) {}

    // Writes `object` as the value of layout entry `node`, recording its members when `levels` > 0.
    void writeObject(const QJsonObject& object, qint32 node, int levels, const Basis& basis) {
        m_out += '{';
        const qint32 begin = qint32(m_layout.size());
        if (levels > 0) {
            m_layout.resize(m_layout.size() + size_t(object.size()));
            m_layout[size_t(node)].childrenBegin = begin;
            m_layout[size_t(node)].childrenEnd = begin + qint32(object.size());
        }
        qint32 basisNext = basis.object ? basis.laidOut->layout[size_t(basis.node)].childrenBegin : 0;
        const qint32 basisEnd = basis.object ? basis.laidOut->layout[size_t(basis.node)].childrenEnd : 0;
        qint32 index = 0;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it, ++index) {
            if (index > 0) {
                m_out += ',';
            }
            const QString key = it.key();
            const qsizetype keyStart = m_out.size();
            appendString(m_out, key);
            const qsizetype keyEnd = m_out.size();
            m_out += ':';
            const qsizetype valueStart = m_out.size();
            const QJsonValue value = it.value();
            if (value.isObject() || value.isArray()) {
                const qint32 basisMember =
                    findBasisMember(basis, basisNext, basisEnd, keyStart + 1, keyEnd - 1);
                if (basisMember >= 0) {
                    basisNext = basisMember + 1;
                }
                writeContainer(value, key, levels > 0 ? begin + index : -1, levels, basis, basisMember);
            } else {
                append(m_out, value);
            }
            if (levels > 0) {
                JsonMember& member = m_layout[size_t(begin + index)];
                member.keyOffset = qint32(keyStart + 1);
                member.keySize = qint32(keyEnd - keyStart - 2);
                member.valueOffset = qint32(valueStart);
                member.valueSize = qint32(m_out.size() - valueStart);
            }
        }
        m_out += '}';
    }

private:
    // The basis's entry for the member whose escaped key was just written at [from, to), searched from
    // `next`: both objects keep their keys in the same (sorted) order. -1 when the basis has none.
    qint32 findBasisMember(const Basis& basis, qint32 next, qint32 end, qsizetype from, qsizetype to) const {
        if (!basis.object) {
            return -1;
        }
        const QByteArrayView key(m_out.constData() + from, to - from);
        const QByteArray& basisJson = basis.laidOut->json;
        for (qint32 i = next; i < end; ++i) {
            const JsonMember& candidate = basis.laidOut->layout[size_t(i)];
            if (QByteArrayView(basisJson.constData() + candidate.keyOffset, candidate.keySize) == key) {
                return i;
            }
        }
        return -1;
    }

    // A member's object or array value; `slot` is its layout entry (-1 when not recorded).
    void writeContainer(const QJsonValue& value, const QString& key, qint32 slot, int levels,
                        const Basis& basis, qint32 basisMember) {
        const QJsonValue basisValue = basisMember >= 0 ? basis.object->value(key) : QJsonValue();
        if (basisMember >= 0 && sameContainer(value, basisValue)) {
            const JsonMember& source = basis.laidOut->layout[size_t(basisMember)];
            const qsizetype shift = m_out.size() - source.valueOffset;
            m_out.append(basis.laidOut->json.constData() + source.valueOffset, source.valueSize);
            if (slot >= 0 && levels > 1) {
                copyChildren(*basis.laidOut, source, shift, slot);
            }
            return;
        }
        if (slot >= 0 && levels > 1 && value.isObject()) {
            // Recorded one level down, and compared member by member when the basis has an object there.
            const QJsonObject basisObject = basisValue.toObject();
            const bool nestedBasis = basisMember >= 0 && basisValue.isObject();
            writeObject(value.toObject(), slot, levels - 1,
                        nestedBasis ? Basis{&basisObject, basis.laidOut, basisMember} : Basis{});
            return;
        }
        append(m_out, value);
    }

    // The copied member's own recorded members, moved by `shift` bytes, as the members of entry `slot`.
    void copyChildren(const LaidOutJson& source, const JsonMember& sourceMember, qsizetype shift,
                      qint32 slot) {
        const qint32 begin = qint32(m_layout.size());
        for (qint32 i = sourceMember.childrenBegin; i < sourceMember.childrenEnd; ++i) {
            JsonMember child = source.layout[size_t(i)];
            child.keyOffset += qint32(shift);
            child.valueOffset += qint32(shift);
            child.childrenBegin = child.childrenEnd = 0; // the last recorded level
            m_layout.push_back(child);
        }
        m_layout[size_t(slot)].childrenBegin = begin;
        m_layout[size_t(slot)].childrenEnd = qint32(m_layout.size());
    }

    QByteArray& m_out;
    std::vector<JsonMember>& m_layout;
};

} // namespace

QByteArrayView LaidOutJson::member(QByteArrayView key) const {
    if (layout.empty()) {
        return {};
    }
    for (qint32 i = layout.front().childrenBegin; i < layout.front().childrenEnd; ++i) {
        const JsonMember& candidate = layout[size_t(i)];
        if (QByteArrayView(json.constData() + candidate.keyOffset, candidate.keySize) == key) {
            return QByteArrayView(json.constData() + candidate.valueOffset, candidate.valueSize);
        }
    }
    return {};
}

LaidOutJson toLaidOutJson(const QJsonObject& object, const QJsonObject* basisObject,
                          const LaidOutJson* basis) {
    LaidOutJson result;
    result.json.reserve(basis ? basis->json.size() + 256 : 1024);
    result.layout.reserve(basis ? basis->layout.size() + 8 : 64);
    result.layout.emplace_back();
    LayoutWriter writer(result);
    const bool withBasis = basis && basisObject && !basis->layout.empty();
    writer.writeObject(object, 0, recordedLevels, withBasis ? Basis{basisObject, basis, 0} : Basis{});
    result.layout.front().valueSize = qint32(result.json.size());
    return result;
}

} // namespace binnacle::sim::compactjson
