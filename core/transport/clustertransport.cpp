#include "clustertransport_p.h"
#include "endpointnetwork.h"
#include "oneshotbody.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcTransport, "binnacle.transport", QtInfoMsg)

namespace binnacle::transport {

using std::chrono::milliseconds;

namespace {

QNetworkRequest::Priority networkPriority(Priority priority) {
    switch (priority) {
    case Priority::Interactive:
        return QNetworkRequest::HighPriority;
    case Priority::Normal:
        return QNetworkRequest::NormalPriority;
    case Priority::Background:
        return QNetworkRequest::LowPriority;
    }
    return QNetworkRequest::NormalPriority;
}

} // namespace

ClusterTransport::ClusterTransport(ClusterEndpoint endpoint, CredentialProvider* credentials,
                                   TransportOptions options, QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_credentials(credentials)
    , m_hasCredentialProvider(credentials != nullptr)
    , m_options(std::move(options)) {
    if (m_options.clock == nullptr) {
        // A child, so that moving the transport to a worker thread moves its timers too.
        m_ownClock = new SystemClock(this);
    }
    m_clock = m_options.clock != nullptr ? m_options.clock : m_ownClock;
    m_scheduler = std::make_unique<RequestScheduler>(m_clock, m_options.maxConcurrentRequests,
                                                     TokenBucket(m_options.qps, m_options.burst));
    m_stats = new TransportStats(this);
    m_manager = new QNetworkAccessManager(this);

    m_sslConfiguration = transport::sslConfigurationFor(m_endpoint, &m_setupError);
    if (!m_endpoint.server.isValid() || m_endpoint.server.scheme().isEmpty()) {
        m_setupError =
            QStringLiteral("The cluster's server URL \"%1\" is not valid").arg(m_endpoint.server.toString());
    }
    m_proxy = transport::proxyFor(m_endpoint.proxyUrl, &m_setupError);
    m_manager->setProxy(m_proxy);
}

ClusterTransport::~ClusterTransport() {
    // Cancel everything so that no timer of an injected clock outlives us.
    while (!m_requests.empty()) {
        teardown(m_requests.begin()->first);
    }
}

double ClusterTransport::random() {
    return m_options.random ? m_options.random() : QRandomGenerator::global()->generateDouble();
}

ClusterTransport::Pending* ClusterTransport::find(quint64 id) const {
    const auto found = m_requests.find(id);
    return found == m_requests.end() ? nullptr : found->second.get();
}

bool ClusterTransport::isActive(quint64 id) const {
    return find(id) != nullptr;
}

void ClusterTransport::setMaxConcurrentRequests(int maxConcurrent) {
    m_scheduler->setMaxConcurrent(maxConcurrent);
    schedulePump();
}

RequestHandle ClusterTransport::send(ApiRequestSpec spec, QObject* context, ResponseCallback callback) {
    auto pending = std::make_unique<Pending>();
    pending->spec = std::move(spec);
    pending->callback = std::move(callback);
    pending->hasContext = context != nullptr;
    pending->context = context;
    return begin(std::move(pending));
}

RequestHandle ClusterTransport::openStream(ApiRequestSpec spec, QObject* context, StreamHandlers handlers) {
    auto pending = std::make_unique<Pending>();
    pending->spec = std::move(spec);
    pending->streaming = true;
    pending->handlers = std::make_shared<StreamHandlers>(std::move(handlers));
    pending->hasContext = context != nullptr;
    pending->context = context;
    return begin(std::move(pending));
}

RequestHandle ClusterTransport::begin(std::unique_ptr<Pending> pending) {
    const quint64 id = m_nextId++;
    Pending* request = pending.get();
    request->id = id;
    m_requests.emplace(id, std::move(pending));
    if (request->hasContext) {
        request->contextConnection =
            connect(request->context, &QObject::destroyed, this, [this, id] { cancel(id); });
    }
    const milliseconds deadline =
        request->spec.deadline.count() > 0 ? request->spec.deadline : m_options.defaultDeadline;
    if (deadline.count() > 0) {
        request->deadlineAt = m_clock->now() + deadline;
        request->deadlineTimer = m_clock->callAfter(deadline, [this, id, deadline] {
            Pending* expired = find(id);
            if (expired == nullptr) {
                return;
            }
            expired->deadlineTimer = 0;
            ApiError error(ApiError::Kind::DeadlineExceeded,
                           QStringLiteral("The request did not complete within %1 s")
                               .arg(double(deadline.count()) / 1000.0),
                           expired->lastError ? expired->lastError->message() : QString());
            ApiResult result;
            result.error = error;
            complete(expired, std::move(result));
        });
    }
    enqueueAttempt(request);
    return RequestHandle(this, id);
}

void ClusterTransport::enqueueAttempt(Pending* pending) {
    pending->state = Pending::State::Queued;
    const quint64 id = pending->id;
    m_scheduler->enqueue(id, pending->spec.priority, !pending->streaming, [this, id] { startAttempt(id); });
    schedulePump();
    updateGauges();
}

void ClusterTransport::schedulePump() {
    if (m_pumpScheduled) {
        return;
    }
    m_pumpScheduled = true;
    // Deferred, so that callbacks never run inside send() and a batch of sends is ordered by
    // priority before any of it starts.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_pumpScheduled = false;
            m_scheduler->pump();
            updateGauges();
        },
        Qt::QueuedConnection);
}

void ClusterTransport::startQueuedNow() {
    if (!m_pumpScheduled) {
        return;
    }
    // The queued pump still runs later and finds nothing left to start.
    m_pumpScheduled = false;
    m_scheduler->pump();
    updateGauges();
}

void ClusterTransport::startAttempt(quint64 id) {
    Pending* pending = find(id);
    if (pending == nullptr) {
        return;
    }
    pending->holdsSlot = !pending->streaming;
    pending->state = Pending::State::Authorizing;
    if (!m_setupError.isEmpty()) {
        ApiResult result;
        result.error = ApiError(ApiError::Kind::Network, m_setupError);
        complete(pending, std::move(result));
        return;
    }
    if (!m_hasCredentialProvider) {
        dispatch(id, Credentials());
        return;
    }
    if (!m_credentials) {
        ApiResult result;
        result.error =
            ApiError(ApiError::Kind::Credential, QStringLiteral("The credential provider is gone"));
        complete(pending, std::move(result));
        return;
    }
    QPointer<ClusterTransport> self(this);
    m_credentials->requestCredentials(
        [self, id](const Credentials& credentials, const std::optional<CredentialError>& error) {
            if (!self) {
                return;
            }
            Pending* waiting = self->find(id);
            if (waiting == nullptr || waiting->state != Pending::State::Authorizing) {
                return; // cancelled, or timed out, while credentials were made
            }
            if (error) {
                ApiResult result;
                result.error = ApiError(ApiError::Kind::Credential, error->message, error->detail);
                self->complete(waiting, std::move(result));
                return;
            }
            self->dispatch(id, credentials);
        });
}

QNetworkAccessManager* ClusterTransport::managerFor(Pending* pending) {
    if (!pending->streaming) {
        return m_manager;
    }
    // Fill the least busy stream pool; open another when all are at Qt's per-host connection
    // count (HTTP/1.1). Over HTTP/2 streams multiplex on one connection, so a pool holds many.
    const int perPool = m_http2Seen ? 100 : 6;
    int best = -1;
    for (int index = 0; index < int(m_streamManagers.size()); ++index) {
        if (m_streamManagers[std::size_t(index)].second < perPool &&
            (best < 0 ||
             m_streamManagers[std::size_t(index)].second < m_streamManagers[std::size_t(best)].second)) {
            best = index;
        }
    }
    if (best < 0) {
        auto* manager = new QNetworkAccessManager(this);
        manager->setProxy(m_proxy);
        m_streamManagers.emplace_back(manager, 0);
        best = int(m_streamManagers.size()) - 1;
    }
    ++m_streamManagers[std::size_t(best)].second;
    pending->streamManager = best;
    return m_streamManagers[std::size_t(best)].first;
}

void ClusterTransport::dispatch(quint64 id, const Credentials& credentials) {
    Pending* pending = find(id);
    if (pending == nullptr) {
        return;
    }
    const ApiRequestSpec& spec = pending->spec;
    QUrl url = m_endpoint.server;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/'))) {
        basePath.chop(1);
    }
    url.setPath(basePath + spec.path);
    // QUrlQuery leaves '+' as it is, but the API server (Go's url.ParseQuery) reads '+' as a space: a
    // selector value holding a '+' would change meaning on the way. Everything else QUrlQuery already
    // encodes.
    QString query = spec.query.toString(QUrl::FullyEncoded);
    query.replace(QLatin1Char('+'), QLatin1String("%2B"));
    url.setQuery(query, QUrl::StrictMode);

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    // Redirects would carry the bearer token to wherever they point: surface them instead.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setPriority(networkPriority(spec.priority));
    request.setTransferTimeout(0);
    request.setRawHeader("User-Agent", m_options.userAgent);
    if (!spec.accept.isEmpty()) {
        request.setRawHeader("Accept", spec.accept);
    }
    if (!spec.contentType.isEmpty()) {
        request.setRawHeader("Content-Type", spec.contentType);
    }
    for (const RawHeader& header : spec.headers) {
        request.setRawHeader(header.first, header.second);
    }
    for (const auto& header : credentials.headers) {
        request.setRawHeader(header.first, header.second);
    }
    QSslConfiguration ssl = m_sslConfiguration;
    if (!credentials.clientCertificate.isNull()) {
        ssl.setLocalCertificate(credentials.clientCertificate);
        ssl.setPrivateKey(credentials.clientKey);
        // Pooled connections keep the certificate they were opened with: after a rotation
        // (exec plugin, renewed file) idle connections must not be reused.
        const QByteArray digest = credentials.clientCertificate.digest(QCryptographicHash::Sha256);
        if (!m_lastClientCertificateDigest.isEmpty() && digest != m_lastClientCertificateDigest) {
            m_manager->clearConnectionCache();
        }
        m_lastClientCertificateDigest = digest;
    }
    request.setSslConfiguration(ssl);
    if (!m_endpoint.tlsServerName.isEmpty()) {
        request.setPeerVerifyName(m_endpoint.tlsServerName);
    }

    QNetworkAccessManager* manager = managerFor(pending);
    QNetworkReply* reply = nullptr;
    if (isRead(spec.method)) {
        reply = spec.body.isEmpty() && spec.method == "GET"
                    ? manager->get(request)
                    : manager->sendCustomRequest(request, spec.method, spec.body);
    } else {
        // Writes go out exactly once per attempt (see OneShotBody); the transport's own retry policy decides
        // whether another attempt is safe.
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        request.setHeader(QNetworkRequest::ContentLengthHeader, spec.body.size());
        auto* body = new OneShotBody(spec.body);
        reply = manager->sendCustomRequest(request, spec.method, body);
        body->setParent(reply);
    }
    pending->reply = reply;
    pending->sslErrors.clear();
    pending->state = Pending::State::InFlight;
    pending->attemptStartedAt = m_clock->now();
    m_stats->addBytesSent(spec.body.size());
    qCDebug(lcTransport) << "attempt" << id << spec.method << spec.path << "retry" << pending->retries;

    connect(reply, &QNetworkReply::sslErrors, this, [this, id, reply](const QList<QSslError>& errors) {
        if (Pending* owner = find(id); owner != nullptr && owner->reply == reply) {
            owner->sslErrors = errors;
        }
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, id, reply] { onMetaData(id, reply); });
    connect(reply, &QNetworkReply::readyRead, this, [this, id, reply] { onReadyRead(id, reply); });
    connect(reply, &QNetworkReply::finished, this, [this, id, reply] { onFinished(id, reply); });
    updateGauges();
}

void ClusterTransport::updateGauges() {
    int inFlight = 0;
    for (const auto& [id, pending] : m_requests) {
        if (!pending->streaming &&
            (pending->state == Pending::State::Authorizing || pending->state == Pending::State::InFlight)) {
            ++inFlight;
        }
    }
    m_stats->setInFlight(inFlight);
    m_stats->setQueued(m_scheduler->queued());
}

} // namespace binnacle::transport
