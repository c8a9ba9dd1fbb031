#include "podportforward.h"

#include "podexec.h"
#include "portforwardsession.h"
#include "websocketconnection.h"
#include "websocketupgrade.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>
#include <QUuid>

namespace binnacle::sim {

namespace {
constexpr int pollIntervalMs = 500;
constexpr int maxPorts = 100; // channel numbers are one byte: 2 per port
constexpr char spdyTunnelProtocol[] = "SPDY/3.1+portforward.k8s.io";

QString uidOf(const QJsonObject& object) {
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
}

// The kubelet's parsing of the ports (NewV4Options): comma lists allowed, each 1..65535.
std::optional<QList<quint16>> parsePorts(const QStringList& values, QString* error) {
    if (values.isEmpty()) {
        *error = QStringLiteral("query parameter \"port\" is required");
        return std::nullopt;
    }
    QList<quint16> ports;
    for (const QString& value : values) {
        if (value.isEmpty()) {
            *error = QStringLiteral("query parameter \"port\" cannot be empty");
            return std::nullopt;
        }
        for (const QString& part : value.split(QLatin1Char(','))) {
            bool ok = false;
            const uint port = part.toUInt(&ok);
            if (!ok || port > 65535) {
                *error =
                    QStringLiteral("unable to parse \"%1\" as a port: strconv.ParseUint: parsing \"%2\": "
                                   "invalid syntax")
                        .arg(value, part);
                return std::nullopt;
            }
            if (port < 1) {
                *error = QStringLiteral("port \"%1\" must be > 0").arg(value);
                return std::nullopt;
            }
            ports.append(quint16(port));
        }
    }
    return ports;
}

// The TCP ports the pod's running containers declare, with their names.
QHash<quint16, QString> listeningPorts(const QJsonObject& pod) {
    QHash<quint16, QString> ports;
    const QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    for (const QJsonValue& value : spec.value(QLatin1String("containers")).toArray()) {
        const QJsonObject container = value.toObject();
        const auto status =
            podstream::resolveContainerStatus(pod, container.value(QLatin1String("name")).toString());
        if (!status || !status->value(QLatin1String("state")).toObject().contains(QLatin1String("running"))) {
            continue;
        }
        for (const QJsonValue& portValue : container.value(QLatin1String("ports")).toArray()) {
            const QJsonObject port = portValue.toObject();
            const QString protocol = port.value(QLatin1String("protocol")).toString(QStringLiteral("TCP"));
            const int number = port.value(QLatin1String("containerPort")).toInt();
            if (protocol == QLatin1String("TCP") && number > 0 && number <= 65535) {
                ports.insert(quint16(number), port.value(QLatin1String("name")).toString());
            }
        }
    }
    return ports;
}
} // namespace

PodPortForwardHandler::PodPortForwardHandler(const ServerContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context) {}

QString PodPortForwardHandler::refusalMessage(quint16 port, const QString& podUid) {
    // The kubelet names the pod sandbox; containerd dials localhost in the sandbox's network namespace.
    const QByteArray sandbox = QCryptographicHash::hash(podUid.toUtf8(), QCryptographicHash::Sha256).toHex();
    const QString netns =
        QStringLiteral("/var/run/netns/cni-%1")
            .arg(QUuid::fromRfc4122(QByteArray::fromHex(sandbox.left(32))).toString(QUuid::WithoutBraces));
    return QStringLiteral(
               "error forwarding port %1 to pod %2, uid : failed to execute portforward in network "
               "namespace \"%3\": failed to connect to localhost:%1 inside namespace \"%2\", IPv4: "
               "dial tcp4 127.0.0.1:%1: connect: connection refused IPv6 dial tcp6 [::1]:%1: "
               "connect: connection refused ")
        .arg(QString::number(port), QString::fromLatin1(sandbox), netns);
}

void PodPortForwardHandler::portForward(const ApiRequestPtr& request) {
    const HttpRequest& http = request->http();
    const RequestInfo& info = request->info;
    const ObjectPtr stored = podstream::authorizeAndFindPod(m_context, request);
    if (!stored) {
        return;
    }
    const QJsonObject& pod = stored->object;
    if (pod.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString().isEmpty()) {
        request->sendError(
            ApiError::badRequest(QStringLiteral("pod %1 does not have a host assigned").arg(info.name)));
        return;
    }
    const QString phase =
        pod.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString();
    if (phase == QLatin1String("Succeeded") || phase == QLatin1String("Failed")) {
        // The kubelet lists running pods only; its error comes back as a 500.
        request->sendError(ApiError{
            500, QStringLiteral("InternalError"),
            QStringLiteral("pod not found (\"%1_%2\")").arg(info.name, info.namespaceName), QJsonObject()});
        return;
    }
    if (ws::isUpgradeRequest(http) && ws::chooseProtocol(http, portforward::supportedProtocols()).isEmpty() &&
        ws::offeredProtocols(http).contains(spdyTunnelProtocol)) {
        // kubectl 1.31+: SPDY framed inside WebSocket messages, which a real API server translates for the
        // kubelet. It sends its ports in SPDY stream headers, so this is said before the ports are checked.
        request->sendError(ApiError::badRequest(
            QStringLiteral("the simulator does not serve %1 (SPDY tunnelled in WebSocket); port-forward is "
                           "served over WebSocket with %2 or %3")
                .arg(QLatin1String(spdyTunnelProtocol), QLatin1String(portforward::v4Protocol),
                     QLatin1String(portforward::v4Base64Protocol))));
        return;
    }
    QList<quint16> ports;
    if (ws::isUpgradeRequest(http)) {
        QString error;
        const auto parsed = parsePorts(http.queryValues(QStringLiteral("ports")), &error);
        if (!parsed) {
            request->sendError(ApiError::badRequest(error));
            return;
        }
        if (parsed->size() > maxPorts) {
            request->sendError(ApiError::badRequest(
                QStringLiteral("the simulator forwards at most %1 ports per connection").arg(maxPorts)));
            return;
        }
        ports = *parsed;
    }
    const auto protocol = podstream::negotiateWebSocket(request, portforward::supportedProtocols(),
                                                        QStringLiteral("port-forward"), true);
    if (!protocol || !request->connection()) {
        return;
    }

    const QString podUid = uidOf(pod);
    const QHash<quint16, QString> listening = listeningPorts(pod);
    QList<PortForwardSession::Target> targets;
    for (const quint16 port : ports) {
        PortForwardSession::Target target;
        target.port = port;
        if (const auto found = listening.constFind(port); found != listening.constEnd()) {
            target.service = PortResponder::kindFor(port, *found);
        } else {
            target.refusal = refusalMessage(port, podUid);
        }
        targets.append(target);
    }

    request->markResponded();
    QByteArray alreadyRead;
    QSslSocket* socket =
        request->connection()->switchProtocols(ws::acceptHeaders(http, *protocol), &alreadyRead);
    auto* connection = new WebSocketConnection(socket, alreadyRead);
    auto* session =
        new PortForwardSession(connection, *protocol, info.name, info.namespaceName, targets, this);
    session->start();

    // The forwarded connections end when the pod goes away.
    ResourceStorage* storage = m_context.storage;
    const auto type = request->type;
    const QString namespaceName = info.namespaceName;
    const QString podName = info.name;
    auto* timer = new QTimer(session);
    QPointer<PortForwardSession> guard(session);
    connect(timer, &QTimer::timeout, session, [=] {
        const ObjectPtr current = storage->get(*type, namespaceName, podName);
        if (guard && (!current || uidOf(current->object) != podUid)) {
            timer->stop();
            guard->podStopped();
        }
    });
    timer->start(pollIntervalMs);
}

} // namespace binnacle::sim
