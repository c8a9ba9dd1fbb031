#include "workloadselector.h"

#include <QJsonArray>
#include <QStringList>

namespace binnacle::logs::workloadselector {

std::optional<QString> pathFor(const WorkloadRef& workload) {
    QString collection;
    if (workload.kind == QLatin1String("Deployment")) {
        collection = QStringLiteral("/apis/apps/v1/namespaces/%1/deployments/");
    } else if (workload.kind == QLatin1String("StatefulSet")) {
        collection = QStringLiteral("/apis/apps/v1/namespaces/%1/statefulsets/");
    } else if (workload.kind == QLatin1String("DaemonSet")) {
        collection = QStringLiteral("/apis/apps/v1/namespaces/%1/daemonsets/");
    } else if (workload.kind == QLatin1String("ReplicaSet")) {
        collection = QStringLiteral("/apis/apps/v1/namespaces/%1/replicasets/");
    } else if (workload.kind == QLatin1String("Job")) {
        collection = QStringLiteral("/apis/batch/v1/namespaces/%1/jobs/");
    } else if (workload.kind == QLatin1String("ReplicationController")) {
        collection = QStringLiteral("/api/v1/namespaces/%1/replicationcontrollers/");
    } else {
        return std::nullopt;
    }
    return collection.arg(workload.namespaceName) + workload.name;
}

QString podSelector(const QJsonObject& workload) {
    const QJsonObject selector =
        workload.value(QLatin1String("spec")).toObject().value(QLatin1String("selector")).toObject();
    const bool labelSelector = selector.contains(QLatin1String("matchLabels")) ||
                               selector.contains(QLatin1String("matchExpressions"));
    const QJsonObject matchLabels =
        labelSelector ? selector.value(QLatin1String("matchLabels")).toObject() : selector;
    QStringList terms;
    for (auto it = matchLabels.constBegin(); it != matchLabels.constEnd(); ++it) {
        terms.append(it.key() + QLatin1Char('=') + it.value().toString());
    }
    for (const QJsonValue& value : selector.value(QLatin1String("matchExpressions")).toArray()) {
        const QJsonObject expression = value.toObject();
        const QString key = expression.value(QLatin1String("key")).toString();
        const QString op = expression.value(QLatin1String("operator")).toString();
        QStringList values;
        for (const QJsonValue& v : expression.value(QLatin1String("values")).toArray()) {
            values.append(v.toString());
        }
        const QString set = QStringLiteral(" (") + values.join(QLatin1Char(',')) + QLatin1Char(')');
        if (op == QLatin1String("In")) {
            terms.append(key + QStringLiteral(" in") + set);
        } else if (op == QLatin1String("NotIn")) {
            terms.append(key + QStringLiteral(" notin") + set);
        } else if (op == QLatin1String("Exists")) {
            terms.append(key);
        } else if (op == QLatin1String("DoesNotExist")) {
            terms.append(QLatin1Char('!') + key);
        }
    }
    return terms.join(QLatin1Char(','));
}

} // namespace binnacle::logs::workloadselector
