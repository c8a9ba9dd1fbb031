#pragma once

#include "kubeconfigwriter.h"

#include <QHostAddress>
#include <QObject>
#include <memory>

namespace binnacle::sim {

class ApiServer;
class Authenticator;
class Authorizer;
class FaultInjector;
class HttpServer;
class ObjectStore;
class ResourceRegistry;
class ResourceStorage;

struct SimulatorOptions {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: any free port
    quint32 seed = 1;
    bool demo = false; // the lively demo cluster
    int bulkPods = 0;  // extra realistic pods, for scale work
    bool controllers = true;
    double timeScale = 1.0; // < 1 makes the controllers' clocks run faster (tests)
};

// A whole simulated cluster: a CA and TLS certificates made at start, the API server on a TLS port,
// its data and controllers, and the credentials of its three users.
class Simulator : public QObject {
    Q_OBJECT
public:
    explicit Simulator(SimulatorOptions options, QObject* parent = nullptr);
    ~Simulator() override;

    bool start(QString* error);
    quint16 port() const;
    QString serverUrl() const;
    const SimulatorCredentials& credentials() const { return m_credentials; }
    QByteArray kubeconfig() const;

    ResourceStorage* storage() const { return m_storage; }
    FaultInjector* faults() const { return m_faults; }
    ApiServer* apiServer() const { return m_apiServer; }

private:
    void restart(int downMs);
    bool listen(QString* error);
    void onCustomResourceDefinitionChanged(const QJsonObject& crd, bool removed);

    SimulatorOptions m_options;
    SimulatorCredentials m_credentials;
    QByteArray m_serverCertificatePem;
    QByteArray m_serverKeyPem;
    ObjectStore* m_store = nullptr;
    ResourceRegistry* m_registry = nullptr;
    ResourceStorage* m_storage = nullptr;
    FaultInjector* m_faults = nullptr;
    std::unique_ptr<Authenticator> m_authenticator;
    std::unique_ptr<Authorizer> m_authorizer;
    ApiServer* m_apiServer = nullptr;
    HttpServer* m_httpServer = nullptr;
    QObject* m_controllers = nullptr;
};

} // namespace binnacle::sim
