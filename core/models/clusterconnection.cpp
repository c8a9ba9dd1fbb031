#include "clusterconnection.h"

#include "discoveryclient.h"
#include "informerregistry.h"
#include "resourcetablemodel.h"

#include <QLocale>

namespace binnacle {

namespace {
bool namesResource(const client::ApiResource& resource, const QString& name) {
    return resource.groupResource() == name || resource.resource == name || resource.singular == name ||
           resource.kind.compare(name, Qt::CaseInsensitive) == 0 || resource.shortNames.contains(name);
}
} // namespace

ClusterConnection::ClusterConnection(QObject* parent)
    : QObject(parent)
    , m_kinds(new KindsModel(this)) {
    m_worker.setObjectName(QStringLiteral("binnacle-cluster"));
    m_storeWorker.setObjectName(QStringLiteral("binnacle-informers"));
}

ClusterConnection::~ClusterConnection() {
    disconnectSession();
    m_worker.quit();
    m_storeWorker.quit();
    // The threads' ends run the deferred deletions posted by disconnectSession().
    m_worker.wait();
    m_storeWorker.wait();
}

void ClusterConnection::setInitialView(const QString& view) {
    if (view != m_initialView) {
        m_initialView = view;
        emit initialViewChanged();
    }
}

void ClusterConnection::connectTo(const transport::ClusterEndpoint& endpoint,
                                  std::unique_ptr<transport::CredentialProvider> credentials,
                                  const QString& contextName, const Options& options) {
    disconnectSession();
    ++m_generation;
    if (!m_worker.isRunning()) {
        m_worker.start();
        m_storeWorker.start();
    }
    m_serverUrl = endpoint.server.toString();
    m_endpoint = endpoint;
    m_contextName = contextName;
    m_credentials = credentials.release();
    m_transport = new transport::ClusterTransport(endpoint, m_credentials, options.transportOptions);
    const QString setupError = m_transport->setupError();
    m_credentials->moveToThread(&m_worker);
    m_transport->moveToThread(&m_worker);
    m_workerAnchor = new QObject;
    m_workerAnchor->moveToThread(&m_worker);
    m_registry = new informers::InformerRegistry(m_transport, options.reflectorOptions, this, &m_storeWorker);
    m_kinds->setRegistry(m_registry);
    emit sessionChanged();
    if (!setupError.isEmpty()) {
        setStatus(false, tr("Cannot use %1: %2").arg(m_serverUrl, setupError));
        return;
    }
    setStatus(false, tr("Connecting to %1…").arg(m_serverUrl));
    followTraffic();
    startDiscovery(options);
}

void ClusterConnection::followTraffic() {
    transport::TransportStats* stats = m_transport->stats();
    const quint64 generation = m_generation;
    // The counters are written on the worker: read them there, and hand over the finished text.
    connect(stats, &transport::TransportStats::changed, stats, [this, stats, generation] {
        const qint64 requests = stats->done();
        QString text = (requests == 1 ? tr("1 request") : tr("%1 requests").arg(requests)) +
                       QStringLiteral(" · ") +
                       QLocale::system().formattedDataSize(stats->bytesReceived(), 1) +
                       QStringLiteral(" · p50 %1 ms · p99 %2 ms")
                           .arg(qRound(stats->latencyP50Ms()))
                           .arg(qRound(stats->latencyP99Ms()));
        if (stats->inFlight() > 0) {
            text += tr(" · %1 open").arg(stats->inFlight());
        }
        if (stats->retried() > 0) {
            text += tr(" · %1 retried").arg(stats->retried());
        }
        if (stats->failed() > 0) {
            text += tr(" · %1 failed").arg(stats->failed());
        }
        QMetaObject::invokeMethod(this, [this, text, generation] { setTraffic(text, generation); });
    });
}

void ClusterConnection::setTraffic(const QString& traffic, quint64 generation) {
    if (generation == m_generation && traffic != m_traffic) {
        m_traffic = traffic;
        emit trafficChanged();
    }
}

void ClusterConnection::startDiscovery(const Options& options) {
    discovery::DiscoveryOptions discoveryOptions;
    discoveryOptions.useCache = options.useDiscoveryCache;
    transport::ClusterTransport* clusterTransport = m_transport;
    QObject* anchor = m_workerAnchor;
    const quint64 generation = m_generation;
    // DiscoveryClient owns timers that must be created on the thread it lives on.
    QMetaObject::invokeMethod(anchor, [this, clusterTransport, anchor, discoveryOptions, generation] {
        auto* discoveryClient = new discovery::DiscoveryClient(clusterTransport, client::DiscoveryCache(),
                                                               discoveryOptions, anchor);
        // Runs on the worker: take the immutable snapshot there and hand it over.
        connect(discoveryClient, &discovery::DiscoveryClient::changed, discoveryClient,
                [this, discoveryClient, generation] {
                    QMetaObject::invokeMethod(
                        this,
                        [this, snapshot = discoveryClient->snapshot(), generation] {
                            if (generation == m_generation) {
                                applySnapshot(snapshot);
                            }
                        },
                        Qt::QueuedConnection);
                });
        connect(discoveryClient, &discovery::DiscoveryClient::refreshFailed, discoveryClient,
                [this, generation](const transport::ApiError& error) {
                    QMetaObject::invokeMethod(
                        this,
                        [this, message = error.message(), generation] {
                            if (generation == m_generation) {
                                discoveryFailed(message);
                            }
                        },
                        Qt::QueuedConnection);
                });
        connect(discoveryClient, &discovery::DiscoveryClient::refreshed, discoveryClient, [this, generation] {
            QMetaObject::invokeMethod(
                this,
                [this, generation] {
                    if (generation == m_generation && !m_resources.isEmpty()) {
                        setStatus(true, tr("Connected"));
                    }
                },
                Qt::QueuedConnection);
        });
        discoveryClient->start();
    });
}

void ClusterConnection::disconnectSession() {
    if (!m_transport) {
        return;
    }
    // Users go before what they use: subscriptions and the informers (the registry posts their deletion
    // to the worker), then discovery, the transport and the credentials, all deleted there in that order.
    delete m_namespaceOwner; // its subscription
    m_namespaceOwner = nullptr;
    delete m_namespaceRows;
    m_namespaceRows = nullptr;
    m_kinds->setRegistry(nullptr);
    m_kinds->setResources({});
    m_resources.clear();
    emit sessionChanged(); // views drop their subscriptions while the registry still exists
    delete m_registry;
    m_registry = nullptr;
    m_workerAnchor->deleteLater();
    m_transport->deleteLater();
    m_credentials->deleteLater();
    m_workerAnchor = nullptr;
    m_transport = nullptr;
    m_credentials = nullptr;
    if (!m_namespaces.isEmpty()) {
        m_namespaces.clear();
        emit namespacesChanged();
    }
    setStatus(false, tr("Disconnected"));
}

void ClusterConnection::setFailed(const QString& status) {
    disconnectSession();
    setStatus(false, status);
}

void ClusterConnection::applySnapshot(const std::shared_ptr<const discovery::DiscoverySnapshot>& snapshot) {
    if (!snapshot) {
        return;
    }
    m_resources = snapshot->model.preferredResources();
    m_mapper = snapshot->mapper;
    m_kinds->setResources(m_resources);
    if (!m_namespaceOwner) {
        followNamespaces();
    }
    setStatus(true, snapshot->fromCache ? tr("Connected (checking discovery…)") : tr("Connected"));
    emit resourcesChanged();
}

void ClusterConnection::discoveryFailed(const QString& message) {
    // Discovery that was published stays usable; without any there is nothing to show.
    if (m_resources.isEmpty()) {
        setStatus(false, tr("Cannot reach %1: %2").arg(m_serverUrl, message));
    } else {
        setStatus(true, tr("Discovery failed: %1").arg(message));
    }
}

void ClusterConnection::followNamespaces() {
    const auto resource = findResource(QStringLiteral("namespaces"));
    if (!resource || !m_registry) {
        return;
    }
    watch::WatchTarget target;
    target.resource = *resource;
    target.form = watch::WatchTarget::Form::Table; // the same informer as a Namespaces view
    m_namespaceOwner = new QObject(this);
    m_namespaceRows = new ResourceTableModel(this);
    m_namespaceRows->setSubscription(m_registry->subscribe(target, m_namespaceOwner));
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_namespaceRows, signal, this, &ClusterConnection::updateNamespaces);
    }
    connect(m_namespaceRows, &QAbstractItemModel::modelReset, this, &ClusterConnection::updateNamespaces);
}

void ClusterConnection::updateNamespaces() {
    QStringList names;
    names.reserve(m_namespaceRows->rowCount());
    for (int row = 0; row < m_namespaceRows->rowCount(); ++row) {
        names.append(m_namespaceRows->index(row, 0).data(ResourceTableModel::NameRole).toString());
    }
    if (names != m_namespaces) {
        m_namespaces = names;
        emit namespacesChanged();
    }
}

QStringList ClusterConnection::namespaceChoices() const {
    return QStringList{tr("All namespaces")} + m_namespaces;
}

QString ClusterConnection::namespaceOfChoice(int index) const {
    return index >= 1 && index <= m_namespaces.size() ? m_namespaces.at(index - 1) : QString();
}

int ClusterConnection::choiceOfNamespace(const QString& namespaceName) const {
    // A namespace not (yet) listed shows as "All namespaces" would be wrong: -1 leaves the box blank.
    return namespaceName.isEmpty()
               ? 0
               : (m_namespaces.contains(namespaceName) ? int(m_namespaces.indexOf(namespaceName)) + 1 : -1);
}

std::optional<client::ApiResource> ClusterConnection::findResource(const QString& name) const {
    // Exact keys first, so that "pods" never picks a CRD that happens to share a short name.
    for (const client::ApiResource& resource : m_resources) {
        if (resource.groupResource() == name) {
            return resource;
        }
    }
    for (const client::ApiResource& resource : m_resources) {
        if (namesResource(resource, name)) {
            return resource;
        }
    }
    return std::nullopt;
}

void ClusterConnection::setStatus(bool connected, const QString& status) {
    if (connected == m_connected && status == m_status) {
        return;
    }
    m_connected = connected;
    m_status = status;
    emit statusChanged();
}

} // namespace binnacle
