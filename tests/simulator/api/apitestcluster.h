#pragma once

#include "embeddedsimulator.h"
#include "wireclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <functional>
#include <memory>

namespace binnacle::sim::apitest {

// One simulated cluster for a test class: the simulator on its own thread, and request helpers that
// speak to it over real TLS connections (a fresh connection per request).
class ApiTestCluster {
public:
    explicit ApiTestCluster(SimulatorOptions options);
    ~ApiTestCluster();

    bool start(QString* error);
    const ServerAccess& access() const { return m_access; }
    quint16 port() const { return m_access.port; }
    void onSimulator(const std::function<void(Simulator&)>& work);

    WireResponse send(const WireRequest& request, int timeoutMs = 5000);
    WireResponse get(const QByteArray& target, Credential credential = Credential::Admin,
                     const WireHeaders& headers = {});
    WireResponse post(const QByteArray& target, const QJsonObject& body,
                      Credential credential = Credential::Admin);
    WireResponse put(const QByteArray& target, const QJsonObject& body,
                     Credential credential = Credential::Admin);
    WireResponse patch(const QByteArray& target, const QByteArray& contentType, const QByteArray& body);
    WireResponse remove(const QByteArray& target, const QJsonObject& options = {});
    // POST /binnacle-sim/faults.
    QJsonObject fault(const QJsonObject& faults);
    // The cluster-wide resourceVersion now, from the control endpoint.
    qint64 resourceVersion();

    // Creates the namespace if it is missing (for test isolation).
    void ensureNamespace(const QString& name);

private:
    std::unique_ptr<EmbeddedSimulator> m_simulator;
    ServerAccess m_access;
};

// Small object builders for the tests.
QJsonObject configMap(const QString& name, const QJsonObject& labels = {}, const QJsonObject& data = {});
QJsonObject deployment(const QString& name, int replicas, const QString& app);
QJsonObject namespaceObject(const QString& name);
// A namespaced CRD widgets.<group> (kind Widget, version v1) with status and scale subresources.
QJsonObject widgetCrd(const QString& group);
QJsonObject widget(const QString& group, const QString& name, int replicas);
QByteArray compact(const QJsonObject& object);
// Names of the items of a list response, in order.
QStringList itemNames(const QJsonObject& list);
// metadata.<key> of an object.
QJsonValue meta(const QJsonObject& object, const QString& key);

} // namespace binnacle::sim::apitest
