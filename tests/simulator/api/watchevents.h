#pragma once

#include "apitestcluster.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

// Reading WatchEvents in the watch tests.
namespace binnacle::sim::apitest {

inline QString typeOf(const QJsonObject& event) {
    return event.value(QLatin1String("type")).toString();
}

inline QJsonObject objectOf(const QJsonObject& event) {
    return event.value(QLatin1String("object")).toObject();
}

inline QString nameOf(const QJsonObject& event) {
    return meta(objectOf(event), QStringLiteral("name")).toString();
}

inline qint64 versionOf(const QJsonObject& event) {
    return meta(objectOf(event), QStringLiteral("resourceVersion")).toString().toLongLong();
}

// Go encodes a zero metav1.Time as null (no omitempty for structs) up to v1.33, so a bookmark may carry
// "creationTimestamp":null; newer servers omit it. Either is fine, any other key is not.
inline QJsonObject withoutNullTimestamp(QJsonObject metadata) {
    if (metadata.contains(QLatin1String("creationTimestamp")) &&
        metadata.value(QLatin1String("creationTimestamp")).isNull()) {
        metadata.remove(QStringLiteral("creationTimestamp"));
    }
    return metadata;
}

// "TYPE name" per event, for comparing whole sequences.
inline QStringList summary(const QList<QJsonObject>& events) {
    QStringList lines;
    for (const QJsonObject& event : events) {
        lines.append(typeOf(event) + QLatin1Char(' ') + nameOf(event));
    }
    return lines;
}

} // namespace binnacle::sim::apitest
