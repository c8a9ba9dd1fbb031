#include "fieldset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <map>

namespace binnacle::sim {

bool FieldSet::containsPrefix(const FieldPath& prefix) const {
    auto it = m_paths.lower_bound(prefix);
    return it != m_paths.end() && it->mid(0, prefix.size()) == prefix;
}

FieldSet FieldSet::united(const FieldSet& other) const {
    FieldSet result = *this;
    result.m_paths.insert(other.m_paths.begin(), other.m_paths.end());
    return result;
}

FieldSet FieldSet::subtracted(const FieldSet& other) const {
    FieldSet result;
    std::set_difference(m_paths.begin(), m_paths.end(), other.m_paths.begin(), other.m_paths.end(),
                        std::inserter(result.m_paths, result.m_paths.end()));
    return result;
}

FieldSet FieldSet::intersected(const FieldSet& other) const {
    FieldSet result;
    std::set_intersection(m_paths.begin(), m_paths.end(), other.m_paths.begin(), other.m_paths.end(),
                          std::inserter(result.m_paths, result.m_paths.end()));
    return result;
}

namespace {

struct TreeNode {
    bool member = false;
    std::map<QString, TreeNode> children;
};

QJsonObject treeToJson(const TreeNode& node) {
    QJsonObject object;
    if (node.member && !node.children.empty())
        object.insert(QStringLiteral("."), QJsonObject());
    for (const auto& [element, child] : node.children)
        object.insert(element, treeToJson(child));
    return object;
}

void readTree(const QJsonObject& object, const FieldPath& prefix, FieldSet& out) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String(".")) {
            out.insert(prefix);
            continue;
        }
        const FieldPath path = prefix + FieldPath{it.key()};
        const QJsonObject child = it.value().toObject();
        if (child.isEmpty())
            out.insert(path);
        else
            readTree(child, path, out);
    }
}

} // namespace

QJsonObject FieldSet::toFieldsV1() const {
    TreeNode root;
    for (const FieldPath& path : m_paths) {
        TreeNode* node = &root;
        for (const QString& element : path)
            node = &node->children[element];
        node->member = true;
    }
    return treeToJson(root);
}

FieldSet FieldSet::fromFieldsV1(const QJsonObject& fieldsV1) {
    FieldSet result;
    readTree(fieldsV1, {}, result);
    return result;
}

QString FieldSet::pathString(const FieldPath& path) {
    QString text;
    for (const QString& element : path) {
        const QString body = element.mid(2);
        if (element.startsWith(QLatin1String("f:"))) {
            text += QLatin1Char('.') + body;
        } else if (element.startsWith(QLatin1String("k:"))) {
            const QJsonObject keys = QJsonDocument::fromJson(body.toUtf8()).object();
            QStringList parts;
            for (auto it = keys.begin(); it != keys.end(); ++it)
                parts.append(it.key() + QLatin1Char('=') + compactJsonText(it.value()));
            text += QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
        } else if (element.startsWith(QLatin1String("v:"))) {
            text += QStringLiteral("[=") + body + QLatin1Char(']');
        } else {
            text += QLatin1Char('[') + body + QLatin1Char(']');
        }
    }
    return text;
}

QString compactJsonText(const QJsonValue& value) {
    // QJsonDocument holds only objects and arrays: wrap the value and cut the brackets off again.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString listItemElement(const QJsonValue& item, const MergeSchema::ListRule& rule) {
    if (rule.applyType != MergeSchema::ApplyListType::Map)
        return QStringLiteral("v:") + compactJsonText(item);
    const QJsonObject object = item.toObject();
    QJsonObject keys;
    for (const QString& key : rule.applyKeys) {
        if (object.contains(key))
            keys.insert(key, object.value(key));
        else if (rule.keyDefaults.contains(key))
            keys.insert(key, rule.keyDefaults.value(key));
    }
    // QJsonObject keeps its keys sorted, which is the order Kubernetes writes them in.
    return QStringLiteral("k:") + compactJsonText(keys);
}

namespace {

using Schema = MergeSchema;

const MergeSchema::ListRule* associativeRule(const MergeSchema& schema, const QString& schemaPath) {
    const MergeSchema::ListRule* rule = schema.listRule(schemaPath);
    return rule && rule->applyType != MergeSchema::ApplyListType::Atomic ? rule : nullptr;
}

void collectFields(const QJsonValue& value, const FieldPath& path, const QString& schemaPath,
                   const MergeSchema& schema, FieldSet& out);

void collectObjectFields(const QJsonObject& object, const FieldPath& path, const QString& schemaPath,
                         const MergeSchema& schema, FieldSet& out) {
    for (auto it = object.begin(); it != object.end(); ++it)
        collectFields(it.value(), path + FieldPath{QStringLiteral("f:") + it.key()},
                      Schema::fieldPath(schemaPath, it.key()), schema, out);
}

void collectFields(const QJsonValue& value, const FieldPath& path, const QString& schemaPath,
                   const MergeSchema& schema, FieldSet& out) {
    if (value.isObject() && !schema.isAtomicObject(schemaPath) && !value.toObject().isEmpty()) {
        collectObjectFields(value.toObject(), path, schemaPath, schema, out);
        return;
    }
    const MergeSchema::ListRule* rule = value.isArray() ? associativeRule(schema, schemaPath) : nullptr;
    if (!rule || value.toArray().isEmpty()) {
        out.insert(path);
        return;
    }
    const QString itemSchema = Schema::itemPath(schemaPath);
    for (const QJsonValue& item : value.toArray()) {
        const FieldPath itemPath = path + FieldPath{listItemElement(item, *rule)};
        out.insert(itemPath);
        if (item.isObject() && !schema.isAtomicObject(itemSchema))
            collectObjectFields(item.toObject(), itemPath, itemSchema, schema, out);
    }
}

class Comparer {
public:
    Comparer(const MergeSchema& schema, FieldComparison& result)
        : m_schema(schema)
        , m_result(result) {}

    // Either side may be absent (nullptr).
    void compare(const QJsonValue* before, const QJsonValue* after, const FieldPath& path,
                 const QString& schemaPath) {
        const auto walkable = [&](const QJsonValue* value, bool asObject) {
            return !value || (asObject ? value->isObject() : value->isArray());
        };
        const bool atomicObject = m_schema.isAtomicObject(schemaPath);
        const bool eitherObject = (before && before->isObject()) || (after && after->isObject());
        const bool eitherArray = (before && before->isArray()) || (after && after->isArray());
        if (!atomicObject && eitherObject && walkable(before, true) && walkable(after, true)) {
            compareObjects(before ? before->toObject() : QJsonObject(),
                           after ? after->toObject() : QJsonObject(), path, schemaPath);
        } else if (const MergeSchema::ListRule* rule = associativeRule(m_schema, schemaPath);
                   rule && eitherArray && walkable(before, false) && walkable(after, false)) {
            compareLists(before ? before->toArray() : QJsonArray(), after ? after->toArray() : QJsonArray(),
                         *rule, path, schemaPath);
        } else {
            compareLeaf(before, after, path);
            return;
        }
        markPresence(before, after, path);
    }

private:
    void compareLeaf(const QJsonValue* before, const QJsonValue* after, const FieldPath& path) {
        if (!before)
            m_result.added.insert(path);
        else if (!after)
            m_result.removed.insert(path);
        else if (*before != *after)
            m_result.modified.insert(path);
    }

    void markPresence(const QJsonValue* before, const QJsonValue* after, const FieldPath& path) {
        if (path.isEmpty())
            return;
        if (!before)
            m_result.added.insert(path);
        else if (!after)
            m_result.removed.insert(path);
    }

    void compareObjects(const QJsonObject& before, const QJsonObject& after, const FieldPath& path,
                        const QString& schemaPath) {
        QStringList keys = before.keys() + after.keys();
        keys.removeDuplicates();
        for (const QString& key : keys) {
            const QJsonValue beforeValue = before.value(key);
            const QJsonValue afterValue = after.value(key);
            compare(before.contains(key) ? &beforeValue : nullptr,
                    after.contains(key) ? &afterValue : nullptr, path + FieldPath{QStringLiteral("f:") + key},
                    Schema::fieldPath(schemaPath, key));
        }
    }

    void compareLists(const QJsonArray& before, const QJsonArray& after, const MergeSchema::ListRule& rule,
                      const FieldPath& path, const QString& schemaPath) {
        // Items are matched by their key; a duplicate key counts once, as its first occurrence.
        std::map<QString, QJsonValue> beforeItems;
        std::map<QString, QJsonValue> afterItems;
        for (const QJsonValue& item : before)
            beforeItems.emplace(listItemElement(item, rule), item);
        for (const QJsonValue& item : after)
            afterItems.emplace(listItemElement(item, rule), item);
        std::map<QString, bool> elements;
        for (const auto& entry : beforeItems)
            elements[entry.first] = true;
        for (const auto& entry : afterItems)
            elements[entry.first] = true;

        const QString itemSchema = Schema::itemPath(schemaPath);
        for (const auto& entry : elements) {
            const auto b = beforeItems.find(entry.first);
            const auto a = afterItems.find(entry.first);
            const QJsonValue* beforeItem = b == beforeItems.end() ? nullptr : &b->second;
            const QJsonValue* afterItem = a == afterItems.end() ? nullptr : &a->second;
            const FieldPath itemPath = path + FieldPath{entry.first};
            const bool objects =
                (!beforeItem || beforeItem->isObject()) && (!afterItem || afterItem->isObject());
            if (objects && !m_schema.isAtomicObject(itemSchema)) {
                compareObjects(beforeItem ? beforeItem->toObject() : QJsonObject(),
                               afterItem ? afterItem->toObject() : QJsonObject(), itemPath, itemSchema);
                markPresence(beforeItem, afterItem, itemPath);
            } else {
                compareLeaf(beforeItem, afterItem, itemPath);
            }
        }
    }

    const MergeSchema& m_schema;
    FieldComparison& m_result;
};

} // namespace

FieldSet fieldSetOf(const QJsonObject& object, const MergeSchema& schema) {
    FieldSet result;
    collectObjectFields(object, {}, QString(), schema, result);
    return result;
}

FieldComparison compareFields(const QJsonObject& oldObject, const QJsonObject& newObject,
                              const MergeSchema& schema) {
    FieldComparison result;
    const QJsonValue before(oldObject);
    const QJsonValue after(newObject);
    Comparer(schema, result).compare(&before, &after, {}, QString());
    return result;
}

} // namespace binnacle::sim
