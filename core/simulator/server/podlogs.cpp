#include "podlogs.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QPointer>
#include <QTimer>

namespace binnacle::sim {

namespace {
constexpr int lineIntervalSeconds = 5;
constexpr int maxHistoryLines = 500;

QString nanoTimestamp(const QDateTime& time) {
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000000Z");
}

QJsonObject findContainerStatus(const QJsonObject& pod, const QString& container) {
    for (const char* key : {"containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"}) {
        for (const QJsonValue& value :
             pod.value(QLatin1String("status")).toObject().value(QLatin1String(key)).toArray()) {
            if (value.toObject().value(QLatin1String("name")).toString() == container) {
                return value.toObject();
            }
        }
    }
    return {};
}
} // namespace

PodLogHandler::PodLogHandler(const ServerContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context) {}

QString PodLogHandler::lineAt(const QString& podName, const QString& container, const QString& image,
                              const QDateTime& time) {
    const QByteArray seed = (podName + container + QString::number(time.toSecsSinceEpoch())).toUtf8();
    const QByteArray hash = QCryptographicHash::hash(seed, QCryptographicHash::Sha1);
    const quint8 pick = quint8(hash.at(0));
    static const char* paths[] = {"/", "/api/items", "/api/cart", "/healthz", "/metrics", "/static/app.js"};
    static const int statuses[] = {200, 200, 200, 201, 204, 304, 404, 500};
    if (image.contains(QLatin1String("nginx")) || container.contains(QLatin1String("frontend"))) {
        return QStringLiteral("10.244.%1.%2 - - \"GET %3 HTTP/1.1\" %4 %5 \"-\" \"kube-probe/1.32\"")
            .arg(quint8(hash.at(1)) % 4)
            .arg(quint8(hash.at(2)) % 250 + 2)
            .arg(QLatin1String(paths[pick % 6]))
            .arg(statuses[quint8(hash.at(3)) % 8])
            .arg(quint16(hash.at(4)) * 7 % 20000);
    }
    static const char* levels[] = {"info", "info", "info", "debug", "warn", "error"};
    static const char* messages[] = {"request handled", "cache refreshed", "connection pool stats",
                                     "reconciling",     "slow query",      "upstream timeout"};
    const int index = pick % 6;
    return QStringLiteral("level=%1 msg=\"%2\" container=%3 duration_ms=%4")
        .arg(QLatin1String(levels[index]), QLatin1String(messages[index]), container)
        .arg(quint8(hash.at(5)) % 400);
}

void PodLogHandler::get(const ApiRequestPtr& request) {
    const HttpRequest& http = request->http();
    const RequestInfo& info = request->info;
    const ResourceType& type = *request->type;
    const ObjectPtr pod = m_context.storage->get(type, info.namespaceName, info.name);
    if (!pod) {
        request->sendError(ApiError::notFound(type, info.name));
        return;
    }
    const QJsonObject spec = pod->object.value(QLatin1String("spec")).toObject();
    QStringList names;
    QString image;
    QString container = http.queryValue(QStringLiteral("container"));
    for (const char* key : {"containers", "initContainers", "ephemeralContainers"}) {
        for (const QJsonValue& value : spec.value(QLatin1String(key)).toArray()) {
            const QJsonObject c = value.toObject();
            const QString name = c.value(QLatin1String("name")).toString();
            if (QLatin1String(key) == QLatin1String("containers")) {
                names.append(name);
            }
            if (name == container) {
                image = c.value(QLatin1String("image")).toString();
            }
        }
    }
    if (container.isEmpty()) {
        if (names.size() != 1) {
            request->sendError(ApiError::badRequest(
                QStringLiteral("a container name must be specified for pod %1, choose one of: [%2]")
                    .arg(info.name, names.join(QLatin1Char(' ')))));
            return;
        }
        container = names.first();
        image = spec.value(QLatin1String("containers"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QLatin1String("image"))
                    .toString();
    } else if (image.isEmpty()) {
        request->sendError(ApiError::badRequest(
            QStringLiteral("container %1 is not valid for pod %2").arg(container, info.name)));
        return;
    }
    const QJsonObject status = findContainerStatus(pod->object, container);
    const QJsonObject state = status.value(QLatin1String("state")).toObject();
    const bool previous = http.queryBool(QStringLiteral("previous"));
    QString startedAt;
    QDateTime end = m_context.storage->now();
    if (previous) {
        const QJsonObject terminated =
            status.value(QLatin1String("lastState")).toObject().value(QLatin1String("terminated")).toObject();
        if (terminated.isEmpty()) {
            request->sendError(ApiError::badRequest(
                QStringLiteral("previous terminated container \"%1\" in pod \"%2\" not found")
                    .arg(container, info.name)));
            return;
        }
        startedAt = terminated.value(QLatin1String("startedAt")).toString();
        end = QDateTime::fromString(terminated.value(QLatin1String("finishedAt")).toString(), Qt::ISODate);
    } else {
        startedAt =
            state.value(QLatin1String("running")).toObject().value(QLatin1String("startedAt")).toString();
        if (startedAt.isEmpty()) {
            // A terminated container (a finished init container, a completed Job): its log ends when it did.
            const QJsonObject terminated = state.value(QLatin1String("terminated")).toObject();
            startedAt = terminated.value(QLatin1String("startedAt")).toString();
            const QDateTime finishedAt =
                QDateTime::fromString(terminated.value(QLatin1String("finishedAt")).toString(), Qt::ISODate);
            if (!startedAt.isEmpty() && finishedAt.isValid()) {
                end = std::min(end, finishedAt);
            }
        }
        if (startedAt.isEmpty()) {
            request->sendError(
                ApiError::badRequest(QStringLiteral("container \"%1\" in pod \"%2\" is waiting to start: %3")
                                         .arg(container, info.name,
                                              state.value(QLatin1String("waiting"))
                                                  .toObject()
                                                  .value(QLatin1String("reason"))
                                                  .toString(QStringLiteral("ContainerCreating")))));
            return;
        }
    }
    QDateTime start = QDateTime::fromString(startedAt, Qt::ISODate);
    if (const int since = http.queryValue(QStringLiteral("sinceSeconds")).toInt(); since > 0) {
        start = std::max(start, end.addSecs(-since));
    }
    if (const QString sinceTime = http.queryValue(QStringLiteral("sinceTime")); !sinceTime.isEmpty()) {
        // The API server hands sinceTime to the kubelet formatted as time.RFC3339: whole seconds only.
        const QDateTime since = QDateTime::fromString(sinceTime, Qt::ISODate);
        start = std::max(start, QDateTime::fromSecsSinceEpoch(since.toSecsSinceEpoch(), Qt::UTC));
    }
    const bool timestamps = http.queryBool(QStringLiteral("timestamps"));
    auto render = [=](const QDateTime& time) {
        const QString line = lineAt(info.name, container, image, time);
        return (timestamps ? nanoTimestamp(time) + QLatin1Char(' ') + line : line) + QLatin1Char('\n');
    };
    QStringList lines;
    const qint64 first = (start.toSecsSinceEpoch() + lineIntervalSeconds - 1) / lineIntervalSeconds;
    const qint64 last = end.toSecsSinceEpoch() / lineIntervalSeconds;
    for (qint64 slot = std::max(first, last - maxHistoryLines + 1); slot <= last; ++slot) {
        lines.append(render(QDateTime::fromSecsSinceEpoch(slot * lineIntervalSeconds, Qt::UTC)));
    }
    if (http.hasQuery(QStringLiteral("tailLines"))) {
        const int tail = std::max(0, http.queryValue(QStringLiteral("tailLines")).toInt());
        lines = lines.mid(std::max<qsizetype>(0, lines.size() - tail));
    }
    QByteArray body = lines.join(QString()).toUtf8();
    const qint64 limitBytes = http.queryValue(QStringLiteral("limitBytes")).toLongLong();
    if (limitBytes > 0 && body.size() >= limitBytes) {
        request->sendText(200, body.left(limitBytes));
        return;
    }
    // Following a container that is not running returns what it wrote and ends, as the kubelet does.
    const bool running = state.contains(QLatin1String("running"));
    if (!http.queryBool(QStringLiteral("follow")) || previous || !running) {
        request->sendText(200, body);
        return;
    }
    // Follow: what is there now, then a line every interval until the client or the pod goes.
    HttpConnection* connection = request->connection();
    request->markResponded();
    connection->beginChunked(200, request->commonHeaders("text/plain"));
    connection->writeChunk(body);
    auto* timer = new QTimer(connection);
    QPointer<HttpConnection> guard(connection);
    ResourceStorage* storage = m_context.storage;
    const auto typePtr = request->type;
    const QString namespaceName = info.namespaceName;
    const QString podName = info.name;
    const QString podUid =
        pod->object.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
    auto nextSlot = std::make_shared<qint64>(last + 1);
    // limitBytes bounds the whole response, followed lines included (the kubelet's LimitedWriter).
    auto bytesLeft = std::make_shared<qint64>(limitBytes > 0 ? limitBytes - body.size() : -1);
    connect(timer, &QTimer::timeout, connection, [=] {
        const ObjectPtr current = storage->get(*typePtr, namespaceName, podName);
        if (!guard) {
            return;
        }
        if (!current || current->object.value(QLatin1String("metadata"))
                                .toObject()
                                .value(QLatin1String("uid"))
                                .toString() != podUid) {
            timer->stop();
            guard->endChunked();
            timer->deleteLater();
            return;
        }
        // The instance this stream reads stopped (restarted, crashed, completed): its log ends with what it
        // wrote up to then, as the kubelet's follow of a container's log file ends when the container does.
        const QJsonObject containerStatus = findContainerStatus(current->object, container);
        const bool sameInstance = containerStatus.value(QLatin1String("state"))
                                      .toObject()
                                      .value(QLatin1String("running"))
                                      .toObject()
                                      .value(QLatin1String("startedAt"))
                                      .toString() == startedAt;
        QDateTime until = storage->now();
        if (!sameInstance) {
            for (const char* key : {"state", "lastState"}) {
                const QJsonObject terminated = containerStatus.value(QLatin1String(key))
                                                   .toObject()
                                                   .value(QLatin1String("terminated"))
                                                   .toObject();
                if (terminated.value(QLatin1String("startedAt")).toString() == startedAt) {
                    until = std::min(
                        until, QDateTime::fromString(terminated.value(QLatin1String("finishedAt")).toString(),
                                                     Qt::ISODate));
                    break;
                }
            }
        }
        const qint64 now = until.toSecsSinceEpoch() / lineIntervalSeconds;
        QByteArray more;
        for (; *nextSlot <= now; ++*nextSlot) {
            more += render(QDateTime::fromSecsSinceEpoch(*nextSlot * lineIntervalSeconds, Qt::UTC)).toUtf8();
        }
        if (*bytesLeft >= 0 && more.size() >= *bytesLeft) {
            guard->writeChunk(more.left(*bytesLeft));
            timer->stop();
            guard->endChunked();
            timer->deleteLater();
            return;
        }
        if (*bytesLeft >= 0) {
            *bytesLeft -= more.size();
        }
        guard->writeChunk(more);
        if (!sameInstance) {
            timer->stop();
            guard->endChunked();
            timer->deleteLater();
        }
    });
    timer->start(1000);
}

} // namespace binnacle::sim
