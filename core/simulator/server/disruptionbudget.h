#pragma once

#include "labelselector.h"
#include "resourcestorage.h"

#include <QJsonObject>
#include <QString>

namespace binnacle::sim {

// Whether a pod counts as healthy for a PodDisruptionBudget: its Ready condition is True.
bool isPodReady(const QJsonObject& pod);

// What one PodDisruptionBudget allows now (see PodEvictionHandler for how it is worked out).
struct DisruptionBudget {
    QString name;
    int desiredHealthy = 0;
    int currentHealthy = 0;
    int disruptionsAllowed = 0;
    bool fromStatus = false; // taken from a current status rather than evaluated from the spec

    // `budget` is a stored policy/v1 PodDisruptionBudget whose selector is `selector`.
    static DisruptionBudget evaluate(ResourceStorage* storage, const QJsonObject& budget,
                                     const LabelSelector& selector, const QString& namespaceName);
};

} // namespace binnacle::sim
