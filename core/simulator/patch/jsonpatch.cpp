#include "jsonpatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <functional>
#include <optional>

namespace binnacle::sim {
namespace {

using Tokens = QStringList;

std::optional<Tokens> parsePointer(const QString& pointer) {
    if (pointer.isEmpty())
        return Tokens{};
    if (!pointer.startsWith(QLatin1Char('/')))
        return std::nullopt;
    Tokens tokens = pointer.mid(1).split(QLatin1Char('/'));
    for (QString& token : tokens) {
        // "~1" before "~0", so that "~01" decodes to "~1" and not to "/".
        token.replace(QStringLiteral("~1"), QStringLiteral("/"));
        token.replace(QStringLiteral("~0"), QStringLiteral("~"));
    }
    return tokens;
}

// An array index per RFC 6901: decimal digits without leading zeros. -1 when the token is not one.
qsizetype arrayIndex(const QString& token) {
    if (token.isEmpty() || (token.size() > 1 && token.startsWith(QLatin1Char('0'))))
        return -1;
    bool ok = false;
    const qsizetype index = token.toLongLong(&ok);
    for (QChar c : token) {
        if (!c.isDigit())
            return -1;
    }
    return ok ? index : -1;
}

std::optional<QJsonValue> valueAt(const QJsonValue& root, const Tokens& tokens) {
    QJsonValue current = root;
    for (const QString& token : tokens) {
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            if (!object.contains(token))
                return std::nullopt;
            current = object.value(token);
        } else if (current.isArray()) {
            const QJsonArray array = current.toArray();
            const qsizetype index = arrayIndex(token);
            if (index < 0 || index >= array.size())
                return std::nullopt;
            current = array.at(index);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

// Calls `edit` on the container that holds the last token, then writes the changed containers back up
// to the root. Returns an error text, empty on success.
using ParentEdit = std::function<QString(QJsonValue& parent, const QString& lastToken)>;

QString editParent(QJsonValue& node, const Tokens& tokens, qsizetype depth, const ParentEdit& edit) {
    if (depth == tokens.size() - 1)
        return edit(node, tokens.at(depth));
    const QString& token = tokens.at(depth);
    if (node.isObject()) {
        QJsonObject object = node.toObject();
        if (!object.contains(token))
            return QStringLiteral("missing path element \"%1\"").arg(token);
        QJsonValue child = object.value(token);
        const QString error = editParent(child, tokens, depth + 1, edit);
        if (error.isEmpty()) {
            object.insert(token, child);
            node = object;
        }
        return error;
    }
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const qsizetype index = arrayIndex(token);
        if (index < 0 || index >= array.size())
            return QStringLiteral("invalid array index \"%1\"").arg(token);
        QJsonValue child = array.at(index);
        const QString error = editParent(child, tokens, depth + 1, edit);
        if (error.isEmpty()) {
            array.replace(index, child);
            node = array;
        }
        return error;
    }
    return QStringLiteral("path element \"%1\" is inside a value that is neither an object nor an array")
        .arg(token);
}

QString addValue(QJsonValue& root, const Tokens& tokens, const QJsonValue& value) {
    if (tokens.isEmpty()) {
        root = value;
        return {};
    }
    return editParent(root, tokens, 0, [&value](QJsonValue& parent, const QString& last) -> QString {
        if (parent.isObject()) {
            QJsonObject object = parent.toObject();
            object.insert(last, value);
            parent = object;
            return {};
        }
        if (parent.isArray()) {
            QJsonArray array = parent.toArray();
            const qsizetype index = last == QLatin1String("-") ? array.size() : arrayIndex(last);
            if (index < 0 || index > array.size())
                return QStringLiteral("invalid array index \"%1\"").arg(last);
            array.insert(index, value);
            parent = array;
            return {};
        }
        return QStringLiteral("cannot add \"%1\" to a value that is neither an object nor an array")
            .arg(last);
    });
}

QString removeValue(QJsonValue& root, const Tokens& tokens) {
    if (tokens.isEmpty()) {
        root = QJsonValue();
        return {};
    }
    return editParent(root, tokens, 0, [](QJsonValue& parent, const QString& last) -> QString {
        if (parent.isObject()) {
            QJsonObject object = parent.toObject();
            if (!object.contains(last))
                return QStringLiteral("missing key \"%1\"").arg(last);
            object.remove(last);
            parent = object;
            return {};
        }
        if (parent.isArray()) {
            QJsonArray array = parent.toArray();
            const qsizetype index = arrayIndex(last);
            if (index < 0 || index >= array.size())
                return QStringLiteral("invalid array index \"%1\"").arg(last);
            array.removeAt(index);
            parent = array;
            return {};
        }
        return QStringLiteral("cannot remove \"%1\" from a scalar").arg(last);
    });
}

// Applies one operation to `document`; returns an error text, empty on success.
QString applyOperation(QJsonValue& document, const QJsonObject& operation) {
    const QString op = operation.value(QLatin1String("op")).toString();
    const QString pathText = operation.value(QLatin1String("path")).toString();
    if (!operation.value(QLatin1String("path")).isString())
        return QStringLiteral("operation \"%1\" has no path").arg(op);
    const std::optional<Tokens> path = parsePointer(pathText);
    if (!path)
        return QStringLiteral("invalid JSON pointer \"%1\"").arg(pathText);

    const bool needsValue =
        op == QLatin1String("add") || op == QLatin1String("replace") || op == QLatin1String("test");
    if (needsValue && !operation.contains(QLatin1String("value")))
        return QStringLiteral("operation \"%1\" on %2 has no value").arg(op, pathText);
    const QJsonValue value = operation.value(QLatin1String("value"));

    if (op == QLatin1String("add"))
        return addValue(document, *path, value);
    if (op == QLatin1String("remove"))
        return removeValue(document, *path);
    if (op == QLatin1String("replace")) {
        if (!valueAt(document, *path))
            return QStringLiteral("replace operation does not apply: doc is missing key: %1").arg(pathText);
        if (path->isEmpty()) {
            document = value;
            return {};
        }
        // Replacing an array element must not shift its neighbours, so remove first, then add.
        QString error = removeValue(document, *path);
        return error.isEmpty() ? addValue(document, *path, value) : error;
    }
    if (op == QLatin1String("test")) {
        const std::optional<QJsonValue> actual = valueAt(document, *path);
        if (!actual)
            return QStringLiteral("test operation does not apply: doc is missing path: %1").arg(pathText);
        if (*actual != value)
            return QStringLiteral("testing value %1 failed").arg(pathText);
        return {};
    }
    if (op == QLatin1String("move") || op == QLatin1String("copy")) {
        const QString fromText = operation.value(QLatin1String("from")).toString();
        const std::optional<Tokens> from = parsePointer(fromText);
        if (!operation.value(QLatin1String("from")).isString() || !from)
            return QStringLiteral("operation \"%1\" has no valid from").arg(op);
        const std::optional<QJsonValue> moved = valueAt(document, *from);
        if (!moved)
            return QStringLiteral("%1 operation does not apply: doc is missing from path: %2")
                .arg(op, fromText);
        if (op == QLatin1String("move")) {
            if (*from == *path)
                return {};
            if (path->size() > from->size() && path->mid(0, from->size()) == *from)
                return QStringLiteral("cannot move %1 into its own child %2").arg(fromText, pathText);
            if (QString error = removeValue(document, *from); !error.isEmpty())
                return error;
        }
        return addValue(document, *path, *moved);
    }
    return QStringLiteral("unexpected operation \"%1\"").arg(op);
}

} // namespace

PatchResult applyJsonPatch(const QJsonValue& document, const QByteArray& patchBytes) {
    QJsonParseError parseError;
    const QJsonDocument parsed = QJsonDocument::fromJson(patchBytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return PatchResult::fail(PatchFailure::badRequest(parseError.errorString()));
    if (!parsed.isArray())
        return PatchResult::fail(PatchFailure::badRequest(
            QStringLiteral("json: cannot unmarshal object into Go value of type jsonpatch.Patch")));

    const QJsonArray operations = parsed.array();
    for (const QJsonValue& operation : operations) {
        if (!operation.isObject())
            return PatchResult::fail(PatchFailure::badRequest(
                QStringLiteral("json: cannot unmarshal %1 into Go value of type jsonpatch.Operation")
                    .arg(operation.isArray() ? QStringLiteral("array") : QStringLiteral("scalar"))));
    }

    QJsonValue patched = document;
    for (const QJsonValue& operation : operations) {
        const QJsonObject object = operation.toObject();
        if (const QString error = applyOperation(patched, object); !error.isEmpty())
            return PatchResult::fail(
                PatchFailure::invalid(error, object.value(QLatin1String("path")).toString()));
    }
    return PatchResult::success(patched);
}

} // namespace binnacle::sim
