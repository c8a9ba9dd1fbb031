#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <utility>
#include <vector>

namespace binnacle::editing {

// A JSON value that keeps its keys in the order they came in (QJsonObject sorts them) and remembers
// where it stood in the YAML it was read from, so that an error about a field can point at its line.
struct DocValue {
    enum class Type { Null, Bool, Number, String, Array, Object };
    using Member = std::pair<QString, DocValue>;

    Type type = Type::Null;
    // Bool: "true"/"false"; Number: the JSON number text; String: the string itself.
    QString text;
    std::vector<DocValue> items;
    std::vector<Member> members;
    // 1-based position in the source YAML: for a mapping member its key, for a sequence item the item;
    // 0 when not read from YAML.
    int line = 0;
    int column = 0;

    static DocValue null() { return {}; }
    static DocValue string(const QString& text);
    static DocValue object() { return DocValue{Type::Object, {}, {}, {}, 0, 0}; }

    bool isObject() const { return type == Type::Object; }
    bool isArray() const { return type == Type::Array; }
    bool isScalar() const { return type != Type::Object && type != Type::Array; }

    const DocValue* member(QStringView key) const;
    DocValue* member(QStringView key);
    // Replaces the member in place, or appends it.
    void setMember(const QString& key, DocValue value);
    bool removeMember(QStringView key);
    // The string at `path` of nested members ("metadata", "name"), empty when absent or not a string.
    QString stringAt(std::initializer_list<QStringView> path) const;

    // Compact JSON, keys in their order.
    QByteArray toJson() const;
    // Parses JSON (keys kept in order); an invalid document gives Null and sets `error`.
    static DocValue fromJson(const QByteArray& json, QString* error = nullptr);

    // Same content (order of members ignored, positions ignored).
    friend bool operator==(const DocValue& a, const DocValue& b);
};

} // namespace binnacle::editing
