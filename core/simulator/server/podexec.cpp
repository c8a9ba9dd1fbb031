#include "podexec.h"

#include "channelprotocol.h"
#include "execsession.h"
#include "websocketconnection.h"
#include "websocketupgrade.h"

#include <QJsonArray>
#include <QSslSocket>

namespace binnacle::sim {

namespace {
QJsonObject findByName(const QJsonArray& items, const QString& name) {
    for (const QJsonValue& value : items) {
        if (value.toObject().value(QLatin1String("name")).toString() == name) {
            return value.toObject();
        }
    }
    return {};
}

// The container's environment from its spec: literal values and the downward API fields we know.
QList<QPair<QString, QString>> specEnvironment(const QJsonObject& container, const QJsonObject& pod) {
    QList<QPair<QString, QString>> env;
    const QJsonObject metadata = pod.value(QLatin1String("metadata")).toObject();
    const QJsonObject status = pod.value(QLatin1String("status")).toObject();
    for (const QJsonValue& value : container.value(QLatin1String("env")).toArray()) {
        const QJsonObject variable = value.toObject();
        const QString name = variable.value(QLatin1String("name")).toString();
        if (variable.contains(QLatin1String("value"))) {
            env.append({name, variable.value(QLatin1String("value")).toString()});
            continue;
        }
        const QString field = variable.value(QLatin1String("valueFrom"))
                                  .toObject()
                                  .value(QLatin1String("fieldRef"))
                                  .toObject()
                                  .value(QLatin1String("fieldPath"))
                                  .toString();
        if (field == QLatin1String("metadata.name")) {
            env.append({name, metadata.value(QLatin1String("name")).toString()});
        } else if (field == QLatin1String("metadata.namespace")) {
            env.append({name, metadata.value(QLatin1String("namespace")).toString()});
        } else if (field == QLatin1String("status.podIP")) {
            env.append({name, status.value(QLatin1String("podIP")).toString()});
        } else if (field == QLatin1String("spec.nodeName")) {
            env.append(
                {name,
                 pod.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString()});
        }
        // Secret and ConfigMap references stay unresolved: a simulated shell never shows a Secret's value.
    }
    return env;
}
} // namespace

PodExecHandler::PodExecHandler(const ServerContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context) {}

void PodExecHandler::exec(const ApiRequestPtr& request) {
    const HttpRequest& http = request->http();
    const RequestInfo& info = request->info;
    const ResourceType& type = *request->type;
    if (info.verb != QLatin1String("get") && info.verb != QLatin1String("create")) {
        request->sendError(ApiError::methodNotAllowed(
            QStringLiteral("the server does not allow this method on the requested resource")));
        return;
    }
    // A WebSocket upgrade is a GET, yet it needs the create verb, as
    // AuthorizePodWebsocketUpgradeCreatePermission asks.
    Authorizer::Attributes create{QStringLiteral("create"), type.group, type.resource, info.subresource,
                                  info.namespaceName,       info.name,  QString()};
    if (!m_context.authorizer->allowed(request->user, create)) {
        request->sendError(ApiError::forbidden(request->user.name, QStringLiteral("create"), &type,
                                               info.subresource, info.namespaceName, info.name));
        return;
    }
    const ObjectPtr stored = m_context.storage->get(type, info.namespaceName, info.name);
    if (!stored) {
        request->sendError(ApiError::notFound(type, info.name));
        return;
    }
    const QJsonObject& pod = stored->object;
    const QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    const QStringList command = http.queryValues(QStringLiteral("command"));
    if (command.isEmpty()) {
        request->sendError(ApiError::badRequest(QStringLiteral("you must specify at least 1 command")));
        return;
    }
    ExecSession::Streams streams{
        http.queryBool(QStringLiteral("stdin")), http.queryBool(QStringLiteral("stdout")),
        http.queryBool(QStringLiteral("stderr")), http.queryBool(QStringLiteral("tty"))};
    if (!streams.stdinOpen && !streams.stdoutOpen && !streams.stderrOpen) {
        request->sendError(
            ApiError::badRequest(QStringLiteral("you must specify at least 1 of stdin, stdout, stderr")));
        return;
    }
    QString containerName = http.queryValue(QStringLiteral("container"));
    const QJsonArray containers = spec.value(QLatin1String("containers")).toArray();
    if (containerName.isEmpty()) {
        if (containers.size() != 1) {
            QStringList names;
            for (const char* key : {"initContainers", "containers", "ephemeralContainers"}) {
                for (const QJsonValue& value : spec.value(QLatin1String(key)).toArray()) {
                    names.append(value.toObject().value(QLatin1String("name")).toString());
                }
            }
            request->sendError(ApiError::badRequest(
                QStringLiteral("a container name must be specified for pod %1, choose one of: [%2]")
                    .arg(info.name, names.join(QLatin1Char(' ')))));
            return;
        }
        containerName = containers.first().toObject().value(QLatin1String("name")).toString();
    }
    QJsonObject container = findByName(containers, containerName);
    for (const char* key : {"initContainers", "ephemeralContainers"}) {
        if (container.isEmpty()) {
            container = findByName(spec.value(QLatin1String(key)).toArray(), containerName);
        }
    }
    if (container.isEmpty()) {
        request->sendError(ApiError::badRequest(
            QStringLiteral("container %1 is not valid for pod %2").arg(containerName, info.name)));
        return;
    }
    if (spec.value(QLatin1String("nodeName")).toString().isEmpty()) {
        request->sendError(
            ApiError::badRequest(QStringLiteral("pod %1 does not have a host assigned").arg(info.name)));
        return;
    }
    const QJsonObject status = pod.value(QLatin1String("status")).toObject();
    QJsonObject containerStatus;
    for (const char* key : {"containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"}) {
        if (containerStatus.isEmpty()) {
            containerStatus = findByName(status.value(QLatin1String(key)).toArray(), containerName);
        }
    }
    if (!containerStatus.value(QLatin1String("state")).toObject().contains(QLatin1String("running"))) {
        // The kubelet finds no running container to exec in.
        request->sendError(
            ApiError::badRequest(QStringLiteral("container not found (\"%1\")").arg(containerName)));
        return;
    }
    if (!ws::isUpgradeRequest(http)) {
        const bool spdy = http.header("Upgrade").toLower().startsWith("spdy");
        request->sendError(ApiError::badRequest(
            spdy ? QStringLiteral("the simulator serves exec over WebSocket only (%1, %2), not SPDY")
                       .arg(QLatin1String(channel::v5Protocol), QLatin1String(channel::v4Protocol))
                 : QStringLiteral("Upgrade request required")));
        return;
    }
    if (const QString problem = ws::handshakeProblem(http); !problem.isEmpty()) {
        request->sendError(ApiError::badRequest(problem));
        return;
    }
    const QByteArray protocol = ws::chooseProtocol(http, channel::supportedProtocols());
    if (protocol.isEmpty()) {
        request->sendError(ApiError::badRequest(
            QStringLiteral("requested protocol(s) are not supported: [%1]; supports [%2]")
                .arg(QString::fromLatin1(ws::offeredProtocols(http).join(' ')),
                     QString::fromLatin1(channel::supportedProtocols().join(' ')))));
        return;
    }

    FakeContainer fake;
    fake.podName = info.name;
    fake.namespaceName = info.namespaceName;
    fake.containerName = containerName;
    fake.image = container.value(QLatin1String("image")).toString();
    fake.podIp = status.value(QLatin1String("podIP")).toString();
    fake.env = FakeContainer::defaultEnvironment(info.name, specEnvironment(container, pod), streams.tty);

    if (!request->connection()) {
        return; // the client left while we looked
    }
    request->markResponded();
    QByteArray alreadyRead;
    QSslSocket* socket =
        request->connection()->switchProtocols(ws::acceptHeaders(http, protocol), &alreadyRead);
    auto* connection = new WebSocketConnection(socket, alreadyRead);
    auto* session = new ExecSession(connection, protocol, std::move(fake), command, streams, this);
    session->start();
}

} // namespace binnacle::sim
