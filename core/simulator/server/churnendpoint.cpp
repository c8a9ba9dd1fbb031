#include "churnendpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace binnacle::sim {

namespace {
// Writes per event-loop turn when running flat out: large enough to keep the store busy, small enough
// that watch streams are flushed and new requests answered between batches.
constexpr qint64 maxBatch = 500;
constexpr int pacedIntervalMs = 2;
constexpr auto churnAnnotation = "binnacle-sim/churn";
} // namespace

ChurnEndpoint::ChurnEndpoint(const ServerContext* context, QObject* parent)
    : QObject(parent)
    , m_context(context) {
    connect(&m_timer, &QTimer::timeout, this, &ChurnEndpoint::step);
}

void ChurnEndpoint::serve(const ApiRequestPtr& request) {
    if (request->http().method != "POST") {
        request->sendObject(200, QJsonObject{{QStringLiteral("running"), bool(m_request)},
                                             {QStringLiteral("done"), m_done},
                                             {QStringLiteral("count"), m_count}});
        return;
    }
    if (m_request) {
        request->sendError(
            ApiError{409, QStringLiteral("Conflict"), QStringLiteral("a churn is running"), QJsonObject()});
        return;
    }
    const QJsonObject body = QJsonDocument::fromJson(request->http().body).object();
    const ResourceType& pods = m_context->storage->type(QString(), QStringLiteral("pods"));
    m_typeKey = pods.key();
    m_pods = m_context->store()->list(m_typeKey, body.value(QLatin1String("namespace")).toString());
    m_count = body.value(QLatin1String("count")).toInteger();
    m_rate = body.value(QLatin1String("rate")).toDouble();
    if (m_pods.isEmpty() || m_count <= 0) {
        request->sendError(ApiError{400, QStringLiteral("BadRequest"),
                                    QStringLiteral("churn needs a positive count and existing pods"),
                                    QJsonObject()});
        return;
    }
    m_request = request;
    m_done = 0;
    m_last.reset();
    m_clock.start();
    m_timer.start(m_rate > 0 ? pacedIntervalMs : 0);
}

void ChurnEndpoint::step() {
    const qint64 due =
        m_rate > 0 ? std::min(m_count, qint64(m_rate * double(m_clock.nsecsElapsed()) / 1e9)) : m_count;
    const qint64 end = std::min(due, m_done + maxBatch);
    for (; m_done < end; ++m_done) {
        const ObjectPtr& listed = m_pods.at(qsizetype(m_done % m_pods.size()));
        // The stored state now: a controller or an earlier round may have written it since the listing.
        if (const ObjectPtr current =
                m_context->store()->get(m_typeKey, listed->namespaceName(), listed->name())) {
            modify(current);
        }
    }
    if (m_done >= m_count) {
        finish();
    }
}

void ChurnEndpoint::modify(const ObjectPtr& pod) {
    QJsonObject object = pod->object;
    QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
    QJsonObject annotations = metadata.value(QLatin1String("annotations")).toObject();
    annotations.insert(QLatin1String(churnAnnotation), QString::number(m_done));
    metadata.insert(QStringLiteral("annotations"), annotations);
    object.insert(QStringLiteral("metadata"), metadata);
    // A cell that changes (RESTARTS), as a crash-looping pod's would.
    QJsonObject status = object.value(QLatin1String("status")).toObject();
    QJsonArray containers = status.value(QLatin1String("containerStatuses")).toArray();
    if (!containers.isEmpty()) {
        QJsonObject first = containers.at(0).toObject();
        first.insert(QStringLiteral("restartCount"), first.value(QLatin1String("restartCount")).toInt() + 1);
        containers.replace(0, first);
        status.insert(QStringLiteral("containerStatuses"), containers);
        object.insert(QStringLiteral("status"), status);
    }
    m_last = m_context->store()->put(m_typeKey, std::move(object));
}

void ChurnEndpoint::finish() {
    m_timer.stop();
    const ApiRequestPtr request = std::exchange(m_request, nullptr);
    m_pods.clear();
    if (!m_last) {
        request->sendError(ApiError{410, QStringLiteral("Gone"),
                                    QStringLiteral("every pod was deleted meanwhile"), QJsonObject()});
        return;
    }
    const QString ns = m_last->namespaceName();
    const QString key = ns.isEmpty() ? m_last->name() : ns + QLatin1Char('/') + m_last->name();
    if (request->connection()) {
        request->sendObject(200, QJsonObject{{QStringLiteral("count"), m_count},
                                             {QStringLiteral("lastKey"), key},
                                             {QStringLiteral("lastResourceVersion"),
                                              QString::number(m_last->resourceVersion)},
                                             {QStringLiteral("durationMs"), m_clock.elapsed()}});
    }
}

} // namespace binnacle::sim
