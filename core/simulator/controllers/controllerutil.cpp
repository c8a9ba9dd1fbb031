#include "controllerutil.h"

#include "resourcetype.h"

#include <QJsonDocument>
#include <cmath>

namespace binnacle::sim::objects {

QJsonObject metadata(const QJsonObject& object) {
    return object.value(QLatin1String("metadata")).toObject();
}

QString name(const QJsonObject& object) {
    return metadata(object).value(QLatin1String("name")).toString();
}

QString namespaceName(const QJsonObject& object) {
    return metadata(object).value(QLatin1String("namespace")).toString();
}

QString uid(const QJsonObject& object) {
    return metadata(object).value(QLatin1String("uid")).toString();
}

QJsonObject labels(const QJsonObject& object) {
    return metadata(object).value(QLatin1String("labels")).toObject();
}

QString annotation(const QJsonObject& object, const QString& key) {
    return metadata(object).value(QLatin1String("annotations")).toObject().value(key).toString();
}

qint64 generation(const QJsonObject& object) {
    return metadata(object).value(QLatin1String("generation")).toInteger();
}

bool isDeleting(const QJsonObject& object) {
    return metadata(object).contains(QLatin1String("deletionTimestamp"));
}

bool hasFinalizer(const QJsonObject& object, const QString& finalizer) {
    return metadata(object).value(QLatin1String("finalizers")).toArray().contains(finalizer);
}

QJsonObject withoutFinalizer(QJsonObject object, const QString& finalizer) {
    QJsonObject meta = metadata(object);
    QJsonArray kept;
    for (const QJsonValue& value : meta.value(QLatin1String("finalizers")).toArray()) {
        if (value.toString() != finalizer) {
            kept.append(value);
        }
    }
    if (kept.isEmpty()) {
        meta.remove(QLatin1String("finalizers"));
    } else {
        meta.insert(QLatin1String("finalizers"), kept);
    }
    object.insert(QLatin1String("metadata"), meta);
    return object;
}

QJsonObject objectAt(const QJsonObject& object, const QString& dottedPath) {
    QJsonObject current = object;
    for (const QString& part : dottedPath.split(QLatin1Char('.'))) {
        current = current.value(part).toObject();
    }
    return current;
}

QJsonObject setObjectAt(QJsonObject object, const QString& dottedPath, const QJsonValue& value) {
    const qsizetype dot = dottedPath.indexOf(QLatin1Char('.'));
    if (dot < 0) {
        object.insert(dottedPath, value);
        return object;
    }
    const QString head = dottedPath.left(dot);
    object.insert(head, setObjectAt(object.value(head).toObject(), dottedPath.mid(dot + 1), value));
    return object;
}

QJsonObject controllerReference(const QJsonObject& owner, const ResourceType& ownerType) {
    return QJsonObject{
        {QStringLiteral("apiVersion"), ownerType.apiVersion(ownerType.preferredVersion())},
        {QStringLiteral("kind"), ownerType.kind},
        {QStringLiteral("name"), name(owner)},
        {QStringLiteral("uid"), uid(owner)},
        {QStringLiteral("controller"), true},
        {QStringLiteral("blockOwnerDeletion"), true},
    };
}

QString controllerUid(const QJsonObject& object) {
    for (const QJsonValue& value : metadata(object).value(QLatin1String("ownerReferences")).toArray()) {
        const QJsonObject reference = value.toObject();
        if (reference.value(QLatin1String("controller")).toBool()) {
            return reference.value(QLatin1String("uid")).toString();
        }
    }
    return QString();
}

bool isControlledBy(const QJsonObject& object, const QString& ownerUid) {
    return !ownerUid.isEmpty() && controllerUid(object) == ownerUid;
}

QString timestamp(const QDateTime& time) {
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QString microTimestamp(const QDateTime& time) {
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz000Z"));
}

QDateTime parseTimestamp(const QString& text) {
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        time = QDateTime::fromString(text, Qt::ISODate);
    }
    return time.toUTC();
}

QJsonObject findCondition(const QJsonArray& conditions, const QString& type) {
    for (const QJsonValue& value : conditions) {
        if (value.toObject().value(QLatin1String("type")).toString() == type) {
            return value.toObject();
        }
    }
    return QJsonObject();
}

bool setCondition(QJsonArray& conditions, QJsonObject condition) {
    const QString type = condition.value(QLatin1String("type")).toString();
    for (qsizetype i = 0; i < conditions.size(); ++i) {
        const QJsonObject old = conditions.at(i).toObject();
        if (old.value(QLatin1String("type")).toString() != type) {
            continue;
        }
        const bool statusSame =
            old.value(QLatin1String("status")) == condition.value(QLatin1String("status"));
        if (statusSame && old.contains(QLatin1String("lastTransitionTime"))) {
            condition.insert(QStringLiteral("lastTransitionTime"),
                             old.value(QLatin1String("lastTransitionTime")));
        }
        const bool same = statusSame &&
                          old.value(QLatin1String("reason")) == condition.value(QLatin1String("reason")) &&
                          old.value(QLatin1String("message")) == condition.value(QLatin1String("message"));
        if (same && old.contains(QLatin1String("lastUpdateTime"))) {
            condition.insert(QStringLiteral("lastUpdateTime"), old.value(QLatin1String("lastUpdateTime")));
        }
        conditions.replace(i, condition);
        return !same;
    }
    conditions.append(condition);
    return true;
}

QString podPhase(const QJsonObject& pod) {
    return pod.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString();
}

bool isPodTerminal(const QJsonObject& pod) {
    const QString phase = podPhase(pod);
    return phase == QLatin1String("Succeeded") || phase == QLatin1String("Failed");
}

bool isPodActive(const QJsonObject& pod) {
    return !isPodTerminal(pod) && !isDeleting(pod);
}

bool isPodReady(const QJsonObject& pod) {
    const QJsonArray conditions =
        pod.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray();
    return findCondition(conditions, QStringLiteral("Ready")).value(QLatin1String("status")).toString() ==
           QLatin1String("True");
}

bool isPodAvailable(const QJsonObject& pod, int minReadySeconds, const QDateTime& now) {
    if (!isPodReady(pod) || isDeleting(pod)) {
        return false;
    }
    if (minReadySeconds <= 0) {
        return true;
    }
    const QJsonArray conditions =
        pod.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray();
    const QDateTime readySince = parseTimestamp(findCondition(conditions, QStringLiteral("Ready"))
                                                    .value(QLatin1String("lastTransitionTime"))
                                                    .toString());
    return readySince.isValid() && readySince.addSecs(minReadySeconds) <= now;
}

int podRestarts(const QJsonObject& pod) {
    int restarts = 0;
    const QJsonArray statuses =
        pod.value(QLatin1String("status")).toObject().value(QLatin1String("containerStatuses")).toArray();
    for (const QJsonValue& status : statuses) {
        restarts += status.toObject().value(QLatin1String("restartCount")).toInt();
    }
    return restarts;
}

int resolveIntOrPercent(const QJsonValue& value, int total, bool roundUp, int defaultValue) {
    if (value.isDouble()) {
        return value.toInt();
    }
    QString text = value.toString();
    if (text.isEmpty()) {
        return defaultValue;
    }
    if (!text.endsWith(QLatin1Char('%'))) {
        return text.toInt();
    }
    text.chop(1);
    const double scaled = text.toDouble() * total / 100.0;
    return int(roundUp ? std::ceil(scaled) : std::floor(scaled));
}

quint32 fnv32a(const QByteArray& data) {
    quint32 hash = 2166136261u;
    for (const char byte : data) {
        hash ^= quint8(byte);
        hash *= 16777619u;
    }
    return hash;
}

QString safeEncode(const QString& text) {
    static const QLatin1String alphabet("bcdfghjklmnpqrstvwxz2456789");
    QString encoded;
    encoded.reserve(text.size());
    for (const QChar character : text) {
        encoded.append(alphabet.at(character.unicode() % alphabet.size()));
    }
    return encoded;
}

QString templateHash(const QJsonObject& value, int collisionCount) {
    QByteArray data = QJsonDocument(value).toJson(QJsonDocument::Compact);
    if (collisionCount > 0) {
        data += QByteArray::number(collisionCount);
    }
    return safeEncode(QString::number(fnv32a(data)));
}

void insertCount(QJsonObject& object, const QString& key, int value) {
    if (value != 0) {
        object.insert(key, value);
    } else {
        object.remove(key);
    }
}

} // namespace binnacle::sim::objects
