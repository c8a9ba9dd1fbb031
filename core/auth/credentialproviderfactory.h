#pragma once

#include "credentialprovider.h"
#include "execcredentialprovider.h"
#include "kubeconfigtypes.h"

#include <optional>

namespace binnacle::auth {

// Either a provider (owned by the parent given) or the reason the user's entry cannot be used.
struct ProviderOrError {
    transport::CredentialProvider* provider = nullptr;
    std::optional<transport::CredentialError> error;
};

// The provider a kubeconfig user asks for: an exec plugin, or token / token file / basic auth /
// client certificate, with the Impersonate-* headers added when `as` and friends are set. Errors:
// legacy auth-provider entries, token together with basic auth, an unsupported exec apiVersion, and
// a client certificate that cannot be read or does not match its key.
ProviderOrError makeCredentialProvider(const config::AuthInfo& user, const config::ClusterInfo& cluster,
                                       QObject* parent, const ExecOptions& execOptions = {});

} // namespace binnacle::auth
