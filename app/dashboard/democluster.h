#pragma once

#include "clusterconnection.h"
#include "embeddedsimulator.h"

#include <QObject>
#include <QPointer>
#include <memory>

namespace binnacle::app {

// The embedded demo cluster: an in-process simulator with the lively demo data, started on first use and
// connected to as the context ContextsModel::kDemoContext. Starting it again only reconnects. Destroy it
// after the connection, so that the connection's watches stop while the cluster still answers.
class DemoCluster : public QObject {
    Q_OBJECT
public:
    explicit DemoCluster(ClusterConnection* connection, QObject* parent = nullptr);
    ~DemoCluster() override;

    void start();

private:
    void connectToIt();

    QPointer<ClusterConnection> m_connection;
    std::unique_ptr<sim::EmbeddedSimulator> m_simulator;
    bool m_ready = false;
};

} // namespace binnacle::app
