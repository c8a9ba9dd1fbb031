#pragma once

#include "mergeschema.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <set>

namespace binnacle::sim {

// A path into an object, one element per step, spelled as FieldsV1 spells them: "f:<field>",
// "k:<JSON of the key fields>" for an item of a keyed list, "v:<JSON value>" for an item of a set,
// "i:<index>" (read from FieldsV1 only; the simulator never writes it).
using FieldPath = QStringList;

// A set of field paths: what one manager owns (structured-merge-diff's fieldpath.Set).
// A path is a member when its owner owns that node itself; FieldsV1 marks such a node "." when it also
// has owned children, and as {} when it has none.
class FieldSet {
public:
    void insert(const FieldPath& path) { m_paths.insert(path); }
    void remove(const FieldPath& path) { m_paths.erase(path); }
    bool contains(const FieldPath& path) const { return m_paths.count(path) > 0; }
    // Whether `prefix` or any path below it is a member.
    bool containsPrefix(const FieldPath& prefix) const;
    bool isEmpty() const { return m_paths.empty(); }
    qsizetype size() const { return qsizetype(m_paths.size()); }
    const std::set<FieldPath>& paths() const { return m_paths; }

    FieldSet united(const FieldSet& other) const;
    FieldSet subtracted(const FieldSet& other) const;
    FieldSet intersected(const FieldSet& other) const;

    bool operator==(const FieldSet& other) const { return m_paths == other.m_paths; }

    QJsonObject toFieldsV1() const;
    static FieldSet fromFieldsV1(const QJsonObject& fieldsV1);

    // The path as structured-merge-diff prints it in conflicts: .spec.replicas,
    // .spec.template.spec.containers[name="nginx"].image, .metadata.finalizers[="x"].
    static QString pathString(const FieldPath& path);

private:
    std::set<FieldPath> m_paths;
};

// The path element of a list item under `rule`: "k:{...}" for keyed lists (missing key fields take their
// defaults), "v:<json>" for sets.
QString listItemElement(const QJsonValue& item, const MergeSchema::ListRule& rule);
// A JSON value in compact text, scalars included.
QString compactJsonText(const QJsonValue& value);

// Every field an object sets, as server-side apply records it for the applier: leaves, atomic lists and
// objects, empty objects, keyed list items; not the objects that only hold other fields.
FieldSet fieldSetOf(const QJsonObject& object, const MergeSchema& schema);

// What changed between two versions of an object, as structured-merge-diff's Compare reports it:
// leaves and atomics that were set, changed or dropped, and every object or list item that appeared
// or disappeared.
struct FieldComparison {
    FieldSet added;
    FieldSet modified;
    FieldSet removed;
};
FieldComparison compareFields(const QJsonObject& oldObject, const QJsonObject& newObject,
                              const MergeSchema& schema);

} // namespace binnacle::sim
