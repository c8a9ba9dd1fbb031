#include "podattach.h"

#include "attachsession.h"
#include "channelprotocol.h"
#include "podexec.h"
#include "podlogs.h"
#include "websocketconnection.h"
#include "websocketupgrade.h"

#include <QPointer>
#include <QSslSocket>
#include <QTimer>

namespace binnacle::sim {

namespace {
constexpr int logLineIntervalSeconds = 5; // as pods/log: one line per slot of simulated time
constexpr int pollIntervalMs = 200;

QString uidOf(const QJsonObject& object) {
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
}
} // namespace

PodAttachHandler::PodAttachHandler(const ServerContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context) {}

void PodAttachHandler::attach(const ApiRequestPtr& request) {
    const HttpRequest& http = request->http();
    const RequestInfo& info = request->info;
    const ObjectPtr stored = podstream::authorizeAndFindPod(m_context, request);
    if (!stored) {
        return;
    }
    AttachSession::Streams streams{
        http.queryBool(QStringLiteral("stdin")), http.queryBool(QStringLiteral("stdout")),
        http.queryBool(QStringLiteral("stderr")), http.queryBool(QStringLiteral("tty"))};
    if (!streams.stdinOpen && !streams.stdoutOpen && !streams.stderrOpen) {
        request->sendError(
            ApiError::badRequest(QStringLiteral("you must specify at least 1 of stdin, stdout, stderr")));
        return;
    }
    const auto container = podstream::resolveContainer(request, stored->object);
    if (!container) {
        return;
    }
    if (!container->running()) {
        // The kubelet's GetAttach finds no running container; its error comes back as a 500.
        request->sendError(ApiError{500, QStringLiteral("InternalError"),
                                    QStringLiteral("container %1 not found in pod %2_%3")
                                        .arg(container->name, info.name, info.namespaceName),
                                    QJsonObject()});
        return;
    }
    const auto protocol = podstream::negotiateWebSocket(request, channel::supportedProtocols(),
                                                        QStringLiteral("attach"), false);
    if (!protocol || !request->connection()) {
        return;
    }
    // The process's terminal and stdin were fixed when the container started.
    streams.tty = container->spec.value(QLatin1String("tty")).toBool();
    streams.stdinOpen = streams.stdinOpen && container->spec.value(QLatin1String("stdin")).toBool();

    request->markResponded();
    QByteArray alreadyRead;
    QSslSocket* socket =
        request->connection()->switchProtocols(ws::acceptHeaders(http, *protocol), &alreadyRead);
    auto* connection = new WebSocketConnection(socket, alreadyRead);
    auto* session = new AttachSession(connection, *protocol, streams, this);
    session->start();

    // The main process prints a line per slot of simulated time from now on; the attach ends when the pod
    // or its container goes.
    ResourceStorage* storage = m_context.storage;
    const auto type = request->type;
    const QString namespaceName = info.namespaceName;
    const QString podName = info.name;
    const QString podUid = uidOf(stored->object);
    const QString containerName = container->name;
    const QString image = container->spec.value(QLatin1String("image")).toString();
    auto nextSlot = std::make_shared<qint64>(storage->now().toSecsSinceEpoch() / logLineIntervalSeconds + 1);
    auto* timer = new QTimer(session);
    QPointer<AttachSession> guard(session);
    connect(timer, &QTimer::timeout, session, [=] {
        if (!guard || guard->isEnded()) {
            timer->stop();
            return;
        }
        const ObjectPtr current = storage->get(*type, namespaceName, podName);
        const auto now = current ? podstream::resolveContainerStatus(current->object, containerName)
                                 : std::optional<QJsonObject>();
        if (!current || uidOf(current->object) != podUid || !now ||
            !now->value(QLatin1String("state")).toObject().contains(QLatin1String("running"))) {
            timer->stop();
            guard->containerStopped();
            return;
        }
        const qint64 slotNow = storage->now().toSecsSinceEpoch() / logLineIntervalSeconds;
        for (; *nextSlot <= slotNow && guard && !guard->isEnded(); ++*nextSlot) {
            const QDateTime time = QDateTime::fromSecsSinceEpoch(*nextSlot * logLineIntervalSeconds, Qt::UTC);
            guard->containerOutput(PodLogHandler::lineAt(podName, containerName, image, time).toUtf8());
        }
    });
    timer->start(pollIntervalMs);
}

} // namespace binnacle::sim
