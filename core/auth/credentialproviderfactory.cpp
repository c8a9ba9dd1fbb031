#include "credentialproviderfactory.h"

#include "clientcertificate.h"
#include "execcredential.h"
#include "impersonation.h"
#include "staticcredentialprovider.h"

namespace binnacle::auth {

namespace {

ProviderOrError failure(const QString& message, const QString& detail = {}) {
    return {nullptr, transport::CredentialError{message, detail}};
}

bool hasClientCertificate(const config::AuthInfo& user) {
    return !user.clientCertificateFile.isEmpty() || !user.clientCertificateData.isEmpty() ||
           !user.clientKeyFile.isEmpty() || !user.clientKeyData.isEmpty();
}

ProviderOrError makeBaseProvider(const config::AuthInfo& user, const config::ClusterInfo& cluster,
                                 QObject* parent, const ExecOptions& execOptions) {
    if (!user.authProviderName.isEmpty()) {
        return failure(
            QStringLiteral("auth-provider %1 is no longer supported; use an exec credential plugin "
                           "such as kubelogin / gke-gcloud-auth-plugin")
                .arg(user.authProviderName),
            QStringLiteral("Kubernetes removed the built-in auth providers. For OIDC install "
                           "kubelogin (kubectl oidc-login), for GKE gke-gcloud-auth-plugin, for "
                           "AKS kubelogin, and replace the user's auth-provider with exec."));
    }
    const bool hasToken = !user.token.isEmpty() || !user.tokenFile.isEmpty();
    if (hasToken && !user.username.isEmpty()) {
        return failure(
            QStringLiteral("user %1 sets both a token and basic auth; only one is allowed").arg(user.name));
    }
    if (user.exec) {
        if (!isSupportedExecApiVersion(user.exec->apiVersion)) {
            return failure(QStringLiteral("exec plugin %1 uses apiVersion \"%2\", which is not supported")
                               .arg(user.exec->command, user.exec->apiVersion),
                           QStringLiteral("Supported: %1 and %2.").arg(kExecApiV1, kExecApiV1beta1));
        }
    }

    StaticCredentialProvider::Settings settings{user.token, user.tokenFile, user.username, user.password, {}};
    if (hasClientCertificate(user)) {
        const bool hasCertificate =
            !user.clientCertificateFile.isEmpty() || !user.clientCertificateData.isEmpty();
        const bool hasKey = !user.clientKeyFile.isEmpty() || !user.clientKeyData.isEmpty();
        if (!hasCertificate || !hasKey) {
            return failure(QStringLiteral("user %1 has a client %2 without a %3")
                               .arg(user.name,
                                    hasCertificate ? QStringLiteral("certificate") : QStringLiteral("key"),
                                    hasCertificate ? QStringLiteral("key") : QStringLiteral("certificate")));
        }
        QString error;
        settings.clientCertificate =
            loadClientCertificate(user.clientCertificateFile, user.clientCertificateData, user.clientKeyFile,
                                  user.clientKeyData, &error);
        if (!settings.clientCertificate) {
            return failure(error);
        }
    }
    // As client-go: a token, basic auth or certificate written in the kubeconfig wins over exec.
    const bool hasWrittenCredentials = hasToken || !user.username.isEmpty() || settings.clientCertificate;
    if (user.exec && !hasWrittenCredentials) {
        return {new ExecCredentialProvider(*user.exec, cluster, execOptions, parent), std::nullopt};
    }
    return {new StaticCredentialProvider(std::move(settings), parent), std::nullopt};
}

} // namespace

ProviderOrError makeCredentialProvider(const config::AuthInfo& user, const config::ClusterInfo& cluster,
                                       QObject* parent, const ExecOptions& execOptions) {
    ProviderOrError result = makeBaseProvider(user, cluster, parent, execOptions);
    if (result.provider && hasImpersonation(user)) {
        result.provider =
            new ImpersonatingCredentialProvider(result.provider, impersonationHeaders(user), parent);
    }
    return result;
}

} // namespace binnacle::auth
