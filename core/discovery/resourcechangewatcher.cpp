#include "resourcechangewatcher.h"

#include "clientlogging.h"
#include "clustertransport.h"
#include "listpageparser.h"

#include <QRandomGenerator>
#include <algorithm>

namespace binnacle::discovery {

using transport::ApiError;
using transport::ApiResult;

namespace {

constexpr int initialBackoffMs = 800;
constexpr int maxBackoffMs = 30000;

// A 403 (no permission) or 404/405 (no such collection) will not heal by retrying.
bool isPermanent(const ApiError& error) {
    const int code = error.httpStatus();
    return error.kind() == ApiError::Kind::Status && (code == 403 || code == 404 || code == 405);
}

} // namespace

ResourceChangeWatcher::ResourceChangeWatcher(transport::ClusterTransport* transport, QString collectionPath,
                                             QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_path(std::move(collectionPath)) {
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_relistNeeded || m_resourceVersion.isEmpty()) {
            list();
        } else {
            watch();
        }
    });
}

void ResourceChangeWatcher::start() {
    if (!m_request.isActive() && !m_retryTimer.isActive()) {
        list();
    }
}

void ResourceChangeWatcher::list() {
    m_relistNeeded = false;
    transport::ApiRequestSpec spec;
    spec.path = m_path;
    // Only the list's resourceVersion is wanted; one item keeps the answer small.
    spec.query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
    spec.priority = transport::Priority::Background;
    m_request = m_transport->send(spec, this, [this](const ApiResult& result) {
        if (!result.ok()) {
            if (isPermanent(*result.error)) {
                stopFor(*result.error);
                return;
            }
            qCInfo(client::lcDiscovery).noquote()
                << "listing" << m_path << "failed:" << result.error->message();
            retryLater(true);
            return;
        }
        QString error;
        const std::optional<client::ListPage> page =
            client::ListPageParser().parse(result.response.body, &error);
        if (!page || page->resourceVersion.isEmpty()) {
            qCWarning(client::lcDiscovery).noquote() << "unreadable list of" << m_path << error;
            retryLater(true);
            return;
        }
        m_resourceVersion = page->resourceVersion;
        if (std::exchange(m_listedOnce, true)) {
            Q_EMIT changed(); // events may have been missed while the watch was down
        }
        watch();
    });
}

void ResourceChangeWatcher::watch() {
    m_parser.reset();
    transport::ApiRequestSpec spec;
    spec.path = m_path;
    spec.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
    spec.query.addQueryItem(QStringLiteral("resourceVersion"), m_resourceVersion);
    spec.query.addQueryItem(QStringLiteral("allowWatchBookmarks"), QStringLiteral("true"));
    // client-go rotates watches after a random 5 to 10 minutes so that they spread over API servers.
    spec.query.addQueryItem(QStringLiteral("timeoutSeconds"),
                            QString::number(300 + QRandomGenerator::global()->bounded(300)));
    spec.priority = transport::Priority::Background;
    transport::StreamHandlers handlers;
    handlers.onResponse = [this](const transport::ApiResponse&) {
        m_watching = true;
        m_failures = 0;
    };
    handlers.onData = [this](const QByteArray& bytes) { onEvents(m_parser.feed(bytes)); };
    handlers.onFinished = [this](const ApiResult& result) { onWatchFinished(result); };
    m_request = m_transport->openStream(spec, this, std::move(handlers));
}

void ResourceChangeWatcher::onEvents(const client::WatchStreamParser::Result& parsed) {
    bool anyChange = false;
    for (const client::WatchEvent& event : parsed.events) {
        if (event.type == client::WatchEvent::Type::Error) {
            qCInfo(client::lcDiscovery).noquote()
                << "watch of" << m_path << "ended by the server:" << event.status.code
                << event.status.message;
            m_relistNeeded = true; // 410 Expired, or anything else: start over from a fresh list
            continue;
        }
        if (!event.resourceVersion.isEmpty()) {
            m_resourceVersion = event.resourceVersion;
        }
        anyChange = anyChange || event.type != client::WatchEvent::Type::Bookmark;
    }
    if (anyChange) {
        Q_EMIT changed();
    }
}

void ResourceChangeWatcher::onWatchFinished(const ApiResult& result) {
    m_watching = false;
    onEvents(m_parser.finish());
    if (!result.ok()) {
        if (isPermanent(*result.error)) {
            stopFor(*result.error);
            return;
        }
        if (result.error->kind() == ApiError::Kind::Status && result.error->httpStatus() == 410) {
            m_relistNeeded = true;
        }
        qCInfo(client::lcDiscovery).noquote() << "watch of" << m_path << "failed:" << result.error->message();
        retryLater(m_relistNeeded);
        return;
    }
    if (m_relistNeeded) {
        list(); // as client-go after 410 Expired: at once, from a fresh list
        return;
    }
    watch(); // the server's timeout rotation: resume where we were
}

void ResourceChangeWatcher::retryLater(bool relist) {
    m_relistNeeded = m_relistNeeded || relist;
    const int delay = std::min(maxBackoffMs, initialBackoffMs << std::min(m_failures, 6));
    ++m_failures;
    m_retryTimer.start(delay);
}

void ResourceChangeWatcher::stopFor(const ApiError& error) {
    m_watching = false;
    qCWarning(client::lcDiscovery).noquote()
        << "not watching" << m_path << "(" << error.message() << "): discovery refreshes on demand only";
}

} // namespace binnacle::discovery
