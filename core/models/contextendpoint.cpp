#include "contextendpoint.h"

#include "credentialproviderfactory.h"

#include <QFile>

namespace binnacle {

std::optional<ContextEndpoint> resolveContext(const config::Kubeconfig& kubeconfig,
                                              const QString& contextName, QString* error) {
    const QString name = contextName.isEmpty() ? kubeconfig.currentContext : contextName;
    if (name.isEmpty()) {
        *error = QStringLiteral("the kubeconfig names no current context: choose one");
        return std::nullopt;
    }
    const config::ContextInfo* context = kubeconfig.context(name);
    if (!context) {
        *error = QStringLiteral("context \"%1\" does not exist").arg(name);
        return std::nullopt;
    }
    const config::ClusterInfo* cluster = kubeconfig.cluster(context->cluster);
    if (!cluster) {
        *error = QStringLiteral("context \"%1\" names cluster \"%2\", which does not exist")
                     .arg(name, context->cluster);
        return std::nullopt;
    }
    ContextEndpoint result;
    result.contextName = name;
    result.endpoint.server = QUrl(cluster->server);
    result.endpoint.caPem = cluster->certificateAuthorityData;
    if (result.endpoint.caPem.isEmpty() && !cluster->certificateAuthorityFile.isEmpty()) {
        QFile file(cluster->certificateAuthorityFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
            return std::nullopt;
        }
        result.endpoint.caPem = file.readAll();
    }
    result.endpoint.insecureSkipTlsVerify = cluster->insecureSkipTlsVerify;
    result.endpoint.tlsServerName = cluster->tlsServerName;
    result.endpoint.proxyUrl = QUrl(cluster->proxyUrl);

    const config::AuthInfo anonymous;
    const config::AuthInfo* user = kubeconfig.user(context->user);
    auth::ProviderOrError credentials =
        auth::makeCredentialProvider(user ? *user : anonymous, *cluster, nullptr);
    if (credentials.error) {
        *error = credentials.error->message;
        return std::nullopt;
    }
    result.credentials.reset(credentials.provider);
    return result;
}

} // namespace binnacle
