#include "threewaymerge.h"

#include <QSet>

namespace binnacle::editing {

namespace {

using Maybe = std::optional<DocValue>;

bool same(const Maybe& a, const Maybe& b) {
    return a.has_value() == b.has_value() && (!a || *a == *b);
}

Maybe childOf(const Maybe& object, const QString& key) {
    if (!object || !object->isObject()) {
        return std::nullopt;
    }
    const DocValue* child = object->member(key);
    return child ? Maybe(*child) : std::nullopt;
}

// The `name` of every item when each item is an object with a unique string name; else nothing.
std::optional<QStringList> itemNames(const DocValue& array) {
    QStringList names;
    for (const DocValue& item : array.items) {
        const DocValue* name = item.isObject() ? item.member(u"name") : nullptr;
        if (!name || name->type != DocValue::Type::String || names.contains(name->text)) {
            return std::nullopt;
        }
        names.append(name->text);
    }
    return names;
}

// A list keyed by name, as an object, so that it merges like one.
DocValue asKeyedObject(const DocValue& array, const QStringList& names) {
    DocValue object = DocValue::object();
    object.line = array.line;
    for (size_t i = 0; i < array.items.size(); ++i) {
        object.members.emplace_back(names[qsizetype(i)], array.items[i]);
    }
    return object;
}

class Merger {
public:
    ThreeWayMerge::Resolution resolution;
    QList<MergeConflict> conflicts;

    Maybe value(const Maybe& base, const Maybe& mine, const Maybe& theirs, const QString& path,
                int parentLine) {
        if (same(mine, theirs) || same(mine, base)) {
            return theirs;
        }
        if (same(theirs, base)) {
            return mine;
        }
        if (mine && theirs && mine->isObject() && theirs->isObject()) {
            return members(base && base->isObject() ? *base : DocValue::object(), *mine, *theirs, path);
        }
        if (mine && theirs && mine->isArray() && theirs->isArray()) {
            if (Maybe keyed = keyedList(base, *mine, *theirs, path)) {
                return keyed;
            }
        }
        conflicts.append({path, base, mine, theirs, mine ? mine->line : parentLine});
        return resolution == ThreeWayMerge::Resolution::KeepMine ? mine : theirs;
    }

private:
    static QString childPath(const QString& path, const QString& key) {
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    }

    // Keys in their order, then the keys only mine has, in mine's order.
    DocValue members(const DocValue& base, const DocValue& mine, const DocValue& theirs, const QString& path,
                     const QStringList* mineIndexNames = nullptr) {
        DocValue merged = DocValue::object();
        QStringList keys;
        for (const auto& member : theirs.members) {
            keys.append(member.first);
        }
        for (const auto& member : mine.members) {
            if (!keys.contains(member.first)) {
                keys.append(member.first);
            }
        }
        for (const QString& key : std::as_const(keys)) {
            QString keyPath;
            if (mineIndexNames) { // a keyed list: name the item by its index in mine (else in theirs)
                qsizetype index = mineIndexNames->indexOf(key);
                if (index < 0) {
                    index = keys.indexOf(key);
                }
                keyPath = path + QStringLiteral("[%1]").arg(index);
            } else {
                keyPath = childPath(path, key);
            }
            const Maybe child =
                value(childOf(base, key), childOf(mine, key), childOf(theirs, key), keyPath, mine.line);
            if (child) {
                merged.members.emplace_back(key, *child);
            }
        }
        return merged;
    }

    Maybe keyedList(const Maybe& base, const DocValue& mine, const DocValue& theirs, const QString& path) {
        const std::optional<QStringList> mineNames = itemNames(mine);
        const std::optional<QStringList> theirNames = itemNames(theirs);
        const DocValue emptyList{DocValue::Type::Array, {}, {}, {}, 0, 0};
        const DocValue& baseList = base && base->isArray() ? *base : emptyList;
        const std::optional<QStringList> baseNames = itemNames(baseList);
        if (!mineNames || !theirNames || !baseNames || mine.items.empty() || theirs.items.empty()) {
            return std::nullopt;
        }
        const DocValue merged = members(asKeyedObject(baseList, *baseNames), asKeyedObject(mine, *mineNames),
                                        asKeyedObject(theirs, *theirNames), path, &*mineNames);
        DocValue list{DocValue::Type::Array, {}, {}, {}, 0, 0};
        for (const auto& member : merged.members) {
            list.items.push_back(member.second);
        }
        return list;
    }
};

} // namespace

ThreeWayMerge::Result ThreeWayMerge::merge(const DocValue& base, const DocValue& mine, const DocValue& theirs,
                                           Resolution resolution) {
    Merger merger{resolution, {}};
    Result result;
    result.merged = merger.value(base, mine, theirs, QString(), mine.line).value_or(DocValue());
    result.conflicts = merger.conflicts;
    return result;
}

QString ThreeWayMerge::shortText(const std::optional<DocValue>& value) {
    if (!value) {
        return QStringLiteral("(removed)");
    }
    if (value->type == DocValue::Type::String || value->type == DocValue::Type::Number ||
        value->type == DocValue::Type::Bool) {
        return value->text;
    }
    return QString::fromUtf8(value->toJson());
}

} // namespace binnacle::editing
