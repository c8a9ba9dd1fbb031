#pragma once

#include <QJsonObject>
#include <QString>

namespace binnacle::sim::nodes {

bool isReady(const QJsonObject& node);
// The node's InternalIP address, or an empty string.
QString internalIp(const QJsonObject& node);
// Whether the pod tolerates every taint with the given effects ("NoSchedule", "NoExecute").
bool toleratesTaints(const QJsonObject& podSpec, const QJsonObject& node);
// nodeSelector and required node affinity (matchExpressions on labels, matchFields on metadata.name).
bool matchesNodeSelection(const QJsonObject& podSpec, const QJsonObject& node);
// Everything the simulated scheduler checks: ready, schedulable, taints, selection.
bool fits(const QJsonObject& podSpec, const QJsonObject& node);

} // namespace binnacle::sim::nodes
