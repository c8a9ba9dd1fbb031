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

namespace podstream {

bool ContainerTarget::running() const {
    return status.value(QLatin1String("state")).toObject().contains(QLatin1String("running"));
}

ObjectPtr authorizeAndFindPod(const ServerContext& context, const ApiRequestPtr& request) {
    const RequestInfo& info = request->info;
    const ResourceType& type = *request->type;
    if (info.verb != QLatin1String("get") && info.verb != QLatin1String("create")) {
        request->sendError(ApiError::methodNotAllowed(
            QStringLiteral("the server does not allow this method on the requested resource")));
        return nullptr;
    }
    // A WebSocket upgrade is a GET, yet it needs the create verb, as
    // AuthorizePodWebsocketUpgradeCreatePermission asks.
    Authorizer::Attributes create{QStringLiteral("create"), type.group, type.resource, info.subresource,
                                  info.namespaceName,       info.name,  QString()};
    if (!context.authorizer->allowed(request->user, create)) {
        request->sendError(ApiError::forbidden(request->user.name, QStringLiteral("create"), &type,
                                               info.subresource, info.namespaceName, info.name));
        return nullptr;
    }
    ObjectPtr stored = context.storage->get(type, info.namespaceName, info.name);
    if (!stored) {
        request->sendError(ApiError::notFound(type, info.name));
    }
    return stored;
}

std::optional<ContainerTarget> resolveContainer(const ApiRequestPtr& request, const QJsonObject& pod) {
    const QString& podName = request->info.name;
    const QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    QString containerName = request->http().queryValue(QStringLiteral("container"));
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
                    .arg(podName, names.join(QLatin1Char(' ')))));
            return std::nullopt;
        }
        containerName = containers.first().toObject().value(QLatin1String("name")).toString();
    }
    ContainerTarget target;
    target.name = containerName;
    target.spec = findByName(containers, containerName);
    for (const char* key : {"initContainers", "ephemeralContainers"}) {
        if (target.spec.isEmpty()) {
            target.spec = findByName(spec.value(QLatin1String(key)).toArray(), containerName);
        }
    }
    if (target.spec.isEmpty()) {
        request->sendError(ApiError::badRequest(
            QStringLiteral("container %1 is not valid for pod %2").arg(containerName, podName)));
        return std::nullopt;
    }
    if (spec.value(QLatin1String("nodeName")).toString().isEmpty()) {
        request->sendError(
            ApiError::badRequest(QStringLiteral("pod %1 does not have a host assigned").arg(podName)));
        return std::nullopt;
    }
    target.status = resolveContainerStatus(pod, containerName).value_or(QJsonObject());
    return target;
}

std::optional<QJsonObject> resolveContainerStatus(const QJsonObject& pod, const QString& containerName) {
    const QJsonObject status = pod.value(QLatin1String("status")).toObject();
    for (const char* key : {"containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"}) {
        const QJsonObject found = findByName(status.value(QLatin1String(key)).toArray(), containerName);
        if (!found.isEmpty()) {
            return found;
        }
    }
    return std::nullopt;
}

std::optional<QByteArray> negotiateWebSocket(const ApiRequestPtr& request, const QList<QByteArray>& supported,
                                             const QString& what, bool allowNoProtocol) {
    const HttpRequest& http = request->http();
    if (!ws::isUpgradeRequest(http)) {
        const bool spdy = http.header("Upgrade").toLower().startsWith("spdy");
        request->sendError(ApiError::badRequest(
            spdy ? QStringLiteral("the simulator serves %1 over WebSocket only (%2), not SPDY")
                       .arg(what, QString::fromLatin1(supported.join(", ")))
                 : QStringLiteral("Upgrade request required")));
        return std::nullopt;
    }
    if (const QString problem = ws::handshakeProblem(http); !problem.isEmpty()) {
        request->sendError(ApiError::badRequest(problem));
        return std::nullopt;
    }
    const QList<QByteArray> offered = ws::offeredProtocols(http);
    if (offered.isEmpty() && allowNoProtocol) {
        return QByteArray(); // the kubelet serves its binary framing without a subprotocol
    }
    const QByteArray protocol = ws::chooseProtocol(http, supported);
    if (protocol.isEmpty()) {
        request->sendError(ApiError::badRequest(
            QStringLiteral("requested protocol(s) are not supported: [%1]; supports [%2]")
                .arg(QString::fromLatin1(offered.join(' ')), QString::fromLatin1(supported.join(' ')))));
        return std::nullopt;
    }
    return protocol;
}

} // namespace podstream

PodExecHandler::PodExecHandler(const ServerContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context) {}

void PodExecHandler::exec(const ApiRequestPtr& request) {
    const HttpRequest& http = request->http();
    const RequestInfo& info = request->info;
    const ObjectPtr stored = podstream::authorizeAndFindPod(m_context, request);
    if (!stored) {
        return;
    }
    const QJsonObject& pod = stored->object;
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
    const auto container = podstream::resolveContainer(request, pod);
    if (!container) {
        return;
    }
    if (!container->running()) {
        // The kubelet finds no running container to exec in.
        request->sendError(
            ApiError::badRequest(QStringLiteral("container not found (\"%1\")").arg(container->name)));
        return;
    }
    const auto protocol =
        podstream::negotiateWebSocket(request, channel::supportedProtocols(), QStringLiteral("exec"), false);
    if (!protocol) {
        return;
    }

    FakeContainer fake;
    fake.podName = info.name;
    fake.namespaceName = info.namespaceName;
    fake.containerName = container->name;
    fake.image = container->spec.value(QLatin1String("image")).toString();
    fake.podIp = pod.value(QLatin1String("status")).toObject().value(QLatin1String("podIP")).toString();
    fake.env =
        FakeContainer::defaultEnvironment(info.name, specEnvironment(container->spec, pod), streams.tty);

    if (!request->connection()) {
        return; // the client left while we looked
    }
    request->markResponded();
    QByteArray alreadyRead;
    QSslSocket* socket =
        request->connection()->switchProtocols(ws::acceptHeaders(http, *protocol), &alreadyRead);
    auto* connection = new WebSocketConnection(socket, alreadyRead);
    auto* session = new ExecSession(connection, *protocol, std::move(fake), command, streams, this);
    session->start();
}

} // namespace binnacle::sim
