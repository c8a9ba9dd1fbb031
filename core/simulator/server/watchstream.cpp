#include "watchstream.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace binnacle::sim {

namespace {
// A reader that falls this far behind is cut off, as the apiserver drops watchers that cannot keep up.
constexpr qint64 maxBufferedBytes = 256LL << 20;
// ... or whose backlog of changes (history being replayed, and changes since) grows this long.
constexpr qsizetype maxBacklogEvents = 1000000;
// Bytes of a backlog written ahead of the reader.
constexpr qint64 backlogWriteAhead = 4 << 20;
} // namespace

WatchStream::WatchStream(ApiRequestPtr request, ObjectStore* store, std::shared_ptr<const ResourceType> type,
                         ObjectFilter filter, Options options, std::function<QDateTime()> clock)
    : QObject(request->connection())
    , m_request(std::move(request))
    , m_store(store)
    , m_type(std::move(type))
    , m_filter(std::move(filter))
    , m_options(std::move(options))
    , m_clock(std::move(clock))
    , m_apiVersion(m_type->apiVersion(m_options.version)) {
    if (m_options.table) {
        m_tableEncoder = std::make_unique<TableEncoder>(
            *m_type, m_options.version, m_options.table->tableVersion, m_options.includeObject, m_clock());
    }
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &WatchStream::flush);
    connect(&m_bookmarkTimer, &QTimer::timeout, this, [this] {
        // A bookmark says every change up to its resourceVersion was sent: not while a backlog remains.
        if (m_backlog.empty()) {
            sendBookmark(false);
        }
    });
    m_timeoutTimer.setSingleShot(true);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &WatchStream::end);
    connect(m_request->connection(), &HttpConnection::closed, this, [this] {
        m_ended = true;
        disconnect(m_store, nullptr, this, nullptr);
        Q_EMIT finished();
    });
}

void WatchStream::start() {
    HttpConnection* connection = m_request->connection();
    m_request->markResponded();
    connection->beginChunked(200, m_request->commonHeaders(m_options.table ? m_options.table->contentType
                                                                           : QByteArray("application/json")));
    if (m_options.forceExpired) {
        sendExpired(m_options.resourceVersion.value_or(m_store->resourceVersion()));
        return;
    }
    // The history (or the current state) is written as the client reads it, not all at once: a backlog
    // of tens of thousands of objects would otherwise sit in the socket's buffer (and trip the cut-off
    // for readers that fall behind). Changes made meanwhile queue up behind it, in order.
    if (m_options.resourceVersion && !m_options.sendInitialEvents) {
        const auto history = m_store->eventsSince(*m_options.resourceVersion);
        if (!history) {
            sendExpired(*m_options.resourceVersion);
            return;
        }
        // The store's history holds every resource type's changes: only this stream's type is replayed.
        for (const WatchEvent& event : *history) {
            if (event.typeKey == m_type->key()) {
                m_backlog.push_back(event);
            }
        }
    } else {
        for (const ObjectPtr& object : m_store->list(m_type->key(), m_filter.namespaceName())) {
            m_backlog.push_back(WatchEvent{WatchEvent::Type::Added, object->resourceVersion, m_type->key(),
                                           object->namespaceName(), object, nullptr});
        }
        m_initialEventsEndPending = m_options.sendInitialEvents;
    }
    connect(m_store, &ObjectStore::eventRecorded, this, &WatchStream::onEvent);
    connect(connection, &HttpConnection::drained, this, &WatchStream::sendBacklog);
    sendBacklog();
    if (m_options.allowBookmarks) {
        m_bookmarkTimer.start(m_options.bookmarkIntervalMs);
    }
    // Without timeoutSeconds the server picks 30 to 60 minutes, as --min-request-timeout=1800 does.
    const int timeout = m_options.timeoutSeconds > 0 ? m_options.timeoutSeconds
                                                     : 1800 + int(QRandomGenerator::global()->bounded(1800));
    m_timeoutTimer.start(qint64(timeout) * 1000 > INT_MAX ? INT_MAX : timeout * 1000);
}

void WatchStream::onEvent(const WatchEvent& event) {
    if (m_ended || event.typeKey != m_type->key()) {
        return;
    }
    if (!m_backlog.empty()) {
        m_backlog.push_back(event);
        if (qsizetype(m_backlog.size()) > maxBacklogEvents) {
            drop();
        }
        return;
    }
    deliver(event);
    if (m_request->connection() && m_request->connection()->pendingBytes() > maxBufferedBytes) {
        drop();
    }
}

void WatchStream::sendBacklog() {
    while (!m_backlog.empty() && !m_ended) {
        if (m_request->connection() &&
            m_request->connection()->pendingBytes() + m_pending.size() > backlogWriteAhead) {
            flush();
            return; // more when the connection has drained
        }
        const WatchEvent event = std::move(m_backlog.front());
        m_backlog.pop_front();
        deliver(event);
    }
    if (m_ended) {
        return;
    }
    if (m_initialEventsEndPending) {
        m_initialEventsEndPending = false;
        sendBookmark(true);
    }
    flush();
}

void WatchStream::deliver(const WatchEvent& event) {
    if (!m_filter.namespaceName().isEmpty() && event.namespaceName != m_filter.namespaceName()) {
        return;
    }
    const bool matchesNow = event.type != WatchEvent::Type::Deleted && m_filter.matches(*event.object);
    const bool matchedBefore = event.previous && m_filter.matches(*event.previous);
    if (event.type == WatchEvent::Type::Deleted) {
        if (matchedBefore) {
            sendEvent("DELETED", event.object);
        }
    } else if (event.type == WatchEvent::Type::Added) {
        if (matchesNow) {
            sendEvent("ADDED", event.object);
        }
    } else if (matchesNow && matchedBefore) {
        sendEvent("MODIFIED", event.object);
    } else if (matchesNow) {
        sendEvent("ADDED", event.object);
    } else if (matchedBefore) {
        sendEvent("DELETED", event.object);
    }
}

void WatchStream::sendEvent(const QByteArray& type, const ObjectPtr& object) {
    QByteArray line = "{\"type\":\"" + type + "\",\"object\":";
    if (m_tableEncoder) {
        // The stored object itself, not a copy: its cached JSON is shared with every other watcher and list.
        QJsonObject metadata{{QStringLiteral("resourceVersion"), QString::number(object->resourceVersion)}};
        line += m_tableEncoder->table({object}, metadata, !m_columnsSent);
        m_columnsSent = true;
    } else {
        line += object->fullJson(m_apiVersion);
    }
    line += "}\n";
    m_pending += line;
    if (m_pending.size() > (256 << 10)) {
        flush();
    } else if (!m_flushTimer.isActive()) {
        m_flushTimer.start(0);
    }
}

void WatchStream::sendBookmark(bool initialEventsEnd) {
    QJsonObject metadata{{QStringLiteral("resourceVersion"), QString::number(m_store->resourceVersion())},
                         {QStringLiteral("creationTimestamp"), QJsonValue::Null}};
    if (initialEventsEnd) {
        metadata.insert(QStringLiteral("annotations"),
                        QJsonObject{{QStringLiteral("k8s.io/initial-events-end"), QStringLiteral("true")}});
    }
    QByteArray object;
    if (m_tableEncoder) {
        QJsonObject partial{{QStringLiteral("kind"), QStringLiteral("PartialObjectMetadata")},
                            {QStringLiteral("apiVersion"), m_tableEncoder->apiVersion()},
                            {QStringLiteral("metadata"), metadata}};
        QJsonObject table{
            {QStringLiteral("kind"), QStringLiteral("Table")},
            {QStringLiteral("apiVersion"), m_tableEncoder->apiVersion()},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("resourceVersion"),
                                                      metadata.value(QLatin1String("resourceVersion"))}}},
            {QStringLiteral("columnDefinitions"),
             m_columnsSent ? QJsonValue() : QJsonValue(m_tableEncoder->columnDefinitions())},
            {QStringLiteral("rows"), QJsonArray{QJsonObject{{QStringLiteral("cells"), QJsonArray()},
                                                            {QStringLiteral("object"), partial}}}}};
        m_columnsSent = true;
        object = QJsonDocument(table).toJson(QJsonDocument::Compact);
    } else {
        QJsonObject bookmark{{QStringLiteral("kind"), m_type->kind},
                             {QStringLiteral("apiVersion"), m_apiVersion},
                             {QStringLiteral("metadata"), metadata}};
        object = QJsonDocument(bookmark).toJson(QJsonDocument::Compact);
    }
    m_pending += "{\"type\":\"BOOKMARK\",\"object\":" + object + "}\n";
    flush();
}

void WatchStream::sendExpired(qint64 requested) {
    const ApiError error = ApiError::expired(QStringLiteral("too old resource version: %1 (%2)")
                                                 .arg(requested)
                                                 .arg(m_store->compactedResourceVersion() + 1));
    m_pending += "{\"type\":\"ERROR\",\"object\":" + error.toJson().trimmed() + "}\n";
    end();
}

void WatchStream::flush() {
    if (m_pending.isEmpty() || !m_request->connection()) {
        return;
    }
    m_request->connection()->writeChunk(m_pending);
    m_pending.clear();
}

void WatchStream::end() {
    if (m_ended) {
        return;
    }
    flush();
    m_ended = true;
    disconnect(m_store, nullptr, this, nullptr);
    m_bookmarkTimer.stop();
    m_timeoutTimer.stop();
    if (m_request->connection()) {
        m_request->connection()->endChunked();
    }
    Q_EMIT finished();
    deleteLater();
}

void WatchStream::drop() {
    if (m_ended) {
        return;
    }
    m_ended = true;
    disconnect(m_store, nullptr, this, nullptr);
    if (m_request->connection()) {
        m_request->connection()->abort();
    }
}

} // namespace binnacle::sim
