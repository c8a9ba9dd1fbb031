#include "podportforward.h"

#include "podexec.h"
#include "portforwardsession.h"
#include "spdysession.h"
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

// A plain SPDY/3.1 upgrade, as spdy.NewResponseUpgrader checks it: Connection names Upgrade, Upgrade names
// it.
bool isSpdyUpgrade(const HttpRequest& http) {
    return http.header("Connection").toLower().contains("upgrade") &&
           http.header("Upgrade").toLower().contains("spdy/3.1");
}

void watchPod(ResourceStorage* storage, const ApiRequestPtr& request, const QString& podUid, QObject* session,
              const std::function<void()>& stopped) {
    // The forwarded connections end when the pod goes away.
    const auto type = request->type;
    const QString namespaceName = request->info.namespaceName;
    const QString podName = request->info.name;
    auto* timer = new QTimer(session);
    QObject::connect(timer, &QTimer::timeout, session, [=] {
        const ObjectPtr current = storage->get(*type, namespaceName, podName);
        if (!current || uidOf(current->object) != podUid) {
            timer->stop();
            stopped();
        }
    });
    timer->start(pollIntervalMs);
}

void serveSpdy(QObject* owner, ResourceStorage* storage, const ApiRequestPtr& request, bool tunnelled,
               const QString& podUid, const SpdyPortForwardSession::Resolver& resolve) {
    const HttpRequest& http = request->http();
    HttpHeaders headers;
    if (tunnelled) {
        if (const QString problem = ws::handshakeProblem(http); !problem.isEmpty()) {
            request->sendError(ApiError::badRequest(problem));
            return;
        }
        headers = ws::acceptHeaders(http, spdy::tunnelProtocol);
    } else {
        // httpstream.Handshake: the client's X-Stream-Protocol-Version list must name portforward.k8s.io
        // (none at all is a legacy client, served too).
        QList<QByteArray> offered;
        for (const QByteArray& part : http.header("X-Stream-Protocol-Version").split(',')) {
            if (!part.trimmed().isEmpty()) {
                offered.append(part.trimmed());
            }
        }
        if (!offered.isEmpty() && !offered.contains(spdy::portForwardProtocol)) {
            request->sendError(ApiError{
                403, QStringLiteral("Forbidden"),
                QStringLiteral(
                    "unable to upgrade: unable to negotiate protocol: client supports [%1], server "
                    "accepts [%2]")
                    .arg(QString::fromLatin1(offered.join(' ')), QLatin1String(spdy::portForwardProtocol)),
                QJsonObject()});
            return;
        }
        if (!offered.isEmpty()) {
            headers.append(
                qMakePair(QByteArray("X-Stream-Protocol-Version"), QByteArray(spdy::portForwardProtocol)));
        }
        headers.append(qMakePair(QByteArray("Connection"), QByteArray("Upgrade")));
        headers.append(qMakePair(QByteArray("Upgrade"), QByteArray(spdy::upgradeToken)));
    }
    if (!request->connection()) {
        return;
    }
    const RequestInfo& info = request->info;
    request->markResponded();
    QByteArray alreadyRead;
    QSslSocket* socket = request->connection()->switchProtocols(headers, &alreadyRead);
    auto* session = new SpdyPortForwardSession(info.name, info.namespaceName, resolve, owner);
    if (tunnelled) {
        SpdyPortForwardSession::attach(new WebSocketConnection(socket, alreadyRead), session);
    } else {
        SpdyPortForwardSession::attach(socket, alreadyRead, session);
    }
    QPointer<SpdyPortForwardSession> guard(session);
    watchPod(storage, request, podUid, session, [guard] {
        if (guard) {
            guard->podStopped();
        }
    });
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
    const QString podUid = uidOf(pod);
    const QHash<quint16, QString> listening = listeningPorts(pod);
    auto resolve = [listening, podUid](quint16 port) {
        PortForwardSession::Target target;
        target.port = port;
        if (const auto found = listening.constFind(port); found != listening.constEnd()) {
            target.service = PortResponder::kindFor(port, *found);
        } else {
            target.refusal = refusalMessage(port, podUid);
        }
        return target;
    };
    // kubectl 1.31+ asks first for SPDY tunnelled in WebSocket, then for plain SPDY. Its ports travel in
    // SPDY stream headers, so there is no `ports` query to check.
    const bool webSocket = ws::isUpgradeRequest(http);
    QList<QByteArray> webSocketProtocols = portforward::supportedProtocols();
    webSocketProtocols.append(spdy::tunnelProtocol);
    if ((webSocket && ws::chooseProtocol(http, webSocketProtocols) == spdy::tunnelProtocol) ||
        (!webSocket && isSpdyUpgrade(http))) {
        serveSpdy(this, m_context.storage, request, webSocket, podUid, resolve);
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
    QList<PortForwardSession::Target> targets;
    for (const quint16 port : ports) {
        targets.append(resolve(port));
    }

    request->markResponded();
    QByteArray alreadyRead;
    QSslSocket* socket =
        request->connection()->switchProtocols(ws::acceptHeaders(http, *protocol), &alreadyRead);
    auto* connection = new WebSocketConnection(socket, alreadyRead);
    auto* session =
        new PortForwardSession(connection, *protocol, info.name, info.namespaceName, targets, this);
    session->start();

    QPointer<PortForwardSession> guard(session);
    watchPod(m_context.storage, request, podUid, session, [guard] {
        if (guard) {
            guard->podStopped();
        }
    });
}

} // namespace binnacle::sim
