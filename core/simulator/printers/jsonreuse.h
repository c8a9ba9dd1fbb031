#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <vector>

namespace binnacle::sim::compactjson {

// Where one member of a serialised object lies in the JSON, and where its own members' entries are
// in the layout (objects in the first two levels only).
struct JsonMember {
    qint32 keyOffset = 0; // the key as escaped, without quotes
    qint32 keySize = 0;
    qint32 valueOffset = 0;
    qint32 valueSize = 0;
    qint32 childrenBegin = 0;
    qint32 childrenEnd = 0;
};

// An object's compact JSON (compactjson::toJson, byte for byte) and its layout: entry 0 is the object
// itself, its children its members, theirs the members of member objects.
struct LaidOutJson {
    QByteArray json;
    std::vector<JsonMember> layout;

    // The value of top-level member `key` (a plain identifier: no escapes), empty when absent.
    QByteArrayView member(QByteArrayView key) const;
};

// Serialises `object`. With a basis (the object's previous version and its LaidOutJson), every member of
// the first two levels that is still the very same Qt container as in the basis (implicitly shared, so
// unchanged) is copied from the basis's JSON instead of being walked again. A store write usually
// changes a few fields of a large object (a status, an annotation, the resourceVersion): this keeps its
// cost proportional to the change rather than to the object (managedFields alone can be 10 KB).
LaidOutJson toLaidOutJson(const QJsonObject& object, const QJsonObject* basisObject = nullptr,
                          const LaidOutJson* basis = nullptr);

} // namespace binnacle::sim::compactjson
