#include "nodeutil.h"

#include "controllerutil.h"

#include <QJsonArray>

namespace binnacle::sim::nodes {

namespace {

bool tolerates(const QJsonObject& toleration, const QJsonObject& taint) {
    const QString effect = toleration.value(QLatin1String("effect")).toString();
    if (!effect.isEmpty() && effect != taint.value(QLatin1String("effect")).toString()) {
        return false;
    }
    const QString key = toleration.value(QLatin1String("key")).toString();
    const QString op = toleration.value(QLatin1String("operator")).toString(QStringLiteral("Equal"));
    if (key.isEmpty()) {
        return op == QLatin1String("Exists");
    }
    if (key != taint.value(QLatin1String("key")).toString()) {
        return false;
    }
    return op == QLatin1String("Exists") || toleration.value(QLatin1String("value")).toString() ==
                                                taint.value(QLatin1String("value")).toString();
}

bool matchesExpression(const QJsonObject& expression, const QString& value, bool present) {
    const QString op = expression.value(QLatin1String("operator")).toString();
    const QJsonArray values = expression.value(QLatin1String("values")).toArray();
    if (op == QLatin1String("In")) {
        return present && values.contains(value);
    }
    if (op == QLatin1String("NotIn")) {
        return !present || !values.contains(value);
    }
    if (op == QLatin1String("Exists")) {
        return present;
    }
    if (op == QLatin1String("DoesNotExist")) {
        return !present;
    }
    if (op == QLatin1String("Gt") || op == QLatin1String("Lt")) {
        const qint64 number = value.toLongLong();
        const qint64 bound = values.at(0).toString().toLongLong();
        return present && (op == QLatin1String("Gt") ? number > bound : number < bound);
    }
    return false;
}

bool matchesTerm(const QJsonObject& term, const QJsonObject& node) {
    const QJsonObject labels = objects::labels(node);
    for (const QJsonValue& value : term.value(QLatin1String("matchExpressions")).toArray()) {
        const QString key = value.toObject().value(QLatin1String("key")).toString();
        if (!matchesExpression(value.toObject(), labels.value(key).toString(), labels.contains(key))) {
            return false;
        }
    }
    for (const QJsonValue& value : term.value(QLatin1String("matchFields")).toArray()) {
        const bool isName =
            value.toObject().value(QLatin1String("key")).toString() == QLatin1String("metadata.name");
        if (isName && !matchesExpression(value.toObject(), objects::name(node), true)) {
            return false;
        }
    }
    return true;
}

} // namespace

bool isReady(const QJsonObject& node) {
    const QJsonArray conditions =
        node.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray();
    const QJsonObject ready = objects::findCondition(conditions, QStringLiteral("Ready"));
    // A node without conditions has not reported yet; the simulated kubelet reports it Ready.
    return ready.isEmpty() || ready.value(QLatin1String("status")).toString() == QLatin1String("True");
}

QString internalIp(const QJsonObject& node) {
    const QJsonArray addresses =
        node.value(QLatin1String("status")).toObject().value(QLatin1String("addresses")).toArray();
    for (const QJsonValue& address : addresses) {
        if (address.toObject().value(QLatin1String("type")).toString() == QLatin1String("InternalIP")) {
            return address.toObject().value(QLatin1String("address")).toString();
        }
    }
    return QString();
}

bool toleratesTaints(const QJsonObject& podSpec, const QJsonObject& node) {
    const QJsonArray tolerations = podSpec.value(QLatin1String("tolerations")).toArray();
    for (const QJsonValue& taintValue :
         node.value(QLatin1String("spec")).toObject().value(QLatin1String("taints")).toArray()) {
        const QJsonObject taint = taintValue.toObject();
        if (taint.value(QLatin1String("effect")).toString() == QLatin1String("PreferNoSchedule")) {
            continue;
        }
        bool tolerated = false;
        for (const QJsonValue& toleration : tolerations) {
            tolerated = tolerated || tolerates(toleration.toObject(), taint);
        }
        if (!tolerated) {
            return false;
        }
    }
    return true;
}

bool matchesNodeSelection(const QJsonObject& podSpec, const QJsonObject& node) {
    const QJsonObject labels = objects::labels(node);
    const QJsonObject selector = podSpec.value(QLatin1String("nodeSelector")).toObject();
    for (auto it = selector.begin(); it != selector.end(); ++it) {
        if (labels.value(it.key()) != it.value()) {
            return false;
        }
    }
    const QJsonArray terms =
        objects::objectAt(podSpec, QStringLiteral("affinity.nodeAffinity."
                                                  "requiredDuringSchedulingIgnoredDuringExecution"))
            .value(QLatin1String("nodeSelectorTerms"))
            .toArray();
    if (terms.isEmpty()) {
        return true;
    }
    for (const QJsonValue& term : terms) {
        if (matchesTerm(term.toObject(), node)) {
            return true; // terms are ORed
        }
    }
    return false;
}

bool fits(const QJsonObject& podSpec, const QJsonObject& node) {
    // A cordoned node takes only pods that tolerate its unschedulable taint (DaemonSet pods do).
    const bool cordoned =
        node.value(QLatin1String("spec")).toObject().value(QLatin1String("unschedulable")).toBool();
    if (cordoned) {
        const QJsonObject unschedulableTaint{
            {QStringLiteral("key"), QStringLiteral("node.kubernetes.io/unschedulable")},
            {QStringLiteral("effect"), QStringLiteral("NoSchedule")}};
        bool tolerated = false;
        for (const QJsonValue& toleration : podSpec.value(QLatin1String("tolerations")).toArray()) {
            tolerated = tolerated || tolerates(toleration.toObject(), unschedulableTaint);
        }
        if (!tolerated) {
            return false;
        }
    }
    return isReady(node) && toleratesTaints(podSpec, node) && matchesNodeSelection(podSpec, node);
}

} // namespace binnacle::sim::nodes
