#pragma once

#include "kubeconfig.h"
#include "restmapper.h"

#include <QObject>
#include <functional>
#include <memory>

namespace binnacle::discovery {
class DiscoveryClient;
}

namespace binnacle::transport {
class ClusterTransport;
class CredentialProvider;
} // namespace binnacle::transport

namespace binnacle::cli {

// One cluster as the command line reaches it: the kubeconfig context chosen, its credentials, its
// transport, and (once fetched) its discovery.
class ClusterSession : public QObject {
    Q_OBJECT
public:
    // nullptr with `error` set when the context cannot be used (missing, no cluster, bad credentials).
    static std::unique_ptr<ClusterSession> open(const config::Kubeconfig& kubeconfig,
                                                const QString& contextOverride,
                                                const QString& namespaceOverride, QString* error);
    ~ClusterSession() override;

    transport::ClusterTransport* transport() const { return m_transport; }
    QString namespaceName() const { return m_namespace; }
    QString contextName() const { return m_context; }

    // Fetches aggregated discovery (/api and /apis); `done` gets an error text or an empty one.
    void loadDiscovery(std::function<void(const QString& error)> done);
    const client::RestMapper& mapper() const { return m_mapper; }
    const client::DiscoveryModel& discovery() const { return m_discovery; }

private:
    ClusterSession() = default;

    transport::CredentialProvider* m_credentials = nullptr;
    transport::ClusterTransport* m_transport = nullptr;
    QString m_namespace;
    QString m_context;
    discovery::DiscoveryClient* m_discoveryClient = nullptr;
    client::DiscoveryModel m_discovery;
    client::RestMapper m_mapper;
};

} // namespace binnacle::cli
