#include "clustersession.h"

#include "clustertransport.h"
#include "credentialproviderfactory.h"

#include <QFile>

#include <memory>

namespace binnacle::cli {

namespace {
constexpr auto aggregatedAccept =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

QByteArray readAll(const QString& file, QString* error)
{
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
                                                     const QString& namespaceOverride, QString* error)
{
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
        *error = QStringLiteral("context \"%1\" names cluster \"%2\", which does not exist").arg(contextName, context->cluster);
        return nullptr;
    }
    const config::AuthInfo* user = kubeconfig.user(context->user);
    const config::AuthInfo anonymous;
    std::unique_ptr<ClusterSession> session(new ClusterSession);
    session->m_context = contextName;
    session->m_namespace = !namespaceOverride.isEmpty()       ? namespaceOverride
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
    session->m_transport = new transport::ClusterTransport(endpoint, session->m_credentials, {}, session.get());
    if (!session->m_transport->setupError().isEmpty()) {
        *error = session->m_transport->setupError();
        return nullptr;
    }
    return session;
}

void ClusterSession::loadDiscovery(std::function<void(const QString& error)> done)
{
    auto documents = std::make_shared<QList<client::DiscoveryDocument>>();
    auto pending = std::make_shared<int>(2);
    auto failed = std::make_shared<QString>();
    for (const char* rawPath : {"/api", "/apis"}) {
        const QString path = QLatin1String(rawPath);
        transport::ApiRequestSpec spec;
        spec.path = path;
        spec.accept = aggregatedAccept;
        spec.priority = transport::Priority::Interactive;
        m_transport->send(spec, this, [this, path, documents, pending, failed, done](const transport::ApiResult& result) {
            if (!result.ok()) {
                *failed = result.error->message();
            } else {
                documents->append(client::DiscoveryDocument{path, result.response.header("Content-Type"),
                                                            result.response.header("ETag"), result.response.body});
            }
            if (--*pending > 0) {
                return;
            }
            if (!failed->isEmpty()) {
                done(*failed);
                return;
            }
            QString error;
            if (!client::DiscoveryModel::fromDocuments(*documents, &m_discovery, &error)) {
                done(error);
                return;
            }
            m_mapper = client::RestMapper(m_discovery);
            done(QString());
        });
    }
}

} // namespace binnacle::cli
