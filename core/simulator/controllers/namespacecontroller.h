#pragma once

#include "controller.h"

namespace binnacle::sim {

// Finishes the deletion of a terminating Namespace: deletes every namespaced object in it, and once
// none is left removes the `kubernetes` finalizer (spec.finalizers, through the finalize subresource)
// so that the Namespace disappears. Status conditions report what remains meanwhile.
class NamespaceController : public Controller {
    Q_OBJECT
public:
    explicit NamespaceController(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& name) override;
    void resync() override;

private:
    int deleteContent(const QString& namespaceName);
    void finalize(const QJsonObject& namespaceObject);

    const ResourceType& m_namespaces;
    QSet<QString> m_terminating;
};

} // namespace binnacle::sim
