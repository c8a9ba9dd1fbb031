#pragma once

#include <cstdint>
#include <span>
#include <string_view>

// The protobuf schema of the Kubernetes kinds that kubectl writes, as data: for each message its fields with
// the numbers and JSON names of k8s.io/api's and apimachinery's generated.proto files and types.go tags.
namespace binnacle::sim::pbschema {

// How a field's value is encoded, and how it appears in JSON.
enum class ValueType : std::uint8_t {
    String,
    Bytes, // JSON: base64
    Bool,
    Int32,
    Int64,
    Double,
    Message,     // JSON: object, decoded with the schema of FieldSpec::messageType
    Time,        // metav1.Time {seconds=1, nanos=2}; JSON: RFC 3339 to the second, null when empty
    MicroTime,   // metav1.MicroTime; JSON: RFC 3339 with 6 fractional digits
    Quantity,    // resource.Quantity {string=1}; JSON: the string
    IntOrString, // intstr.IntOrString {type=1, intVal=2, strVal=3}; JSON: number or string
    RawJson,     // runtime.RawExtension or metav1.FieldsV1 {raw=1}; JSON: the embedded document
    StringList,  // a named []string such as authentication ExtraValue {items=1}; JSON: array of strings
};

enum class Shape : std::uint8_t { Single, Repeated, Map };

// Whether the JSON form shows a zero value. Go marshals non-pointer fields on the protobuf wire even when
// they are zero, and their `omitempty` JSON tag drops them again; pointer fields reach the wire only when
// set, so a zero there is meaningful (replicas: 0, automountServiceAccountToken: false).
enum class Presence : std::uint8_t { OmitEmpty, Pointer, Always };

struct FieldSpec {
    int number = 0;
    std::string_view jsonName;
    ValueType type = ValueType::String;
    std::string_view messageType = {};
    Shape shape = Shape::Single;
    Presence presence = Presence::OmitEmpty;
    // An embedded Go struct (`json:",inline"`): its fields appear in the enclosing JSON object.
    bool inlined = false;
};

struct MessageSpec {
    std::string_view name;
    std::span<const FieldSpec> fields;
};

// Which message a top-level object of (apiVersion, kind) is.
struct KindSpec {
    std::string_view apiVersion;
    std::string_view kind;
    std::string_view message;
};

const MessageSpec* findMessage(std::string_view name);
const KindSpec* findKind(std::string_view apiVersion, std::string_view kind);
// Every message and kind the schema knows, for consistency checks.
std::span<const MessageSpec* const> allMessages();
std::span<const KindSpec> allKinds();

// Builders that keep the tables compact: `ptr(i32(1, "replicas"))`, `list(msg(2, "containers",
// "Container"))`.
constexpr FieldSpec str(int number, std::string_view json) {
    return {number, json, ValueType::String};
}
constexpr FieldSpec bytes(int number, std::string_view json) {
    return {number, json, ValueType::Bytes};
}
constexpr FieldSpec boolean(int number, std::string_view json) {
    return {number, json, ValueType::Bool};
}
constexpr FieldSpec i32(int number, std::string_view json) {
    return {number, json, ValueType::Int32};
}
constexpr FieldSpec i64(int number, std::string_view json) {
    return {number, json, ValueType::Int64};
}
constexpr FieldSpec time(int number, std::string_view json) {
    return {number, json, ValueType::Time};
}
constexpr FieldSpec microTime(int number, std::string_view json) {
    return {number, json, ValueType::MicroTime};
}
constexpr FieldSpec quantity(int number, std::string_view json) {
    return {number, json, ValueType::Quantity};
}
constexpr FieldSpec intOrString(int number, std::string_view json) {
    return {number, json, ValueType::IntOrString};
}
constexpr FieldSpec rawJson(int number, std::string_view json) {
    return {number, json, ValueType::RawJson};
}
constexpr FieldSpec stringList(int number, std::string_view json) {
    return {number, json, ValueType::StringList};
}
constexpr FieldSpec msg(int number, std::string_view json, std::string_view type) {
    return {number, json, ValueType::Message, type};
}
constexpr FieldSpec inlined(int number, std::string_view type) {
    return {number, {}, ValueType::Message, type, Shape::Single, Presence::OmitEmpty, true};
}
constexpr FieldSpec list(FieldSpec field) {
    field.shape = Shape::Repeated;
    return field;
}
constexpr FieldSpec map(FieldSpec field) {
    field.shape = Shape::Map;
    return field;
}
constexpr FieldSpec ptr(FieldSpec field) {
    field.presence = Presence::Pointer;
    return field;
}
constexpr FieldSpec always(FieldSpec field) {
    field.presence = Presence::Always;
    return field;
}

// The tables, one function per API group (defined in schema*.cpp).
std::span<const MessageSpec> metaMessages();
std::span<const MessageSpec> coreMessages();
std::span<const MessageSpec> podMessages();
std::span<const MessageSpec> podVolumeMessages();
std::span<const MessageSpec> appsBatchMessages();
std::span<const MessageSpec> rbacAuthMessages();
std::span<const MessageSpec> networkingPolicyMessages();

} // namespace binnacle::sim::pbschema
