#include "discoveryfetch.h"

#include "clientlogging.h"
#include "clustertransport.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace binnacle::discovery {

using client::DiscoveryDocument;
using transport::ApiError;
using transport::ApiResult;

namespace {

// client-go's order of preference; the plain type last so that servers without aggregated discovery answer
// with the legacy documents instead of 406.
constexpr char aggregatedAccept[] =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
    "application/json";
constexpr char legacyAccept[] = "application/json";

const QString rootPaths[] = {QStringLiteral("/api"), QStringLiteral("/apis")};

// "/api/v1" -> "v1", "/apis/apps/v1" -> "apps/v1".
QString groupVersionOfPath(const QString& path) {
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return parts.mid(1).join(QLatin1Char('/'));
}

bool isNotModified(const ApiResult& result) {
    if (result.ok()) {
        return result.response.statusCode == 304;
    }
    return result.error->kind() == ApiError::Kind::Status && result.error->httpStatus() == 304;
}

} // namespace

DiscoveryFetch::DiscoveryFetch(transport::ClusterTransport* transport, DiscoveryProtocol protocol,
                               QList<DiscoveryDocument> held, Done done, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_protocol(protocol)
    , m_held(std::move(held))
    , m_done(std::move(done)) {}

bool DiscoveryFetch::isAggregated(const DiscoveryDocument& document) {
    if (document.contentType.contains("as=APIGroupDiscoveryList")) {
        return true;
    }
    if (!document.contentType.isEmpty()) {
        return false;
    }
    return QJsonDocument::fromJson(document.body).object().value(QLatin1String("kind")).toString() ==
           QLatin1String("APIGroupDiscoveryList");
}

void DiscoveryFetch::start() {
    m_roots.clear();
    m_pending = 2;
    for (const QString& path : rootPaths) {
        fetchRoot(path, m_protocol == DiscoveryProtocol::Aggregated && !m_retriedAsLegacy);
    }
}

const DiscoveryDocument* DiscoveryFetch::held(const QString& path) const {
    for (const DiscoveryDocument& document : m_held) {
        if (document.path == path) {
            return &document;
        }
    }
    return nullptr;
}

void DiscoveryFetch::fetchRoot(const QString& path, bool aggregated) {
    transport::ApiRequestSpec spec;
    spec.path = path;
    spec.accept = aggregated ? aggregatedAccept : legacyAccept;
    // Everything else waits for discovery (the mapper), so it goes first.
    spec.priority = transport::Priority::Interactive;
    // Revalidate only a document of the format asked for: a legacy ETag says nothing about aggregated.
    const DiscoveryDocument* document = held(path);
    if (document != nullptr && !document->etag.isEmpty() && isAggregated(*document) == aggregated) {
        spec.headers.append({"If-None-Match", document->etag});
    }
    ++m_statistics.requests;
    m_transport->send(
        spec, this, [this, path, aggregated](const ApiResult& result) { onRoot(path, aggregated, result); });
}

std::optional<DiscoveryDocument> DiscoveryFetch::received(const QString& path, const ApiResult& result) {
    if (isNotModified(result)) {
        if (const DiscoveryDocument* document = held(path)) {
            ++m_statistics.notModified;
            return *document;
        }
        return std::nullopt; // a 304 to a request without If-None-Match: nothing to keep
    }
    if (!result.ok()) {
        return std::nullopt;
    }
    ++m_statistics.downloaded;
    return DiscoveryDocument{path, result.response.header("Content-Type"), result.response.header("ETag"),
                             result.response.body};
}

void DiscoveryFetch::onRoot(const QString& path, bool aggregated, const ApiResult& result) {
    if (m_finished) {
        return;
    }
    const bool refused = !result.ok() && result.error->kind() == ApiError::Kind::Status &&
                         (result.error->httpStatus() == 406 || result.error->httpStatus() == 415);
    if (aggregated && refused) {
        qCInfo(client::lcDiscovery) << path << "refused aggregated discovery (HTTP"
                                    << result.error->httpStatus() << "); asking for legacy discovery";
        fetchRoot(path, false);
        return;
    }
    std::optional<DiscoveryDocument> document = received(path, result);
    if (!document) {
        fail(result.error
                 ? *result.error
                 : ApiError(ApiError::Kind::Network,
                            QStringLiteral("%1 answered 304 to a request it could not match").arg(path)));
        return;
    }
    m_roots.insert(path, *document);
    if (--m_pending == 0) {
        rootsDone();
    }
}

void DiscoveryFetch::rootsDone() {
    int aggregatedRoots = 0;
    for (const DiscoveryDocument& document : std::as_const(m_roots)) {
        aggregatedRoots += isAggregated(document) ? 1 : 0;
    }
    if (aggregatedRoots == 2) {
        finish();
        return;
    }
    if (aggregatedRoots == 1 && !m_retriedAsLegacy) {
        // One root aggregated, the other not (a proxy in between?): the formats do not mix, so ask for
        // legacy.
        qCInfo(client::lcDiscovery) << "/api and /apis disagree on the discovery format; asking for legacy";
        m_retriedAsLegacy = true;
        start();
        return;
    }
    m_statistics.legacy = true;
    client::DiscoveryModel roots;
    for (const QString& path : rootPaths) {
        QString error;
        if (!roots.addDocument(m_roots.value(path), &error)) {
            fail(ApiError(ApiError::Kind::Network,
                          QStringLiteral("Unreadable discovery document: %1").arg(error)));
            return;
        }
    }
    const QStringList paths = roots.missingResourceListPaths();
    if (paths.isEmpty()) {
        finish();
        return;
    }
    m_pending = int(paths.size());
    for (const QString& path : paths) {
        fetchResourceList(path);
    }
}

void DiscoveryFetch::fetchResourceList(const QString& path) {
    transport::ApiRequestSpec spec;
    spec.path = path;
    spec.accept = legacyAccept;
    spec.priority = transport::Priority::Interactive;
    const DiscoveryDocument* document = held(path);
    if (document != nullptr && !document->etag.isEmpty()) {
        spec.headers.append({"If-None-Match", document->etag});
    }
    ++m_statistics.requests;
    m_transport->send(spec, this, [this, path](const ApiResult& result) {
        if (m_finished) {
            return;
        }
        std::optional<DiscoveryDocument> list = received(path, result);
        QString error;
        if (list && client::DiscoveryModel().addDocument(*list, &error)) {
            m_resourceLists.append(*list);
        } else {
            // kubectl goes on without the group version too ("unable to retrieve the complete list").
            const QString reason = result.error ? result.error->message() : error;
            qCWarning(client::lcDiscovery).noquote()
                << "discovery of" << groupVersionOfPath(path) << "failed:" << reason;
            m_failedGroupVersions.append(groupVersionOfPath(path));
        }
        if (--m_pending == 0) {
            finish();
        }
    });
}

void DiscoveryFetch::finish() {
    m_finished = true;
    FetchOutcome outcome;
    for (const QString& path : rootPaths) {
        outcome.documents.append(m_roots.value(path));
    }
    outcome.documents.append(m_resourceLists);
    outcome.failedGroupVersions = m_failedGroupVersions;
    outcome.statistics = m_statistics;
    const Done done = std::move(m_done);
    deleteLater();
    done(outcome);
}

void DiscoveryFetch::fail(const ApiError& error) {
    m_finished = true;
    FetchOutcome outcome;
    outcome.error = error;
    outcome.statistics = m_statistics;
    const Done done = std::move(m_done);
    deleteLater();
    done(outcome);
}

} // namespace binnacle::discovery
