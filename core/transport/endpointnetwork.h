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

// Whether `certificate` is valid for the host `name` (a kubeconfig's tls-server-name): an IP address against
// the IP subject alternative names; a DNS name against the DNS ones, case-insensitively, where "*.x.y" stands
// for exactly one leftmost label (RFC 6125 §6.4.3); the common name only when there are no DNS names. For
// the WebSocket streams, which cannot hand the name to Qt's own check.
bool certificateMatchesName(const QSslCertificate& certificate, const QString& name);

} // namespace binnacle::transport
