#include "apiserver.h"

#include "discoverydocuments.h"
#include "openapidocuments.h"
#include "podeviction.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>
#include <QUuid>

namespace binnacle::sim {

// Request trace: method, path, content types. Never headers that carry credentials.
Q_LOGGING_CATEGORY(lcRequests, "binnacle.sim.requests", QtWarningMsg)

namespace {
constexpr auto aggregatedV2 = "apidiscovery.k8s.io/v2";
constexpr auto aggregatedV2Beta1 = "apidiscovery.k8s.io/v2beta1";
constexpr auto controlPrefix = "/binnacle-sim/";

// Which aggregated discovery version the Accept header asks for, if any.
QString aggregatedDiscoveryVersion(const QByteArray& accept) {
    for (const QByteArray& clause : accept.split(',')) {
        const QByteArray compact = clause.simplified().replace(" ", "");
        if (!compact.contains("as=APIGroupDiscoveryList") || !compact.contains("g=apidiscovery.k8s.io")) {
            continue;
        }
        if (compact.contains("v=v2beta1")) {
            return QLatin1String(aggregatedV2Beta1);
        }
        if (compact.contains("v=v2")) {
            return QLatin1String(aggregatedV2);
        }
    }
    return {};
}

QJsonObject versionInfo() {
    return QJsonObject{
        {QStringLiteral("major"), QStringLiteral("1")},
        {QStringLiteral("minor"), QStringLiteral("32")},
        {QStringLiteral("emulationMajor"), QStringLiteral("1")},
        {QStringLiteral("emulationMinor"), QStringLiteral("32")},
        {QStringLiteral("minCompatibilityMajor"), QStringLiteral("1")},
        {QStringLiteral("minCompatibilityMinor"), QStringLiteral("31")},
        {QStringLiteral("gitVersion"), QStringLiteral("v1.32.4-binnacle-sim")},
        {QStringLiteral("gitCommit"), QStringLiteral("0000000000000000000000000000000000000000")},
        {QStringLiteral("gitTreeState"), QStringLiteral("clean")},
        {QStringLiteral("buildDate"), QStringLiteral("2026-01-01T00:00:00Z")},
        {QStringLiteral("goVersion"), QStringLiteral("go1.23.8")},
        {QStringLiteral("compiler"), QStringLiteral("gc")},
        {QStringLiteral("platform"), QStringLiteral("linux/amd64")}};
}
} // namespace

ApiServer::ApiServer(ServerContext context, QObject* parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_reads(m_context, this)
    , m_writes(m_context, this)
    , m_reviews(m_context)
    , m_logs(m_context, this)
    , m_exec(m_context, this)
    , m_attach(m_context, this)
    , m_portForward(m_context, this)
    , m_churn(&m_context) {}

void ApiServer::handle(HttpConnection* connection, const HttpRequest& request) {
    ++m_requestCount;
    qCDebug(lcRequests).noquote() << request.method << request.target
                                  << "content-type:" << request.header("Content-Type")
                                  << "accept:" << request.header("Accept")
                                  << "agent:" << request.header("User-Agent");
    auto apiRequest = std::make_shared<ApiRequest>(connection, request,
                                                   QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    apiRequest->info = RequestInfo::parse(request);
    const int latency = m_context.faults->latencyMs();
    if (latency > 0 && !request.path.startsWith(QLatin1String(controlPrefix))) {
        QTimer::singleShot(latency, this, [this, apiRequest] {
            if (apiRequest->connection()) {
                serve(apiRequest);
            }
        });
        return;
    }
    serve(apiRequest);
}

void ApiServer::reject(HttpConnection* connection, int status, qsizetype maxBodyBytes) {
    ApiRequest request(connection, HttpRequest(), QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    if (status == 413) {
        request.sendError(ApiError{413, QStringLiteral("RequestEntityTooLarge"),
                                   QStringLiteral("Request entity too large: limit is %1").arg(maxBodyBytes),
                                   QJsonObject()});
    } else {
        request.sendError(ApiError::badRequest(QStringLiteral("the request could not be parsed")));
    }
}

bool ApiServer::injectFailure(const ApiRequestPtr& request) {
    if (request->http().path.startsWith(QLatin1String(controlPrefix))) {
        return false;
    }
    const auto failure = m_context.faults->takeFailure();
    if (!failure) {
        return false;
    }
    HttpHeaders retryAfter;
    if (failure->retryAfterSeconds >= 0) {
        retryAfter.append(
            qMakePair(QByteArray("Retry-After"), QByteArray::number(failure->retryAfterSeconds)));
    }
    if (failure->code == 429) {
        // API Priority and Fairness rejects with plain text, not a Status.
        retryAfter.append(qMakePair(QByteArray("X-Content-Type-Options"), QByteArray("nosniff")));
        request->sendText(429, "Too many requests, please try again later.\n", retryAfter);
        return true;
    }
    ApiError error =
        failure->code == 503
            ? ApiError::serviceUnavailable(
                  QStringLiteral("the server is currently unable to handle the request"))
            : ApiError::internal(QStringLiteral(
                  "an error on the server (\"injected fault\") has prevented the request from succeeding"));
    error.code = failure->code;
    if (failure->retryAfterSeconds >= 0) {
        error.details.insert(QStringLiteral("retryAfterSeconds"), failure->retryAfterSeconds);
    }
    request->markResponded();
    if (request->connection()) {
        HttpHeaders headers = request->commonHeaders("application/json");
        headers.append(retryAfter);
        request->connection()->sendResponse(error.code, headers, error.toJson());
    }
    return true;
}

void ApiServer::serve(const ApiRequestPtr& request) {
    const auto user =
        m_context.authenticator->authenticate(request->http(), request->connection()->peerCertificate());
    if (!user) {
        request->sendError(ApiError::unauthorized());
        return;
    }
    request->user = *user;
    if (!impersonate(request)) {
        return;
    }
    if (injectFailure(request)) {
        return;
    }
    const QString& path = request->http().path;
    if (path.startsWith(QLatin1String(controlPrefix))) {
        serveControl(request);
    } else if (request->info.isResourceRequest) {
        serveResource(request);
    } else {
        serveNonResource(request);
    }
}

bool ApiServer::impersonate(const ApiRequestPtr& request) {
    const HttpRequest& http = request->http();
    const QString userName = QString::fromUtf8(http.header("Impersonate-User"));
    QStringList groups;
    for (const auto& [name, value] : http.headers) {
        if (name.compare("Impersonate-Group", Qt::CaseInsensitive) == 0) {
            groups.append(QString::fromUtf8(value));
        }
    }
    const QString uid = QString::fromUtf8(http.header("Impersonate-Uid"));
    if (userName.isEmpty()) {
        if (!groups.isEmpty() || !uid.isEmpty()) {
            request->sendError(
                ApiError::internal(QStringLiteral("requested impersonation without a user name")));
            return false;
        }
        return true;
    }
    // Each impersonated attribute is authorized on its own, with the verb "impersonate".
    auto check = [&](const QString& resource, const QString& name) {
        Authorizer::Attributes attributes{
            QStringLiteral("impersonate"), QString(), resource, QString(), QString(), name, QString()};
        if (m_context.authorizer->allowed(request->user, attributes)) {
            return true;
        }
        ResourceType type;
        type.resource = resource;
        request->sendError(ApiError::forbidden(request->user.name, QStringLiteral("impersonate"), &type,
                                               QString(), QString(), name));
        return false;
    };
    if (!check(QStringLiteral("users"), userName)) {
        return false;
    }
    for (const QString& group : groups) {
        if (!check(QStringLiteral("groups"), group)) {
            return false;
        }
    }
    if (!uid.isEmpty() && !check(QStringLiteral("uids"), uid)) {
        return false;
    }
    UserInfo impersonated;
    impersonated.name = userName;
    impersonated.uid = uid;
    impersonated.groups = groups;
    if (userName != QLatin1String("system:anonymous") &&
        !groups.contains(QStringLiteral("system:authenticated"))) {
        impersonated.groups.append(QStringLiteral("system:authenticated"));
    }
    request->user = impersonated;
    return true;
}

void ApiServer::serveControl(const ApiRequestPtr& request) {
    if (!request->user.groups.contains(QLatin1String("system:masters"))) {
        request->sendError(ApiError::forbidden(request->user.name, QStringLiteral("post"), nullptr, QString(),
                                               QString(), QString()));
        return;
    }
    const QString path = request->http().path;
    if (path == QLatin1String("/binnacle-sim/faults")) {
        if (request->http().method == "POST") {
            const QJsonObject faults = QJsonDocument::fromJson(request->http().body).object();
            request->sendObject(200, m_context.faults->configure(faults));
        } else {
            request->sendObject(200, m_context.faults->state());
        }
        return;
    }
    if (path == QLatin1String("/binnacle-sim/churn")) {
        m_churn.serve(request);
        return;
    }
    if (path == QLatin1String("/binnacle-sim/stats")) {
        request->sendObject(
            200, QJsonObject{{QStringLiteral("requests"), qint64(m_requestCount)},
                             {QStringLiteral("activeWatches"), m_reads.activeWatches()},
                             {QStringLiteral("resourceVersion"), m_context.store()->resourceVersion()}});
        return;
    }
    request->sendError(ApiError::notFoundPath());
}

void ApiServer::serveNonResource(const ApiRequestPtr& request) {
    const QString path = request->http().path;
    Authorizer::Attributes attributes;
    attributes.nonResourcePath = path;
    attributes.verb = QString::fromLatin1(request->http().method).toLower();
    if (!m_context.authorizer->allowed(request->user, attributes)) {
        request->sendError(ApiError{403, QStringLiteral("Forbidden"),
                                    QStringLiteral("forbidden: User \"%1\" cannot %2 path \"%3\"")
                                        .arg(request->user.name, attributes.verb, path),
                                    QJsonObject()});
        return;
    }
    if (path == QLatin1String("/healthz") || path == QLatin1String("/livez") ||
        path == QLatin1String("/readyz")) {
        if (!request->http().hasQuery(QStringLiteral("verbose"))) {
            request->sendText(200, "ok");
            return;
        }
        QByteArray report;
        QList<QByteArray> checks{"ping", "log", "etcd"};
        if (path == QLatin1String("/readyz")) {
            checks << "etcd-readiness"
                   << "informer-sync";
        }
        checks << "poststarthook/start-apiextensions-controllers"
               << "poststarthook/crd-informer-synced"
               << "poststarthook/bootstrap-controller"
               << "poststarthook/rbac/bootstrap-roles";
        if (path == QLatin1String("/readyz")) {
            checks << "shutdown";
        }
        for (const QByteArray& check : checks) {
            report += "[+]" + check + " ok\n";
        }
        report += path.mid(1).toLatin1() + " check passed\n";
        request->sendText(200, report);
        return;
    }
    if (path == QLatin1String("/version") || path == QLatin1String("/version/")) {
        request->sendObject(200, versionInfo());
        return;
    }
    const ResourceRegistry& registry = *m_context.registry();
    const RequestInfo& info = request->info;
    if (path == QLatin1String("/openapi/v3") || path == QLatin1String("/openapi/v3/")) {
        request->sendObject(200, openapi::index(registry));
        return;
    }
    if (path.startsWith(QLatin1String("/openapi/v3/"))) {
        const QJsonObject document = openapi::groupVersionDocument(registry, path.mid(12));
        if (document.isEmpty()) {
            request->sendError(ApiError::notFoundPath());
        } else {
            request->sendObject(200, document);
        }
        return;
    }
    if (path == QLatin1String("/api") || path == QLatin1String("/apis") || path == QLatin1String("/api/") ||
        path == QLatin1String("/apis/")) {
        const bool core = path.startsWith(QLatin1String("/api")) && !path.startsWith(QLatin1String("/apis"));
        const QString aggregated = aggregatedDiscoveryVersion(request->http().header("Accept"));
        if (!aggregated.isEmpty()) {
            const QByteArray etag = '"' + registry.discoveryHash() + '"';
            const QByteArray contentType = "application/json;g=apidiscovery.k8s.io;v=" +
                                           aggregated.section(QLatin1Char('/'), 1).toLatin1() +
                                           ";as=APIGroupDiscoveryList";
            if (request->http().header("If-None-Match") == etag) {
                request->markResponded();
                HttpHeaders headers = request->commonHeaders(contentType);
                headers.append(qMakePair(QByteArray("ETag"), etag));
                request->connection()->sendResponse(304, headers, QByteArray());
                return;
            }
            request->markResponded();
            HttpHeaders headers = request->commonHeaders(contentType);
            headers.append(qMakePair(QByteArray("ETag"), etag));
            headers.append(qMakePair(QByteArray("Vary"), QByteArray("Accept")));
            request->connection()->sendResponse(
                200, headers,
                QJsonDocument(discovery::aggregated(registry, core, aggregated))
                        .toJson(QJsonDocument::Compact) +
                    '\n');
            return;
        }
        request->sendObject(200, core ? discovery::apiVersions(m_context.serverAddress)
                                      : discovery::apiGroupList(registry));
        return;
    }
    if (info.apiPrefix == QLatin1String("apis") && info.version.isEmpty()) {
        const QString group = path.section(QLatin1Char('/'), 2, 2);
        const QJsonObject document = discovery::apiGroup(registry, group);
        if (document.isEmpty()) {
            request->sendError(ApiError::notFoundPath());
        } else {
            request->sendObject(200, document);
        }
        return;
    }
    if (!info.version.isEmpty()) {
        const QJsonObject document = discovery::apiResourceList(registry, info.group, info.version);
        if (document.isEmpty()) {
            request->sendError(ApiError::notFoundPath());
        } else {
            request->sendObject(200, document);
        }
        return;
    }
    request->sendError(ApiError::notFoundPath());
}

void ApiServer::serveResource(const ApiRequestPtr& request) {
    RequestInfo& info = request->info;
    request->type = m_context.registry()->find(info.group, info.resource);
    if (!request->type || !request->type->servesVersion(info.version) || info.parts.size() > 3) {
        request->sendError(ApiError::notFoundPath());
        return;
    }
    const ResourceType& type = *request->type;
    if (!info.subresource.isEmpty() && !type.subresource(info.subresource)) {
        request->sendError(ApiError::notFoundPath());
        return;
    }
    if (!type.namespaced && !info.namespaceName.isEmpty() && info.resource != QLatin1String("namespaces")) {
        request->sendError(ApiError::notFoundPath());
        return;
    }
    if (type.resource == QLatin1String("namespaces") && !info.name.isEmpty()) {
        // A namespace's own requests are authorized in its namespace, as the real RequestInfo does.
        info.namespaceName.clear();
    }
    Authorizer::Attributes attributes{info.verb,          type.group, type.resource, info.subresource,
                                      info.namespaceName, info.name,  QString()};
    if (!m_context.authorizer->allowed(request->user, attributes)) {
        request->sendError(ApiError::forbidden(request->user.name, info.verb, &type, info.subresource,
                                               info.namespaceName, info.name));
        return;
    }
    const bool reviewType = type.verbs == QStringList{QStringLiteral("create")};
    if (reviewType) {
        if (info.verb == QLatin1String("create") && info.name.isEmpty()) {
            m_reviews.create(request);
        } else {
            request->sendError(ApiError::methodNotAllowed(
                QStringLiteral("the server does not allow this method on the requested resource")));
        }
        return;
    }
    const QString& verb = info.verb;
    if (info.subresource == QLatin1String("log")) {
        if (verb == QLatin1String("get")) {
            m_logs.get(request);
        } else {
            request->sendError(ApiError::methodNotAllowed(
                QStringLiteral("the server does not allow this method on the requested resource")));
        }
        return;
    }
    if (info.subresource == QLatin1String("exec")) {
        m_exec.exec(request);
        return;
    }
    if (info.subresource == QLatin1String("attach")) {
        m_attach.attach(request);
        return;
    }
    if (info.subresource == QLatin1String("portforward")) {
        m_portForward.portForward(request);
        return;
    }
    if (info.subresource == QLatin1String("eviction")) {
        PodEvictionHandler(m_context).evict(request);
        return;
    }
    if (verb == QLatin1String("get")) {
        m_reads.get(request);
    } else if (verb == QLatin1String("list")) {
        m_reads.list(request);
    } else if (verb == QLatin1String("watch")) {
        m_reads.watch(request);
    } else if (verb == QLatin1String("create")) {
        m_writes.create(request);
    } else if (verb == QLatin1String("update")) {
        m_writes.update(request);
    } else if (verb == QLatin1String("patch")) {
        m_writes.patch(request);
    } else if (verb == QLatin1String("delete")) {
        m_writes.remove(request);
    } else if (verb == QLatin1String("deletecollection")) {
        m_writes.removeCollection(request);
    } else {
        request->sendError(ApiError::methodNotAllowed(
            QStringLiteral("the server does not allow this method on the requested resource")));
    }
}

} // namespace binnacle::sim
