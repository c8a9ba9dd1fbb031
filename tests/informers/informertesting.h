#pragma once

#include "objectsummary.h"
#include "watchevent.h"

#include <QJsonArray>
#include <QString>

namespace binnacle::testing {

// A pod-like summary as the parsers would produce it; cells for a Table form of NAME, STATUS, RESTARTS.
inline client::ObjectSummary summary(const QString& ns, const QString& name, const QString& uid,
                                     const QString& rv, const QString& status = QStringLiteral("Running"),
                                     int restarts = 0) {
    client::ObjectSummary object;
    object.kind = QStringLiteral("Pod");
    object.apiVersion = QStringLiteral("v1");
    object.namespaceName = ns;
    object.name = name;
    object.uid = uid;
    object.resourceVersion = rv;
    object.creationTimestamp = QStringLiteral("2026-11-26T10:00:00Z");
    object.labels.insert(QStringLiteral("app"), name.section(QLatin1Char('-'), 0, 0));
    object.json =
        QStringLiteral(R"({"metadata":{"name":"%1","namespace":"%2","uid":"%3","resourceVersion":"%4"}})")
            .arg(name, ns, uid, rv)
            .toUtf8();
    object.tableCells = QStringList{name, status, QString::number(restarts)};
    return object;
}

inline client::WatchEvent watchEvent(client::WatchEvent::Type type, const client::ObjectSummary& object) {
    client::WatchEvent result;
    result.type = type;
    result.object = object;
    result.resourceVersion = object.resourceVersion;
    return result;
}

inline QList<client::TableColumn> podColumns() {
    return {{QStringLiteral("Name"), QStringLiteral("string"), QStringLiteral("name"), {}, 0},
            {QStringLiteral("Status"), QStringLiteral("string"), {}, {}, 0},
            {QStringLiteral("Restarts"), QStringLiteral("integer"), {}, {}, 0}};
}

} // namespace binnacle::testing
