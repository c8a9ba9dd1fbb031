#pragma once

#include "controller.h"

#include <QMap>

namespace binnacle::sim {

// Runs StatefulSets like kube-controller-manager: pods `<sts>-0..N-1` created in order (each waits for
// the previous one to be Running and Ready, unless podManagementPolicy is Parallel) and removed from the
// highest ordinal down, PersistentVolumeClaims `<template>-<sts>-<i>` from volumeClaimTemplates,
// ControllerRevisions `<sts>-<hash>`, RollingUpdate (with partition) from the highest ordinal down, and
// the status `kubectl rollout status` reads (currentRevision/updateRevision, counts).
class StatefulSetController : public Controller {
    Q_OBJECT
public:
    explicit StatefulSetController(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& name) override;
    void resync() override;

private:
    // The ControllerRevision for the current template, created if missing. Returns its name.
    QString ensureRevision(const QJsonObject& statefulSet);
    QJsonObject templateOfRevision(const QJsonObject& statefulSet, const QString& revision) const;
    bool ensureClaims(const QJsonObject& statefulSet, int ordinal);
    void createPod(const QJsonObject& statefulSet, int ordinal, const QString& revision);
    void deletePodOf(const QJsonObject& statefulSet, const QJsonObject& pod);
    void updateStatus(const QJsonObject& statefulSet, const QString& currentRevision,
                      const QString& updateRevision);
    QMap<int, QJsonObject> podsByOrdinal(const QJsonObject& statefulSet) const;

    const ResourceType& m_statefulSets;
    const ResourceType& m_pods;
    const ResourceType& m_revisions;
    const ResourceType& m_claims;
};

} // namespace binnacle::sim
