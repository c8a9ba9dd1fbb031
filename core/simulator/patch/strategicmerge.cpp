#include "strategicmerge.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <algorithm>
#include <optional>

namespace binnacle::sim {
namespace {

const QString kPatchDirective = QStringLiteral("$patch");
const QString kRetainKeys = QStringLiteral("$retainKeys");
const QString kSetElementOrder = QStringLiteral("$setElementOrder/");
const QString kDeleteFromPrimitiveList = QStringLiteral("$deleteFromPrimitiveList/");

QString compactJson(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// One patch application; the first failure stops the walk and is kept in `failure`.
class StrategicMerger {
public:
    explicit StrategicMerger(const MergeSchema& schema)
        : m_schema(schema) {}

    std::optional<PatchFailure> failure;

    QJsonObject mergeMap(QJsonObject original, QJsonObject patch, const QString& path);

private:
    QJsonValue mergeValue(const QJsonValue& original, bool present, const QJsonValue& patch,
                          const QString& path);
    QJsonArray mergeList(const QJsonArray& original, const QJsonArray& patch, const QString& path);
    QJsonArray mergePrimitiveList(const QJsonArray& original, const QJsonArray& patch);
    QJsonArray mergeKeyedList(QJsonArray original, const QJsonArray& patch, const QString& mergeKey,
                              const QString& path);
    QJsonArray orderList(const QJsonArray& merged, const QJsonArray& order, const QJsonArray& original,
                         const QString& mergeKey);
    bool applyRetainKeys(QJsonObject& original, const QJsonObject& patch);

    void fail(const QString& message) {
        if (!failure)
            failure = PatchFailure::badRequest(message);
    }

    const MergeSchema& m_schema;
};

// Where `item` sits in `list`: objects are matched by their merge key, scalars by value.
qsizetype indexIn(const QJsonArray& list, const QJsonValue& item, const QString& mergeKey) {
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonValue& candidate = list.at(i);
        if (mergeKey.isEmpty() ? candidate == item
                               : (candidate.isObject() && item.isObject() &&
                                  candidate.toObject().value(mergeKey) == item.toObject().value(mergeKey)))
            return i;
    }
    return -1;
}

QJsonArray sortedByIndexIn(const QJsonArray& items, const QJsonArray& order, const QString& mergeKey) {
    QList<QJsonValue> sorted(items.begin(), items.end());
    std::stable_sort(sorted.begin(), sorted.end(), [&](const QJsonValue& left, const QJsonValue& right) {
        return indexIn(order, left, mergeKey) < indexIn(order, right, mergeKey);
    });
    QJsonArray result;
    for (const QJsonValue& value : sorted)
        result.append(value);
    return result;
}

// Interleaves the server-only items into the patch items, keeping the relative order of each list and
// otherwise following the live order (strategicpatch's mergeSortedSlice).
QJsonArray interleave(const QJsonArray& serverOnly, const QJsonArray& patched, const QJsonArray& serverOrder,
                      const QString& mergeKey) {
    QJsonArray result;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < serverOnly.size() || j < patched.size()) {
        if (j >= patched.size()) {
            result.append(serverOnly.at(i++));
        } else if (i >= serverOnly.size()) {
            result.append(patched.at(j++));
        } else {
            const qsizetype left = indexIn(serverOrder, serverOnly.at(i), mergeKey);
            const qsizetype right = indexIn(serverOrder, patched.at(j), mergeKey);
            if (left >= 0 && right >= 0 && left < right)
                result.append(serverOnly.at(i++));
            else
                result.append(patched.at(j++));
        }
    }
    return result;
}

QJsonObject StrategicMerger::mergeMap(QJsonObject original, QJsonObject patch, const QString& path) {
    if (patch.contains(kPatchDirective)) {
        const QString directive = patch.value(kPatchDirective).toString();
        patch.remove(kPatchDirective);
        if (directive == QLatin1String("replace"))
            return mergeMap({}, patch, path);
        if (directive == QLatin1String("delete"))
            return {};
        if (directive != QLatin1String("merge")) {
            fail(QStringLiteral("Unknown patch type: %1 in map: %2").arg(directive, compactJson(patch)));
            return original;
        }
    }
    if (!applyRetainKeys(original, patch))
        return original;

    // $setElementOrder places server-only items by the live order, before this patch changed it.
    QStringList reordered;
    QHash<QString, QJsonArray> liveLists;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.key().startsWith(kSetElementOrder)) {
            const QString field = it.key().mid(kSetElementOrder.size());
            reordered.append(field);
            liveLists.insert(field, original.value(field).toArray());
        }
    }
    for (auto it = patch.begin(); it != patch.end() && !failure; ++it) {
        const QString& key = it.key();
        if (key == kRetainKeys)
            continue;
        if (key.startsWith(kSetElementOrder))
            continue;
        if (key.startsWith(kDeleteFromPrimitiveList)) {
            const QString field = key.mid(kDeleteFromPrimitiveList.size());
            if (!it.value().isArray()) {
                fail(QStringLiteral("invalid patch format for primitive list: %1").arg(key));
                break;
            }
            if (original.value(field).isArray()) {
                const QJsonArray toDelete = it.value().toArray();
                QJsonArray kept;
                for (const QJsonValue& item : original.value(field).toArray()) {
                    if (!toDelete.contains(item))
                        kept.append(item);
                }
                original.insert(field, kept);
            }
            continue;
        }
        if (it.value().isNull()) {
            original.remove(key);
            continue;
        }
        original.insert(key, mergeValue(original.value(key), original.contains(key), it.value(),
                                        MergeSchema::fieldPath(path, key)));
    }

    for (const QString& field : reordered) {
        const QJsonValue order = patch.value(kSetElementOrder + field);
        if (!order.isArray()) {
            fail(QStringLiteral("invalid patch format for setElementOrder list: %1").arg(field));
            break;
        }
        if (!original.value(field).isArray())
            continue;
        const MergeSchema::ListRule* rule = m_schema.listRule(MergeSchema::fieldPath(path, field));
        const QString mergeKey = rule ? rule->patchMergeKey : QString();
        original.insert(field, orderList(original.value(field).toArray(), order.toArray(),
                                         liveLists.value(field), mergeKey));
    }
    return original;
}

bool StrategicMerger::applyRetainKeys(QJsonObject& original, const QJsonObject& patch) {
    if (!patch.contains(kRetainKeys))
        return true;
    if (!patch.value(kRetainKeys).isArray()) {
        fail(QStringLiteral("invalid patch format for retainKeys"));
        return false;
    }
    QStringList retained;
    for (const QJsonValue& key : patch.value(kRetainKeys).toArray())
        retained.append(key.toString());
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (!it.value().isNull() && !it.key().startsWith(QLatin1Char('$')) && !retained.contains(it.key())) {
            fail(QStringLiteral("invalid patch format for retainKeys: %1 is not listed").arg(it.key()));
            return false;
        }
    }
    for (const QString& key : original.keys()) {
        if (!retained.contains(key))
            original.remove(key);
    }
    return true;
}

QJsonValue StrategicMerger::mergeValue(const QJsonValue& original, bool present, const QJsonValue& patch,
                                       const QString& path) {
    // A value the original lacks, or holds with another type, is the patch value with its directives and
    // nulls resolved against nothing.
    if (patch.isObject())
        return mergeMap(present && original.isObject() ? original.toObject() : QJsonObject(),
                        patch.toObject(), path);
    if (patch.isArray())
        return mergeList(present && original.isArray() ? original.toArray() : QJsonArray(), patch.toArray(),
                         path);
    return patch;
}

QJsonArray StrategicMerger::mergeList(const QJsonArray& original, const QJsonArray& patch,
                                      const QString& path) {
    const MergeSchema::ListRule* rule = m_schema.listRule(path);
    if (!rule || !rule->patchMerge)
        return patch;
    const bool ofObjects =
        std::any_of(original.begin(), original.end(), [](const QJsonValue& v) { return v.isObject(); }) ||
        std::any_of(patch.begin(), patch.end(), [](const QJsonValue& v) {
            return v.isObject() && !v.toObject().contains(kPatchDirective);
        });
    if (!ofObjects)
        return mergePrimitiveList(original, patch);
    if (rule->patchMergeKey.isEmpty()) {
        fail(QStringLiteral("cannot merge lists without merge key for %1").arg(path));
        return original;
    }
    return mergeKeyedList(original, patch, rule->patchMergeKey, path);
}

QJsonArray StrategicMerger::mergePrimitiveList(const QJsonArray& original, const QJsonArray& patch) {
    QJsonArray patchValues;
    bool replace = false;
    for (const QJsonValue& item : patch) {
        if (item.isObject() && item.toObject().contains(kPatchDirective))
            replace =
                replace || item.toObject().value(kPatchDirective).toString() == QLatin1String("replace");
        else
            patchValues.append(item);
    }
    if (replace)
        return patchValues;
    QJsonArray merged;
    for (const QJsonArray& list : {original, patchValues}) {
        for (const QJsonValue& item : list) {
            if (!merged.contains(item))
                merged.append(item);
        }
    }
    return orderList(merged, patchValues, original, QString());
}

QJsonArray StrategicMerger::mergeKeyedList(QJsonArray original, const QJsonArray& patch,
                                           const QString& mergeKey, const QString& path) {
    QJsonArray patchItems;
    bool replace = false;
    for (const QJsonValue& value : patch) {
        const QJsonObject item = value.toObject();
        if (!value.isObject()) {
            fail(QStringLiteral("list %1 mixes objects and other values").arg(path));
            return original;
        }
        if (!item.contains(kPatchDirective)) {
            if (!item.contains(mergeKey)) {
                fail(QStringLiteral("map: %1 does not contain declared merge key: %2")
                         .arg(compactJson(item), mergeKey));
                return original;
            }
            patchItems.append(item);
            continue;
        }
        const QString directive = item.value(kPatchDirective).toString();
        if (directive == QLatin1String("delete")) {
            if (!item.contains(mergeKey)) {
                fail(QStringLiteral("map: %1 does not contain declared merge key: %2")
                         .arg(compactJson(item), mergeKey));
                return original;
            }
            for (qsizetype at; (at = indexIn(original, item, mergeKey)) >= 0;)
                original.removeAt(at);
        } else if (directive == QLatin1String("replace")) {
            replace = true;
        } else if (directive != QLatin1String("merge")) {
            fail(QStringLiteral("Unknown patch type: %1 in map: %2").arg(directive, compactJson(item)));
            return original;
        }
    }

    const QString itemPath = MergeSchema::itemPath(path);
    if (replace) {
        QJsonArray replaced;
        for (const QJsonValue& item : patchItems)
            replaced.append(mergeMap({}, item.toObject(), itemPath));
        return replaced;
    }
    QJsonArray merged = original;
    for (const QJsonValue& item : patchItems) {
        const qsizetype at = indexIn(merged, item, mergeKey);
        if (at >= 0)
            merged.replace(at, mergeMap(merged.at(at).toObject(), item.toObject(), itemPath));
        else
            merged.append(mergeMap({}, item.toObject(), itemPath));
    }
    return orderList(merged, patchItems, original, mergeKey);
}

// Items named in `order` come first in that order, the others keep their live order, interleaved.
QJsonArray StrategicMerger::orderList(const QJsonArray& merged, const QJsonArray& order,
                                      const QJsonArray& original, const QString& mergeKey) {
    QJsonArray ordered;
    QJsonArray serverOnly;
    for (const QJsonValue& item : merged)
        (indexIn(order, item, mergeKey) >= 0 ? ordered : serverOnly).append(item);
    const QJsonArray serverOrder = original.isEmpty() ? merged : original;
    return interleave(sortedByIndexIn(serverOnly, serverOrder, mergeKey),
                      sortedByIndexIn(ordered, order, mergeKey), serverOrder, mergeKey);
}

} // namespace

PatchResult strategicMerge(const QJsonObject& document, const QJsonObject& patch, const MergeSchema& schema) {
    StrategicMerger merger(schema);
    QJsonObject merged = merger.mergeMap(document, patch, QString());
    if (merger.failure)
        return PatchResult::fail(*merger.failure);
    return PatchResult::success(merged);
}

PatchResult applyStrategicMergePatch(const QJsonObject& document, const QByteArray& patchBytes,
                                     const MergeSchema& schema) {
    QJsonParseError parseError;
    const QJsonDocument parsed = QJsonDocument::fromJson(patchBytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return PatchResult::fail(PatchFailure::badRequest(parseError.errorString()));
    if (!parsed.isObject())
        return PatchResult::fail(PatchFailure::badRequest(
            QStringLiteral("json: cannot unmarshal array into Go value of type map[string]interface {}")));
    return strategicMerge(document, parsed.object(), schema);
}

} // namespace binnacle::sim
