#include "clustersession.h"

#include "clustertransport.h"
#include "credentialproviderfactory.h"
#include "discoveryclient.h"

#include <QFile>
#include <memory>

namespace binnacle::cli {

namespace {

QByteArray readAll(const QString& file, QString* error) {
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(file, input.errorString());
        return {};
    }
    return input.readAll();
}
} // namespace

ClusterSession::~ClusterSession() = default;

std::unique_ptr<ClusterSession> ClusterSession::open(const config::Kubeconfig& kubeconfig,
                                                     const QString& contextOverride,
                                                     const QString& namespaceOverride, QString* error) {
    const QString contextName = contextOverride.isEmpty() ? kubeconfig.currentContext : contextOverride;
    if (contextName.isEmpty()) {
        *error = QStringLiteral("no context is set: use --context or `binnacle-cli config use-context NAME`");
        return nullptr;
    }
    const config::ContextInfo* context = kubeconfig.context(contextName);
    if (!context) {
        *error = QStringLiteral("context \"%1\" does not exist").arg(contextName);
        return nullptr;
    }
    const config::ClusterInfo* cluster = kubeconfig.cluster(context->cluster);
    if (!cluster) {
        *error = QStringLiteral("context \"%1\" names cluster \"%2\", which does not exist")
                     .arg(contextName, context->cluster);
        return nullptr;
    }
    const config::AuthInfo* user = kubeconfig.user(context->user);
    const config::AuthInfo anonymous;
    std::unique_ptr<ClusterSession> session(new ClusterSession);
    session->m_context = contextName;
    session->m_namespace = !namespaceOverride.isEmpty()        ? namespaceOverride
                           : !context->namespaceName.isEmpty() ? context->namespaceName
                                                               : QStringLiteral("default");
    auto credentials = auth::makeCredentialProvider(user ? *user : anonymous, *cluster, session.get());
    if (credentials.error) {
        *error = credentials.error->message;
        return nullptr;
    }
    session->m_credentials = credentials.provider;
    transport::ClusterEndpoint endpoint;
    endpoint.server = QUrl(cluster->server);
    endpoint.caPem = cluster->certificateAuthorityData;
    if (endpoint.caPem.isEmpty() && !cluster->certificateAuthorityFile.isEmpty()) {
        endpoint.caPem = readAll(cluster->certificateAuthorityFile, error);
        if (endpoint.caPem.isEmpty()) {
            return nullptr;
        }
    }
    endpoint.insecureSkipTlsVerify = cluster->insecureSkipTlsVerify;
    endpoint.tlsServerName = cluster->tlsServerName;
    endpoint.proxyUrl = QUrl(cluster->proxyUrl);
    session->m_transport =
        new transport::ClusterTransport(endpoint, session->m_credentials, {}, session.get());
    if (!session->m_transport->setupError().isEmpty()) {
        *error = session->m_transport->setupError();
        return nullptr;
    }
    return session;
}

void ClusterSession::loadDiscovery(std::function<void(const QString& error)> done) {
    // Through the disk cache, as kubectl does: the cached documents are revalidated with their ETags, so a
    // warm cache costs two 304s. The command line waits for that round, so that it never acts on a stale
    // mapping; it does not watch CRDs (it exits long before one would change).
    if (!m_discoveryClient) {
        discovery::DiscoveryOptions options;
        options.watchDefinitions = false;
        m_discoveryClient =
            new discovery::DiscoveryClient(m_transport, client::DiscoveryCache(), options, this);
    }
    auto finished = std::make_shared<bool>(false);
    const auto finish = [this, done, finished](const QString& error) {
        if (std::exchange(*finished, true)) {
            return;
        }
        disconnect(m_discoveryClient, nullptr, this, nullptr);
        if (error.isEmpty()) {
            const auto snapshot = m_discoveryClient->snapshot();
            m_discovery = snapshot->model;
            m_mapper = snapshot->mapper;
        }
        done(error);
    };
    connect(m_discoveryClient, &discovery::DiscoveryClient::refreshed, this, [finish] { finish(QString()); });
    connect(m_discoveryClient, &discovery::DiscoveryClient::refreshFailed, this,
            [finish](const transport::ApiError& error) { finish(error.message()); });
    if (m_discoveryClient->snapshot() && !m_discoveryClient->isRefreshing()) {
        m_discoveryClient->refresh();
    } else {
        m_discoveryClient->start();
    }
}

} // namespace binnacle::cli
