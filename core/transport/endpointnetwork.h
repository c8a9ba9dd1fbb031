#pragma once

#include "clustertransport.h"

#include <QNetworkProxy>
#include <QSslConfiguration>

namespace binnacle::transport {

// How a connection reaches a cluster, shared by the HTTP transport and the WebSocket streams so that both
// trust, verify and route the same way.

// TLS from the endpoint: with a CA given, only that CA is trusted (as kubectl does, without the system
// store); insecure-skip-tls-verify turns peer verification off. `error` is set when the CA data holds no
// certificate. The client certificate is added per request, as credentials may rotate.
QSslConfiguration sslConfigurationFor(const ClusterEndpoint& endpoint, QString* error);

// The proxy for a kubeconfig proxy-url (http://, https://, socks5://); an empty one leaves the choice to the
// application's proxy setting (environment, system). `error` is set for a scheme that cannot be used.
QNetworkProxy proxyFor(const QUrl& url, QString* error);

} // namespace binnacle::transport
