#include "disruptionbudget.h"

#include <QJsonArray>
#include <QSet>
#include <cmath>
#include <optional>

namespace binnacle::sim {

namespace {

QJsonObject metadataOf(const QJsonObject& object) {
    return object.value(QLatin1String("metadata")).toObject();
}

bool beingDeleted(const QJsonObject& object) {
    return metadataOf(object).contains(QLatin1String("deletionTimestamp"));
}

// intstr.GetScaledValueFromIntOrPercent; nullopt for a malformed value.
std::optional<int> scaledValue(const QJsonValue& value, int total, bool roundUp) {
    if (value.isDouble()) {
        return value.toInt();
    }
    QString text = value.toString();
    if (!text.endsWith(QLatin1Char('%'))) {
        return std::nullopt;
    }
    bool ok = false;
    const int percent = text.chopped(1).toInt(&ok);
    if (!ok) {
        return std::nullopt;
    }
    const double scaled = double(percent) * total / 100.0;
    return int(roundUp ? std::ceil(scaled) : std::floor(scaled));
}

class BudgetEvaluator {
public:
    explicit BudgetEvaluator(ResourceStorage* storage)
        : m_storage(storage) {}

    DisruptionBudget evaluate(const QJsonObject& budget, const LabelSelector& selector,
                              const QString& namespaceName) const {
        DisruptionBudget result;
        result.name = metadataOf(budget).value(QLatin1String("name")).toString();
        const QJsonObject status = budget.value(QLatin1String("status")).toObject();
        const qint64 generation = qint64(metadataOf(budget).value(QLatin1String("generation")).toDouble());
        if (status.contains(QLatin1String("observedGeneration")) &&
            qint64(status.value(QLatin1String("observedGeneration")).toDouble()) >= generation) {
            result.fromStatus = true;
            result.desiredHealthy = status.value(QLatin1String("desiredHealthy")).toInt();
            result.currentHealthy = status.value(QLatin1String("currentHealthy")).toInt();
            result.disruptionsAllowed = status.value(QLatin1String("disruptionsAllowed")).toInt();
            return result;
        }
        QList<QJsonObject> matching;
        for (const ObjectPtr& pod :
             m_storage->list(m_storage->type(QString(), QStringLiteral("pods")), namespaceName)) {
            const QJsonObject labels = metadataOf(pod->object).value(QLatin1String("labels")).toObject();
            if (selector.matches(labels)) {
                matching.append(pod->object);
                if (!beingDeleted(pod->object) && isPodReady(pod->object)) {
                    ++result.currentHealthy;
                }
            }
        }
        const QJsonObject spec = budget.value(QLatin1String("spec")).toObject();
        const QJsonValue minAvailable = spec.value(QLatin1String("minAvailable"));
        const QJsonValue maxUnavailable = spec.value(QLatin1String("maxUnavailable"));
        if (!maxUnavailable.isUndefined() && !maxUnavailable.isNull()) {
            const int expected = expectedPods(matching, namespaceName);
            result.desiredHealthy =
                qMax(0, expected - scaledValue(maxUnavailable, expected, true).value_or(expected));
        } else if (minAvailable.isDouble()) {
            result.desiredHealthy = minAvailable.toInt();
        } else if (!minAvailable.isUndefined() && !minAvailable.isNull()) {
            const int expected = expectedPods(matching, namespaceName);
            result.desiredHealthy = scaledValue(minAvailable, expected, true).value_or(expected);
        }
        result.disruptionsAllowed = qMax(0, result.currentHealthy - result.desiredHealthy);
        return result;
    }

private:
    // The replicas the pods' controllers want, each controller counted once.
    int expectedPods(const QList<QJsonObject>& pods, const QString& namespaceName) const {
        QSet<QString> counted;
        int expected = 0;
        for (const QJsonObject& pod : pods) {
            const QJsonObject controller = controllerOf(pod);
            if (controller.isEmpty()) {
                ++expected;
                continue;
            }
            QJsonObject owner = find(controller, namespaceName);
            if (!owner.isEmpty() &&
                owner.value(QLatin1String("kind")).toString() == QLatin1String("ReplicaSet")) {
                const QJsonObject deployment = controllerOf(owner);
                if (deployment.value(QLatin1String("kind")).toString() == QLatin1String("Deployment")) {
                    const QJsonObject found = find(deployment, namespaceName);
                    owner = found.isEmpty() ? owner : found;
                }
            }
            const QString uid = owner.isEmpty() ? controller.value(QLatin1String("uid")).toString()
                                                : metadataOf(owner).value(QLatin1String("uid")).toString();
            if (counted.contains(uid)) {
                continue;
            }
            counted.insert(uid);
            expected +=
                owner.isEmpty()
                    ? 1
                    : owner.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(1);
        }
        return expected;
    }

    static QJsonObject controllerOf(const QJsonObject& object) {
        for (const QJsonValue& reference :
             metadataOf(object).value(QLatin1String("ownerReferences")).toArray()) {
            if (reference.toObject().value(QLatin1String("controller")).toBool()) {
                return reference.toObject();
            }
        }
        return {};
    }

    QJsonObject find(const QJsonObject& reference, const QString& namespaceName) const {
        const QString group =
            reference.value(QLatin1String("apiVersion")).toString().section(QLatin1Char('/'), -2, -2);
        const auto type = m_storage->registry()->findKind(
            reference.value(QLatin1String("apiVersion")).toString().contains(QLatin1Char('/')) ? group
                                                                                               : QString(),
            reference.value(QLatin1String("kind")).toString());
        if (!type) {
            return {};
        }
        const ObjectPtr owner =
            m_storage->get(*type, namespaceName, reference.value(QLatin1String("name")).toString());
        return owner ? owner->object : QJsonObject();
    }

    ResourceStorage* m_storage;
};

} // namespace

bool isPodReady(const QJsonObject& pod) {
    for (const QJsonValue& condition :
         pod.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray()) {
        const QJsonObject each = condition.toObject();
        if (each.value(QLatin1String("type")).toString() == QLatin1String("Ready")) {
            return each.value(QLatin1String("status")).toString() == QLatin1String("True");
        }
    }
    return false;
}

DisruptionBudget DisruptionBudget::evaluate(ResourceStorage* storage, const QJsonObject& budget,
                                            const LabelSelector& selector, const QString& namespaceName) {
    return BudgetEvaluator(storage).evaluate(budget, selector, namespaceName);
}

} // namespace binnacle::sim
