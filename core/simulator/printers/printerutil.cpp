#include "printerutil.h"

#include "compactjson.h"

#include <QJsonDocument>
#include <QMap>
#include <algorithm>

namespace binnacle::sim::printers {

const char* const kNameDescription =
    "Name must be unique within a namespace. Is required when creating resources, although some resources "
    "may allow a client to request the generation of an appropriate name automatically. Name is primarily "
    "intended for creation idempotence and configuration definition. Cannot be updated. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
const char* const kCreationTimestampDescription =
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not "
    "guaranteed to be set in happens-before order across separate operations. Clients may not set this "
    "value. "
    "It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. "
    "More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const char* const kContainersDescription = "Names of each container in the template.";
const char* const kImagesDescription = "Images referenced by each container in the template.";

TableColumn column(const QString& name, const QString& type, const QString& description, int priority) {
    return TableColumn{name, type, QString(), description, priority};
}

TableColumn nameColumn() {
    return TableColumn{QStringLiteral("Name"), QStringLiteral("string"), QStringLiteral("name"),
                       QString::fromLatin1(kNameDescription), 0};
}

TableColumn ageColumn() {
    return column(QStringLiteral("Age"), QStringLiteral("string"),
                  QString::fromLatin1(kCreationTimestampDescription));
}

QJsonValue valueAt(const QJsonObject& object, QStringView dottedPath) {
    // Key by key, without splitting the path into a list: printers call this for every cell of every row.
    QJsonValue current = object;
    qsizetype start = 0;
    while (true) {
        if (!current.isObject())
            return QJsonValue(QJsonValue::Undefined);
        const qsizetype dot = dottedPath.indexOf(u'.', start);
        const QStringView key = dottedPath.sliced(start, (dot < 0 ? dottedPath.size() : dot) - start);
        current = current.toObject().value(key);
        if (dot < 0)
            return current;
        start = dot + 1;
    }
}

QString stringAt(const QJsonObject& object, QStringView dottedPath) {
    return valueAt(object, dottedPath).toString();
}

qint64 integerAt(const QJsonObject& object, QStringView dottedPath, qint64 fallback) {
    const QJsonValue value = valueAt(object, dottedPath);
    return value.isDouble() ? value.toInteger(qint64(value.toDouble())) : fallback;
}

QJsonArray arrayAt(const QJsonObject& object, QStringView dottedPath) {
    return valueAt(object, dottedPath).toArray();
}

QJsonObject objectAt(const QJsonObject& object, QStringView dottedPath) {
    return valueAt(object, dottedPath).toObject();
}

QString objectName(const QJsonObject& object) {
    // Latin-1 keys: QJsonObject compares them with its (ASCII) keys faster than UTF-16 ones.
    return object.value(QLatin1StringView("metadata")).toObject().value(QLatin1StringView("name")).toString();
}

QString age(const QJsonObject& object, const QDateTime& now) {
    return translateTimestampSince(object.value(QLatin1StringView("metadata"))
                                       .toObject()
                                       .value(QLatin1StringView("creationTimestamp"))
                                       .toString(),
                                   now);
}

QJsonArray stringCells(std::initializer_list<QStringView> cells) {
    // Qt 6.4's QJsonArray grows by one element per append (reallocating) and first wraps every QString in
    // a QCborValue container of its own; parsing the row's compact JSON builds the array in one go, about
    // six times faster. A lone surrogate might not survive the round trip: such rows take the slow way.
    const bool hasSurrogate = std::any_of(cells.begin(), cells.end(), [](QStringView cell) {
        return std::any_of(cell.begin(), cell.end(), [](QChar c) { return c.isSurrogate(); });
    });
    if (hasSurrogate) {
        QJsonArray array;
        for (const QStringView cell : cells)
            array.append(cell.toString());
        return array;
    }
    QByteArray json;
    json.reserve(256);
    json += '[';
    for (const QStringView cell : cells) {
        if (json.size() > 1)
            json += ',';
        compactjson::appendString(json, cell);
    }
    json += ']';
    return QJsonDocument::fromJson(json).array();
}

QString formatLabels(const QJsonObject& labels) {
    // QJsonObject iterates its keys sorted, as labels.Set.String() sorts them.
    QStringList pairs;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        pairs << it.key() + u'=' + it.value().toString();
    return pairs.isEmpty() ? QStringLiteral("<none>") : pairs.join(u',');
}

namespace {

QString requirementString(const QString& key, const QString& op, QStringList values) {
    if (op == u"Exists")
        return key;
    if (op == u"DoesNotExist")
        return u'!' + key;
    std::sort(values.begin(), values.end());
    const QString joined = values.join(u',');
    if (op == u"In")
        return key + QStringLiteral(" in (") + joined + u')';
    if (op == u"NotIn")
        return key + QStringLiteral(" notin (") + joined + u')';
    return key + u'=' + joined;
}

} // namespace

QString labelSelectorString(const QJsonValue& selector) {
    // Requirements come out sorted by key (labels.internalSelector.Add sorts them); matchLabels first
    // among equal keys, as they are appended first.
    QList<std::pair<QString, QString>> requirements;
    const QJsonObject object = selector.toObject();
    const QJsonObject matchLabels = object.value(u"matchLabels").toObject();
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it)
        requirements.append(
            {it.key(), requirementString(it.key(), QStringLiteral("Equals"), {it.value().toString()})});
    for (const auto& expression : object.value(u"matchExpressions").toArray()) {
        const QJsonObject e = expression.toObject();
        QStringList values;
        for (const auto& v : e.value(u"values").toArray())
            values << v.toString();
        const QString key = e.value(u"key").toString();
        requirements.append({key, requirementString(key, e.value(u"operator").toString(), values)});
    }
    std::stable_sort(requirements.begin(), requirements.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    QStringList parts;
    for (const auto& requirement : requirements)
        parts << requirement.second;
    return parts.join(u',');
}

QString formatLabelSelector(const QJsonValue& selector) {
    const QString text = labelSelectorString(selector);
    return text.isEmpty() ? QStringLiteral("<none>") : text;
}

std::pair<QString, QString> containerNamesAndImages(const QJsonArray& containers) {
    QStringList names;
    QStringList images;
    for (const auto& container : containers) {
        names << container.toObject().value(u"name").toString();
        images << container.toObject().value(u"image").toString();
    }
    return {names.join(u','), images.join(u',')};
}

QString intOrString(const QJsonValue& value) {
    if (value.isDouble())
        return QString::number(value.toInteger());
    return value.toString();
}

QString boolPointer(const QJsonValue& value) {
    if (!value.isBool())
        return QStringLiteral("<unset>");
    return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
}

QStringList stringList(const QJsonArray& array) {
    QStringList values;
    for (const auto& value : array)
        values << value.toString();
    return values;
}

QString joinSorted(QStringList values, const QString& separator) {
    std::sort(values.begin(), values.end());
    values.removeDuplicates();
    return values.join(separator);
}

} // namespace binnacle::sim::printers
