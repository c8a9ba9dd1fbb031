#pragma once

#include "httpconnection.h"
#include "httprequest.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace binnacle::sim::ws {

// The server's half of the RFC 6455 opening handshake (§4.2).
// Whether the request asks for a WebSocket (Upgrade: websocket).
bool isUpgradeRequest(const HttpRequest& request);
// Why the handshake is malformed (not GET, no Connection: Upgrade, no key, version other than 13); empty if
// fine.
QString handshakeProblem(const HttpRequest& request);
// The first protocol in the client's Sec-WebSocket-Protocol list that the server supports; empty if none.
QByteArray chooseProtocol(const HttpRequest& request, const QList<QByteArray>& supported);
// The client's offered protocols, in order.
QList<QByteArray> offeredProtocols(const HttpRequest& request);
// The 101 response's headers.
HttpHeaders acceptHeaders(const HttpRequest& request, const QByteArray& protocol);

} // namespace binnacle::sim::ws
