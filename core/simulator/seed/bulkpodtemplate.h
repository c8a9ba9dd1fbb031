#pragma once

#include "seedrandom.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace binnacle::sim {

// What every bulk pod of one application shares, built once so that each pod costs only a few inserts.
// Shaped after a real ReplicaSet-owned pod with init and sidecar containers.
struct BulkPodProfile {
    QString name; // the application, e.g. "payment-service"
    QJsonObject labels;
    QJsonObject annotations;
    QJsonObject spec; // without nodeName; the volumes follow per Deployment (bulkPodVolumes)
    QString accessVolume;
    QJsonArray containerStatuses;     // running, without containerID and startedAt
    QJsonArray initContainerStatuses; // completed, without containerID and times
    QJsonObject controllerFields;     // kube-controller-manager's fieldsV1; ownerReferences filled per group
    QJsonObject kubeletFields;        // the kubelet's fieldsV1; podIPs filled per pod
};

QList<BulkPodProfile> makeBulkPodProfiles(SeedRandom& random);
// The volumes of a pod of `deployment`: its ConfigMap, its Secret and the service account token.
QJsonArray bulkPodVolumes(const QString& deployment, const QString& accessVolume);
// The "k:{...}" set of one owner reference, as fieldsV1 records it.
QJsonObject ownerReferenceFields(const QString& uid);
QJsonObject podIpFields(const QString& ip);

} // namespace binnacle::sim
