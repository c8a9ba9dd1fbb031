#pragma once

#include "controller.h"

namespace binnacle::sim {

// Publishes, for every Service with a selector, an Endpoints object of the same name and one
// EndpointSlice `<service>-<5 chars>` listing the matching pods that have an IP (ready ones as
// addresses, the others as notReadyAddresses / ready=false), with targetPorts resolved against the
// pods' container ports. Also gives a Service that has none a cluster IP from 10.96.0.0/16.
class EndpointsController : public Controller {
    Q_OBJECT
public:
    explicit EndpointsController(ControllerContext* context, QObject* parent = nullptr);

protected:
    void observe(const WatchEvent& event) override;
    void reconcile(const QString& namespaceName, const QString& name) override;
    void resync() override;

private:
    QJsonObject allocateClusterIp(const QJsonObject& service);
    void syncEndpoints(const QJsonObject& service, const QList<QJsonObject>& pods);
    void syncSlice(const QJsonObject& service, const QList<QJsonObject>& pods);
    void enqueueServicesSelecting(const QString& namespaceName, const QJsonObject& labels);

    const ResourceType& m_services;
    const ResourceType& m_pods;
    const ResourceType& m_endpoints;
    const ResourceType& m_slices;
};

} // namespace binnacle::sim
