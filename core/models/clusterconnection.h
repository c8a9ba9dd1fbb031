#pragma once

#include "apiresource.h"
#include "backgroundthread.h"
#include "clustertransport.h"
#include "kindsmodel.h"
#include "reflector.h"
#include "restmapper.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThread>
#include <memory>
#include <optional>

namespace binnacle {

namespace discovery {
struct DiscoverySnapshot;
}
namespace informers {
class InformerRegistry;
}
class ResourceTableModel;

// One cluster as the dashboard sees it. Network, parsing and the informers' caches run on a worker thread
// of its own (the transport, its credential provider and discovery live there); the informer registry, the
// sidebar's kinds and the namespace list live on the GUI thread and only receive finished results.
// Exposed to QML as the singleton `Connection` (see connectionsingleton.h).
class ClusterConnection : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool connected READ connected NOTIFY statusChanged)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY sessionChanged)
    Q_PROPERTY(QString contextName READ contextName NOTIFY sessionChanged)
    Q_PROPERTY(binnacle::KindsModel* kinds READ kinds CONSTANT)
    Q_PROPERTY(QStringList namespaces READ namespaces NOTIFY namespacesChanged)
    // For the namespace selector: "All namespaces", then every namespace.
    Q_PROPERTY(QStringList namespaceChoices READ namespaceChoices NOTIFY namespacesChanged)
    Q_PROPERTY(QString initialView READ initialView WRITE setInitialView NOTIFY initialViewChanged)
    // The transport's traffic at a glance ("42 requests · 3.1 MB · p50 12 ms · p99 80 ms · 1 retried"),
    // refreshed at most a few times a second.
    Q_PROPERTY(QString traffic READ traffic NOTIFY trafficChanged)
public:
    struct Options {
        transport::TransportOptions transportOptions;
        watch::ReflectorOptions reflectorOptions;
        // Discovery's disk cache: read at start, written after each download. Off for tests.
        bool useDiscoveryCache = true;
    };

    explicit ClusterConnection(QObject* parent = nullptr);
    ~ClusterConnection() override;

    // Connects to a cluster, dropping the previous one. Takes ownership of `credentials` (no parent; it
    // moves to the worker thread with the transport).
    void connectTo(const transport::ClusterEndpoint& endpoint,
                   std::unique_ptr<transport::CredentialProvider> credentials, const QString& contextName,
                   const Options& options);
    void connectTo(const transport::ClusterEndpoint& endpoint,
                   std::unique_ptr<transport::CredentialProvider> credentials, const QString& contextName) {
        connectTo(endpoint, std::move(credentials), contextName, Options());
    }
    // No cluster can be reached at all (the demo cluster failed to start, a kubeconfig is unusable).
    void setFailed(const QString& status);

    bool connected() const { return m_connected; }
    QString status() const { return m_status; }
    QString serverUrl() const { return m_serverUrl; }
    QString contextName() const { return m_contextName; }
    KindsModel* kinds() const { return m_kinds; }
    QStringList namespaces() const { return m_namespaces; }
    QStringList namespaceChoices() const;
    // The namespace of a namespaceChoices entry ("" for all), and back.
    Q_INVOKABLE QString namespaceOfChoice(int index) const;
    Q_INVOKABLE int choiceOfNamespace(const QString& namespaceName) const;
    // The kind the window opens on ("pods", "deployments", "Deployment", "deploy" ...).
    QString initialView() const { return m_initialView; }
    QString traffic() const { return m_traffic; }
    void setInitialView(const QString& view);

    // Null while not connected.
    informers::InformerRegistry* registry() const { return m_registry; }
    // The transport, living on the connection's worker thread: call it there (QMetaObject::invokeMethod
    // on an object of that thread). Null while not connected.
    transport::ClusterTransport* transport() const { return m_transport; }
    // Where the cluster is and who we are there, for connections the transport does not make (WebSocket
    // streams); the credential provider lives on the worker thread too. Null while not connected.
    const transport::ClusterEndpoint& endpoint() const { return m_endpoint; }
    transport::CredentialProvider* credentials() const { return m_credentials; }
    // The served resource a user's word names: "deployments.apps", "deployments", "deployment",
    // "Deployment" or a short name ("deploy"); preferred versions only.
    std::optional<client::ApiResource> findResource(const QString& name) const;
    bool hasResources() const { return !m_resources.isEmpty(); }
    // The REST mapping of the last discovery snapshot (CRDs included); empty before the first.
    const client::RestMapper& restMapper() const { return m_mapper; }

signals:
    void statusChanged();
    // A new cluster (or none): views drop their subscriptions and resolve their kind again.
    void sessionChanged();
    // Discovery published a different set of resources.
    void resourcesChanged();
    void namespacesChanged();
    void initialViewChanged();
    void trafficChanged();

private:
    void disconnectSession();
    void startDiscovery(const Options& options);
    void followTraffic();
    void setTraffic(const QString& traffic, quint64 generation);
    void applySnapshot(const std::shared_ptr<const discovery::DiscoverySnapshot>& snapshot);
    void discoveryFailed(const QString& message);
    void followNamespaces();
    void updateNamespaces();
    void setStatus(bool connected, const QString& status);

    BackgroundThread m_worker;
    // Where the informers' stores live: storing one list page while the worker parses the next.
    BackgroundThread m_storeWorker;
    // On the worker thread; deleted there (deleteLater) in the order that keeps each user before what it
    // uses.
    transport::CredentialProvider* m_credentials = nullptr;
    transport::ClusterTransport* m_transport = nullptr;
    transport::ClusterEndpoint m_endpoint;
    QObject* m_workerAnchor = nullptr; // parent of the DiscoveryClient, which must be created on the worker

    informers::InformerRegistry* m_registry = nullptr;
    KindsModel* m_kinds = nullptr;
    QObject* m_namespaceOwner = nullptr;
    ResourceTableModel* m_namespaceRows = nullptr;
    QList<client::ApiResource> m_resources;
    client::RestMapper m_mapper;
    quint64 m_generation = 0; // of the session, so that late results of an old one are dropped

    bool m_connected = false;
    QString m_status;
    QString m_serverUrl;
    QString m_contextName;
    QStringList m_namespaces;
    QString m_initialView; // empty: the window's own choice
    QString m_traffic;
};

} // namespace binnacle
