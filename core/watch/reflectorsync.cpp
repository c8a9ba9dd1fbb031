// Reflector: the traffic — list pages, watch streams, WatchList — and what each answer leads to.
#include "clientlogging.h"
#include "reflector_p.h"
#include "watchrequests.h"

namespace binnacle::watch {

using client::lcWatch;
using std::chrono::milliseconds;
using transport::ApiError;

namespace {

// A watch that delivered nothing and closed within this time did not work, whatever its status said.
constexpr milliseconds shortestHealthyWatch{1000};

bool isExpired(const ApiError& error) {
    if (error.kind() != ApiError::Kind::Status) {
        return false;
    }
    const transport::ApiStatus& status = error.status();
    if (status.code == 410 || status.reason == QLatin1String("Expired") ||
        status.reason == QLatin1String("Gone")) {
        return true;
    }
    // The server has not caught up with the resourceVersion asked for: client-go relists as for 410.
    return std::any_of(status.causes.begin(), status.causes.end(), [](const transport::StatusCause& cause) {
        return cause.reason == QLatin1String("ResourceVersionTooLarge");
    });
}

ApiError errorFromStatus(const client::ApiStatus& status) {
    transport::ApiStatus converted;
    converted.code = status.code;
    converted.reason =
        status.reason.isEmpty() ? transport::ApiStatus::reasonForHttpCode(status.code) : status.reason;
    converted.message = status.message;
    return ApiError::fromStatus(converted);
}

} // namespace

void Reflector::Private::requestListPage() {
    phase = Phase::Listing;
    if (continueToken.isEmpty()) {
        listAnnounced = false; // a new list: the consumer gets a new listStarted with its first page
    }
    sendListPage(continueToken);
}

void Reflector::Private::sendListPage(const QString& token) {
    // The first list may come from the server's cache ("0"); a relist after 410 or a failure must not (the
    // cache may be what fell behind), so it is a consistent read.
    const QString version = firstSync && options.firstListFromCache ? QStringLiteral("0") : QString();
    transport::ApiRequestSpec spec = requests::listPage(q->m_target, options.pageSize, token, version);
    // The first sync is what a user waits for; later relists refresh data already on screen.
    spec.priority = firstSync ? transport::Priority::Normal : transport::Priority::Background;
    const quint64 expected = generation;
    request = transport->send(std::move(spec), q, [this, expected](const transport::ApiResult& result) {
        if (generation != expected) {
            return;
        }
        if (readingPage) {
            // The next page failed at once while this one is still being read: handled right after it.
            QMetaObject::invokeMethod(
                q,
                [this, expected, result] {
                    if (generation == expected) {
                        request = transport::RequestHandle();
                        onListPage(result);
                    }
                },
                Qt::QueuedConnection);
            return;
        }
        request = transport::RequestHandle();
        onListPage(result);
    });
}

void Reflector::Private::onListPage(const transport::ApiResult& result) {
    if (!result.ok()) {
        if (isExpired(*result.error) && !continueToken.isEmpty()) {
            // The continue token outlived the server's history: the pages delivered so far cannot be
            // completed consistently, so the list starts over (a new listStarted).
            qCInfo(lcWatch).noquote()
                << q->m_target.resource.groupResource() << "continue token expired; restarting the list";
            continueToken.clear();
            requestListPage();
            return;
        }
        fail(*result.error); // keeps the continue token: the retry goes on with the same list
        return;
    }
    // The next page is asked for as soon as this one's metadata names it, so that the server produces it
    // while this one is parsed and stored. `continueToken` still names this page until it is delivered:
    // a failure from here on cancels the next request and retries this page.
    const quint64 expected = generation;
    bool nextRequested = false;
    const auto requestNext = [&](const client::ListPage& head) {
        if (!head.isLastPage() && generation == expected && !nextRequested && transport) {
            nextRequested = true;
            sendListPage(head.continueToken);
            transport->startQueuedNow();
        }
    };
    QString parseError;
    readingPage = true;
    std::optional<client::ListPage> page =
        listParser.parseInPlace(result.response.body, &parseError, requestNext);
    readingPage = false;
    if (!page) {
        fail(ApiError(ApiError::Kind::Network,
                      QStringLiteral("The list could not be read: %1").arg(parseError)));
        return;
    }
    heard();
    if (!listAnnounced) {
        listAnnounced = true;
        Q_EMIT q->listStarted();
    }
    if (generation != expected) {
        return;
    }
    updateColumns(page->tableColumns);
    if (generation != expected) {
        return;
    }
    Q_EMIT q->listPage(page->items);
    if (generation != expected) {
        return;
    }
    if (!page->isLastPage()) {
        continueToken = page->continueToken;
        if (!nextRequested) { // the metadata came after the items
            requestListPage();
        }
        return;
    }
    continueToken.clear();
    snapshotComplete(page->resourceVersion);
    if (generation == expected) {
        openWatch(false);
    }
}

void Reflector::Private::snapshotComplete(const QString& resourceVersion) {
    q->m_status.resourceVersion = resourceVersion;
    needsSnapshot = false;
    firstSync = false;
    snapshotOnly = true;
    listAnnounced = false;
    Q_EMIT q->listFinished(resourceVersion);
}

void Reflector::Private::openWatch(bool initialEvents) {
    phase = initialEvents ? Phase::StreamingList : Phase::Watching;
    streamParser.reset();
    initialObjects.clear();
    watchOpened = false;
    watchHeardFrom = false;
    watchTimeoutAsked = requests::watchTimeout(options.minWatchTimeout, random());
    transport::ApiRequestSpec spec =
        initialEvents ? requests::watchList(q->m_target, watchTimeoutAsked)
                      : requests::watchFrom(q->m_target, q->m_status.resourceVersion, watchTimeoutAsked);
    spec.priority =
        initialEvents && !firstSync ? transport::Priority::Background : transport::Priority::Normal;
    const quint64 expected = generation;
    transport::StreamHandlers handlers;
    handlers.onResponse = [this, expected](const transport::ApiResponse&) {
        if (generation == expected) {
            onWatchOpened();
        }
    };
    handlers.onData = [this, expected](const QByteArray& bytes) {
        if (generation == expected) {
            onWatchData(bytes);
        }
    };
    handlers.onFinished = [this, expected](const transport::ApiResult& result) {
        if (generation == expected) {
            request = transport::RequestHandle();
            onWatchFinished(result);
        }
    };
    request = transport->openStream(std::move(spec), q, std::move(handlers));
}

void Reflector::Private::onWatchOpened() {
    watchOpened = true;
    watchOpenedAt = clock->now();
    lastHeardAt = watchOpenedAt;
    if (phase == Phase::StreamingList) {
        // The initial events that follow are the snapshot; Live comes with their end marker.
        listAnnounced = true;
        Q_EMIT q->listStarted();
        return;
    }
    setState(ReflectorState::Live, 0, QString());
}

void Reflector::Private::onWatchData(const QByteArray& bytes) {
    client::WatchStreamParser::Result parsed = streamParser.feed(bytes);
    for (const client::WatchStreamError& error : parsed.errors) {
        // Never the excerpt: it may hold a Secret's data.
        qCWarning(lcWatch).noquote() << q->m_target.resource.groupResource() << "watch line"
                                     << error.lineNumber << "skipped:" << error.message;
    }
    deliver(std::move(parsed.events));
}

bool Reflector::Private::deliver(QList<client::WatchEvent> events) {
    if (events.isEmpty()) {
        return true;
    }
    const quint64 expected = generation;
    heard();
    updateColumns(streamParser.tableColumns());
    if (generation != expected) {
        return false;
    }
    QList<client::WatchEvent> batch;
    if (phase == Phase::Watching) {
        batch.reserve(events.size()); // (while streaming a list, the events go to initialObjects)
    }
    const auto flush = [&] {
        if (!initialObjects.isEmpty()) {
            Q_EMIT q->listPage(std::exchange(initialObjects, {}));
        }
        if (generation == expected && !batch.isEmpty()) {
            Q_EMIT q->eventsReceived(std::exchange(batch, {}));
        }
        return generation == expected;
    };
    for (client::WatchEvent& event : events) { // moved on, not copied: `events` is this call's own
        if (event.type == client::WatchEvent::Type::Error) {
            return flush() && onStreamError(event.status);
        }
        if (phase == Phase::StreamingList) {
            if (event.type == client::WatchEvent::Type::Added) {
                initialObjects.append(std::move(event.object));
                continue;
            }
            if (event.type != client::WatchEvent::Type::Bookmark || !event.initialEventsEnd) {
                // A server that ignores sendInitialEvents sends a plain watch: its snapshot has no end.
                refuseWatchList(QStringLiteral("the stream has no initial-events-end bookmark"));
                return false;
            }
            if (!flush()) {
                return false;
            }
            phase = Phase::Watching;
            snapshotComplete(event.resourceVersion);
            if (generation != expected) {
                return false;
            }
            setState(ReflectorState::Live, 0, QString());
            if (generation != expected) {
                return false;
            }
            continue;
        }
        if (!watchHeardFrom) {
            // This watch works: failures from now on start again from the initial backoff.
            watchHeardFrom = true;
            snapshotOnly = false;
            backoff.reset();
        }
        q->m_status.resourceVersion = event.resourceVersion;
        if (event.type != client::WatchEvent::Type::Bookmark) {
            batch.append(std::move(event));
        }
    }
    return flush();
}

bool Reflector::Private::onStreamError(const client::ApiStatus& status) {
    const ApiError error = errorFromStatus(status);
    if (status.isExpired() || status.isResourceVersionTooLarge()) {
        expire(error);
    } else {
        fail(error);
    }
    return false;
}

void Reflector::Private::expire(const ApiError& error) {
    const bool healthy = watchWasHealthy();
    cancelWork();
    needsSnapshot = true;
    continueToken.clear();
    if (snapshotOnly && !healthy) {
        // A fresh snapshot whose watch expired at once: relisting at full speed would only loop.
        fail(error);
        return;
    }
    qCInfo(lcWatch).noquote() << q->m_target.resource.groupResource() << "watch expired; relisting";
    beginAttempt();
}

void Reflector::Private::refuseWatchList(const QString& why) {
    qCInfo(lcWatch).noquote() << q->m_target.resource.groupResource()
                              << "WatchList not available; using list+watch:" << why;
    cancelWork();
    watchListRefused = true;
    q->m_status.usingWatchList = false;
    needsSnapshot = true;
    continueToken.clear();
    beginAttempt();
}

bool Reflector::Private::watchEndedEarly() const {
    if (!watchOpened) {
        return true;
    }
    // The server starts its timer a little before the client sees the headers: allow for that.
    const milliseconds timeout = watchTimeoutAsked;
    const milliseconds allowance = std::min<milliseconds>(milliseconds(1000), timeout / 2);
    return clock->now() - watchOpenedAt < timeout - allowance;
}

bool Reflector::Private::watchWasHealthy() const {
    return watchOpened && (watchHeardFrom || clock->now() - watchOpenedAt >= shortestHealthyWatch);
}

void Reflector::Private::onWatchFinished(const transport::ApiResult& result) {
    qCDebug(lcWatch).noquote() << q->m_target.resource.groupResource() << "watch ended:"
                               << (result.ok() ? QStringLiteral("clean") : result.error->message());
    // A last line without its newline.
    if (!deliver(streamParser.finish().events)) {
        return;
    }
    if (result.ok()) {
        if (phase == Phase::StreamingList) {
            fail(ApiError(ApiError::Kind::ConnectionLost,
                          QStringLiteral("The watch ended before the initial list was complete")));
        } else if (watchEndedEarly()) {
            // Not the rotation: the connection went (the transport reports an aborted stream that had
            // answered 200 as a clean end). Resume from the last resourceVersion after the backoff.
            fail(ApiError(ApiError::Kind::ConnectionLost, QStringLiteral("The watch connection was closed")));
        } else {
            // timeoutSeconds ran out: the normal rotation. Resume from the last resourceVersion.
            snapshotOnly = false;
            backoff.reset();
            cancelWork();
            openWatch(false);
        }
        return;
    }
    const ApiError& error = *result.error;
    if (isExpired(error)) {
        expire(error);
        return;
    }
    const int code = error.kind() == ApiError::Kind::Status ? error.httpStatus() : 0;
    if (phase == Phase::StreamingList && !watchOpened && (code == 400 || code == 422)) {
        refuseWatchList(error.message());
        return;
    }
    fail(error);
}

} // namespace binnacle::watch
