#include "discoveryclient.h"

#include "clientlogging.h"
#include "clustertransport.h"
#include "resourcechangewatcher.h"

#include <QCryptographicHash>
#include <algorithm>

namespace binnacle::discovery {

using client::ApiResource;
using client::DiscoveryModel;

namespace {

// What discovery says, independent of the bytes it was said in: cached bodies are re-serialised, and a
// server may reorder keys, so comparing documents would report changes that are none.
QByteArray fingerprintOf(const DiscoveryModel& model, const QStringList& staleGroupVersions) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const auto add = [&hash](const QString& text) {
        hash.addData(text.toUtf8());
        hash.addData(QByteArrayView("\x1f", 1));
    };
    for (const client::ApiGroupInfo& group : model.groups()) {
        add(group.name);
        add(group.versions.join(QLatin1Char(',')));
        add(group.preferredVersion);
    }
    for (const ApiResource& resource : model.resources()) {
        add(resource.groupVersion());
        add(resource.resource);
        add(resource.singular);
        add(resource.kind);
        add(resource.namespaced ? QStringLiteral("ns") : QStringLiteral("cluster"));
        add(resource.verbs.join(QLatin1Char(',')));
        add(resource.shortNames.join(QLatin1Char(',')));
        add(resource.categories.join(QLatin1Char(',')));
        for (const client::ApiSubresource& subresource : resource.subresources) {
            add(subresource.name + QLatin1Char(':') + subresource.group + QLatin1Char('/') +
                subresource.version + QLatin1Char(':') + subresource.kind + QLatin1Char(':') +
                subresource.verbs.join(QLatin1Char(',')));
        }
    }
    add(staleGroupVersions.join(QLatin1Char(',')));
    return hash.result();
}

QStringList staleGroupVersionsOf(const DiscoveryModel& model, const QStringList& failedGroupVersions) {
    QStringList stale;
    for (const client::ApiGroupInfo& group : model.groups()) {
        for (const QString& version : group.staleVersions) {
            stale.append(group.name.isEmpty() ? version : group.name + QLatin1Char('/') + version);
        }
    }
    for (const QString& groupVersion : failedGroupVersions) {
        if (!stale.contains(groupVersion)) {
            stale.append(groupVersion);
        }
    }
    stale.sort();
    return stale;
}

std::optional<ApiResource> findResource(const DiscoveryModel& model, const QString& group,
                                        const QString& resource) {
    for (const ApiResource& candidate : model.preferredResources()) {
        if (candidate.group == group && candidate.resource == resource &&
            candidate.supportsVerb(QStringLiteral("list")) &&
            candidate.supportsVerb(QStringLiteral("watch"))) {
            return candidate;
        }
    }
    return std::nullopt;
}

} // namespace

DiscoveryClient::DiscoveryClient(transport::ClusterTransport* transport, client::DiscoveryCache cache,
                                 DiscoveryOptions options, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_cache(std::move(cache))
    , m_options(options) {
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DiscoveryClient::refresh);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &DiscoveryClient::refresh);
}

DiscoveryClient::~DiscoveryClient() = default;

QString DiscoveryClient::serverUrl() const {
    return m_transport->endpoint().server.toString();
}

void DiscoveryClient::start() {
    if (std::exchange(m_started, true)) {
        return;
    }
    if (m_options.useCache) {
        loadCache();
    }
    startFetch();
}

void DiscoveryClient::loadCache() {
    // A few hundred KB at most, read once per cluster: cheap enough to do here, and it lets the first
    // snapshot exist before anything else asks for it.
    QString error;
    std::optional<client::CachedDiscovery> cached = m_cache.load(serverUrl(), &error);
    if (!cached) {
        if (!error.isEmpty()) {
            qCWarning(client::lcDiscovery).noquote() << "ignoring the discovery cache:" << error;
        }
        return;
    }
    qCDebug(client::lcDiscovery) << "discovery of" << serverUrl() << "from the cache of" << cached->fetchedAt;
    publish(std::move(cached->model), true, cached->fetchedAt, {});
}

void DiscoveryClient::refresh() {
    if (!m_started) {
        start();
        return;
    }
    if (m_fetch) {
        m_refreshAgain = true;
        return;
    }
    startFetch();
}

void DiscoveryClient::startFetch() {
    m_retryTimer.stop();
    m_refreshAgain = false;
    QList<client::DiscoveryDocument> held;
    if (m_snapshot) {
        held = m_snapshot->model.documents();
    }
    m_fetch = new DiscoveryFetch(
        m_transport, m_options.protocol, std::move(held),
        [this](const FetchOutcome& outcome) { onFetched(outcome); }, this);
    m_fetch->start();
}

void DiscoveryClient::onFetched(const FetchOutcome& outcome) {
    m_fetch = nullptr;
    m_lastStatistics = outcome.statistics;
    DiscoveryModel model;
    QString parseError;
    std::optional<transport::ApiError> error = outcome.error;
    if (!error && !DiscoveryModel::fromDocuments(outcome.documents, &model, &parseError)) {
        error = transport::ApiError(transport::ApiError::Kind::Network,
                                    QStringLiteral("Unreadable discovery document: %1").arg(parseError));
    }
    if (error) {
        m_lastError = error;
        const auto delay =
            std::min(m_options.retryMax, m_options.retryInitial * (1 << std::min(m_failures, 10)));
        ++m_failures;
        qCWarning(client::lcDiscovery).noquote()
            << "discovery of" << serverUrl() << "failed:" << error->message() << "- retrying in"
            << delay.count() << "ms";
        Q_EMIT refreshFailed(*error);
        if (m_refreshAgain) {
            startFetch();
        } else {
            m_retryTimer.start(delay);
        }
        return;
    }
    m_failures = 0;
    m_lastError.reset();
    const bool downloaded = outcome.statistics.downloaded > 0 || !m_snapshot;
    const QDateTime fetchedAt = downloaded ? QDateTime::currentDateTimeUtc() : m_snapshot->fetchedAt;
    if (downloaded && m_options.useCache) {
        QString saveError;
        if (!m_cache.save(serverUrl(), model, fetchedAt, &saveError)) {
            qCWarning(client::lcDiscovery).noquote() << "cannot write the discovery cache:" << saveError;
        }
    }
    publish(std::move(model), false, fetchedAt, outcome.failedGroupVersions);
    ensureWatchers();
    Q_EMIT refreshed();
    if (m_refreshAgain) {
        startFetch();
    }
}

void DiscoveryClient::publish(DiscoveryModel model, bool fromCache, const QDateTime& fetchedAt,
                              const QStringList& failedGroupVersions) {
    auto snapshot = std::make_shared<DiscoverySnapshot>();
    snapshot->staleGroupVersions = staleGroupVersionsOf(model, failedGroupVersions);
    snapshot->mapper = client::RestMapper(model);
    snapshot->model = std::move(model);
    snapshot->fromCache = fromCache;
    snapshot->fetchedAt = fetchedAt;
    snapshot->generation = m_snapshot ? m_snapshot->generation + 1 : 1;
    QByteArray fingerprint = fingerprintOf(snapshot->model, snapshot->staleGroupVersions);
    const bool changedContent = !m_snapshot || fingerprint != m_fingerprint;
    if (changedContent && !snapshot->staleGroupVersions.isEmpty()) {
        qCWarning(client::lcDiscovery).noquote()
            << "discovery of" << serverUrl() << "is incomplete; stale group versions:"
            << snapshot->staleGroupVersions.join(QStringLiteral(", "));
    }
    m_snapshot = std::move(snapshot);
    m_fingerprint = std::move(fingerprint);
    if (changedContent) {
        Q_EMIT changed();
    }
}

void DiscoveryClient::ensureWatchers() {
    if (!m_options.watchDefinitions) {
        return;
    }
    watch(QStringLiteral("apiextensions.k8s.io"), QStringLiteral("customresourcedefinitions"),
          &m_definitionWatcher);
    watch(QStringLiteral("apiregistration.k8s.io"), QStringLiteral("apiservices"), &m_apiServiceWatcher);
}

void DiscoveryClient::watch(const QString& group, const QString& resource, ResourceChangeWatcher** watcher) {
    if (*watcher != nullptr) {
        return;
    }
    const std::optional<ApiResource> served = findResource(m_snapshot->model, group, resource);
    if (!served) {
        return;
    }
    *watcher = new ResourceChangeWatcher(m_transport, served->collectionPath(), this);
    connect(*watcher, &ResourceChangeWatcher::changed, this, [this] {
        if (!m_refreshTimer.isActive()) {
            m_refreshTimer.start(m_options.refreshDelay);
        }
    });
    (*watcher)->start();
}

bool DiscoveryClient::isWatchingDefinitions() const {
    const bool definitions = m_definitionWatcher != nullptr && m_definitionWatcher->isWatching();
    const bool apiServices = m_apiServiceWatcher == nullptr || m_apiServiceWatcher->isWatching();
    return definitions && apiServices;
}

} // namespace binnacle::discovery
