#include "websocketupgrade.h"

#include "websocketframe.h"

namespace binnacle::sim::ws {

namespace {
bool headerHasToken(const HttpRequest& request, const QByteArray& name, const QByteArray& token) {
    for (const auto& [key, value] : request.headers) {
        if (key.compare(name, Qt::CaseInsensitive) != 0) {
            continue;
        }
        for (const QByteArray& part : value.split(',')) {
            if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
    }
    return false;
}
} // namespace

bool isUpgradeRequest(const HttpRequest& request) {
    return headerHasToken(request, "Upgrade", "websocket");
}

QString handshakeProblem(const HttpRequest& request) {
    if (request.method != "GET") {
        return QStringLiteral("websocket upgrade requires GET");
    }
    if (!headerHasToken(request, "Connection", "upgrade")) {
        return QStringLiteral("websocket upgrade requires \"Connection: Upgrade\"");
    }
    if (request.header("Sec-WebSocket-Version").trimmed() != "13") {
        return QStringLiteral("unsupported websocket version: only 13 is served");
    }
    if (QByteArray::fromBase64(request.header("Sec-WebSocket-Key").trimmed()).size() != 16) {
        return QStringLiteral("missing or malformed Sec-WebSocket-Key");
    }
    return {};
}

QList<QByteArray> offeredProtocols(const HttpRequest& request) {
    QList<QByteArray> offered;
    for (const auto& [key, value] : request.headers) {
        if (key.compare("Sec-WebSocket-Protocol", Qt::CaseInsensitive) != 0) {
            continue;
        }
        for (const QByteArray& part : value.split(',')) {
            if (!part.trimmed().isEmpty()) {
                offered.append(part.trimmed());
            }
        }
    }
    return offered;
}

QByteArray chooseProtocol(const HttpRequest& request, const QList<QByteArray>& supported) {
    for (const QByteArray& protocol : offeredProtocols(request)) {
        if (supported.contains(protocol)) {
            return protocol;
        }
    }
    return {};
}

HttpHeaders acceptHeaders(const HttpRequest& request, const QByteArray& protocol) {
    HttpHeaders headers{{"Upgrade", "websocket"},
                        {"Connection", "Upgrade"},
                        {"Sec-WebSocket-Accept", acceptKey(request.header("Sec-WebSocket-Key"))}};
    if (!protocol.isEmpty()) {
        headers.append({"Sec-WebSocket-Protocol", protocol});
    }
    return headers;
}

} // namespace binnacle::sim::ws
