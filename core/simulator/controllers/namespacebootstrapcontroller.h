#pragma once

#include "controller.h"

namespace binnacle::sim {

// Gives every active Namespace what kube-controller-manager gives it: the "default" ServiceAccount
// (serviceaccount controller) and the "kube-root-ca.crt" ConfigMap (root-ca-cert-publisher), whose
// CA bundle is copied from kube-system's.
class NamespaceBootstrapController : public Controller {
    Q_OBJECT
public:
    explicit NamespaceBootstrapController(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& name) override;
    void resync() override;

private:
    const ResourceType& m_namespaces;
    const ResourceType& m_serviceAccounts;
    const ResourceType& m_configMaps;
};

} // namespace binnacle::sim
