#include "applymerge.h"

#include <QJsonArray>

namespace binnacle::sim {
namespace {

QJsonArray mergeKeyedItems(const QJsonArray& live, const QJsonArray& config,
                           const MergeSchema::ListRule& rule, const QString& itemSchema,
                           const MergeSchema& schema) {
    QStringList liveKeys;
    for (const QJsonValue& item : live)
        liveKeys.append(listItemElement(item, rule));
    QStringList configKeys;
    for (const QJsonValue& item : config)
        configKeys.append(listItemElement(item, rule));

    QJsonArray result;
    qsizetype nextLive = 0;
    const auto emitLiveOnlyUpTo = [&](qsizetype end) {
        for (; nextLive < end; ++nextLive) {
            if (!configKeys.contains(liveKeys.at(nextLive)))
                result.append(live.at(nextLive));
        }
    };
    for (qsizetype i = 0; i < config.size(); ++i) {
        if (configKeys.indexOf(configKeys.at(i)) != i)
            continue; // a duplicate key in the configuration counts once
        const qsizetype atLive = liveKeys.indexOf(configKeys.at(i));
        if (atLive >= 0) {
            emitLiveOnlyUpTo(atLive);
            nextLive = std::max(nextLive, atLive + 1);
            result.append(mergeApplied(live.at(atLive), config.at(i), itemSchema, schema));
        } else {
            result.append(mergeApplied(QJsonValue(QJsonValue::Undefined), config.at(i), itemSchema, schema));
        }
    }
    emitLiveOnlyUpTo(live.size());
    return result;
}

} // namespace

QJsonValue mergeApplied(const QJsonValue& live, const QJsonValue& config, const QString& schemaPath,
                        const MergeSchema& schema) {
    if (config.isObject() && !schema.isAtomicObject(schemaPath)) {
        QJsonObject result = live.isObject() ? live.toObject() : QJsonObject();
        const QJsonObject fields = config.toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (it.value().isNull())
                result.remove(it.key());
            else
                result.insert(it.key(), mergeApplied(result.value(it.key()), it.value(),
                                                     MergeSchema::fieldPath(schemaPath, it.key()), schema));
        }
        return result;
    }
    const MergeSchema::ListRule* rule = schema.listRule(schemaPath);
    if (!config.isArray() || !rule || rule->applyType == MergeSchema::ApplyListType::Atomic)
        return config;
    const QJsonArray liveItems = live.isArray() ? live.toArray() : QJsonArray();
    if (rule->applyType == MergeSchema::ApplyListType::Set) {
        QJsonArray result = liveItems;
        for (const QJsonValue& item : config.toArray()) {
            if (!result.contains(item))
                result.append(item);
        }
        return result;
    }
    return mergeKeyedItems(liveItems, config.toArray(), *rule, MergeSchema::itemPath(schemaPath), schema);
}

namespace {

bool isEmptyContainer(const QJsonValue& value) {
    return (value.isObject() && value.toObject().isEmpty()) || (value.isArray() && value.toArray().isEmpty());
}

// Removes path[depth..] below `node`; `node` is at path[0..depth) with schema path `schemaPath`.
void removeBelow(QJsonValue& node, const FieldPath& path, qsizetype depth, const QString& schemaPath,
                 const MergeSchema& schema, const std::function<bool(const FieldPath&)>& keepContainer) {
    const QString& element = path.at(depth);
    const bool last = depth == path.size() - 1;
    const auto removeOrDescend = [&](QJsonValue& child, const QString& childSchema) -> bool {
        // Returns whether the child itself is to go.
        if (last)
            return true;
        const bool wasEmpty = isEmptyContainer(child);
        removeBelow(child, path, depth + 1, childSchema, schema, keepContainer);
        return !wasEmpty && isEmptyContainer(child) && !keepContainer(path.mid(0, depth + 1));
    };

    if (element.startsWith(QLatin1String("f:")) && node.isObject()) {
        QJsonObject object = node.toObject();
        const QString field = element.mid(2);
        if (!object.contains(field))
            return;
        QJsonValue child = object.value(field);
        if (removeOrDescend(child, MergeSchema::fieldPath(schemaPath, field)))
            object.remove(field);
        else
            object.insert(field, child);
        node = object;
        return;
    }
    const MergeSchema::ListRule* rule = schema.listRule(schemaPath);
    if (!node.isArray() || !rule)
        return;
    QJsonArray items = node.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (listItemElement(items.at(i), *rule) != element)
            continue;
        QJsonValue child = items.at(i);
        if (removeOrDescend(child, MergeSchema::itemPath(schemaPath)))
            items.removeAt(i);
        else
            items.replace(i, child);
        break;
    }
    node = items;
}

} // namespace

void removeFieldPath(QJsonObject& object, const FieldPath& path, const MergeSchema& schema,
                     const std::function<bool(const FieldPath&)>& keepContainer) {
    if (path.isEmpty())
        return;
    QJsonValue root(object);
    removeBelow(root, path, 0, QString(), schema, keepContainer);
    object = root.toObject();
}

} // namespace binnacle::sim
