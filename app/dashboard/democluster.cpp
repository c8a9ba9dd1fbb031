#include "democluster.h"

#include "contextsmodel.h"
#include "staticcredentialprovider.h"

namespace binnacle::app {

DemoCluster::DemoCluster(ClusterConnection* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection) {}

DemoCluster::~DemoCluster() = default;

void DemoCluster::start() {
    if (m_ready) {
        connectToIt();
        return;
    }
    if (m_simulator) {
        return; // starting; it connects when ready
    }
    sim::SimulatorOptions options;
    options.demo = true;
    m_simulator = std::make_unique<sim::EmbeddedSimulator>(options);
    connect(m_simulator.get(), &sim::EmbeddedSimulator::ready, this, [this] {
        m_ready = true;
        connectToIt();
    });
    connect(m_simulator.get(), &sim::EmbeddedSimulator::failed, this, [this](const QString& error) {
        if (m_connection) {
            m_connection->setFailed(QStringLiteral("The demo cluster did not start: %1").arg(error));
        }
        m_simulator.reset();
    });
    m_simulator->start();
}

void DemoCluster::connectToIt() {
    if (!m_connection) {
        return;
    }
    // The demo cluster's admin, as a static bearer token.
    const sim::SimulatorCredentials& cluster = m_simulator->credentials();
    transport::ClusterEndpoint endpoint;
    endpoint.server = QUrl(cluster.serverUrl);
    endpoint.caPem = cluster.caPem;
    auth::StaticCredentialProvider::Settings settings;
    settings.token = cluster.adminToken;
    m_connection->connectTo(endpoint, std::make_unique<auth::StaticCredentialProvider>(settings),
                            ContextsModel::kDemoContext);
}

} // namespace binnacle::app
