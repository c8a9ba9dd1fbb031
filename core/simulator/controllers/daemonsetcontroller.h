#pragma once

#include "controller.h"

namespace binnacle::sim {

// Runs one pod of each DaemonSet on every Node it fits (nodeSelector, required node affinity, taints
// with the tolerations the controller adds), pinned by node affinity on metadata.name; replaces pods of
// an old template (RollingUpdate, maxUnavailable) and reports the DaemonSet status.
class DaemonSetController : public Controller {
    Q_OBJECT
public:
    explicit DaemonSetController(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& name) override;
    void resync() override;

private:
    void createPodOn(const QJsonObject& daemonSet, const QString& nodeName, const QString& hash);
    void deletePodOf(const QJsonObject& daemonSet, const QJsonObject& pod);

    const ResourceType& m_daemonSets;
    const ResourceType& m_pods;
    const ResourceType& m_nodes;
};

} // namespace binnacle::sim
