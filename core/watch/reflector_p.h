#pragma once

// Internal to Reflector: the state machine behind the public class, split over reflector.cpp (life cycle,
// failures, health) and reflectorsync.cpp (list pages, watch streams).
#include "clock.h"
#include "clustertransport.h"
#include "reflector.h"
#include "watchbackoff.h"
#include "watchstreamparser.h"

#include <QPointer>

namespace binnacle::watch {

struct Reflector::Private {
    // What the reflector is doing right now.
    enum class Phase {
        Stopped,
        Listing,       // paging through a list
        StreamingList, // a WatchList, before its initial-events-end bookmark
        Watching,      // a watch (or a WatchList past its initial events)
        WaitingRetry,  // a timer will run the next attempt
        Halted,        // an error no retry can fix (400/422); relist() or start() tries again
    };

    Private(Reflector* owner, transport::ClusterTransport* clusterTransport,
            ReflectorOptions reflectorOptions);

    // Life cycle (reflector.cpp).
    void beginAttempt();
    // Cancels the request, the retry and the staleness timers; callbacks of what ran before are ignored.
    void cancelWork();
    void fail(const transport::ApiError& error);
    void scheduleRetry(std::chrono::milliseconds delay);
    void setState(ReflectorState state, int attempt, const QString& lastError);
    // Something arrived from the server: an event, a bookmark or a list page.
    void heard();
    void armStaleTimer(std::chrono::milliseconds delay);
    void checkStaleness();
    void updateColumns(const QList<client::TableColumn>& columns);
    bool useWatchList() const { return options.useWatchList && !watchListRefused; }
    double random();

    // Lists (reflectorsync.cpp).
    // Asks for the page `continueToken` names (the first when empty).
    void requestListPage();
    void sendListPage(const QString& token);
    void onListPage(const transport::ApiResult& result);
    // Watches (reflectorsync.cpp).
    void openWatch(bool initialEvents);
    void onWatchOpened();
    void onWatchData(const QByteArray& bytes);
    void onWatchFinished(const transport::ApiResult& result);
    // Delivers what a read produced; false when the stream was abandoned (or the consumer stopped us).
    bool deliver(QList<client::WatchEvent> events);
    bool onStreamError(const client::ApiStatus& status);
    // The watch's resourceVersion is too old (410): relist.
    void expire(const transport::ApiError& error);
    void refuseWatchList(const QString& why);
    bool watchWasHealthy() const;
    // A clean end well before the timeoutSeconds asked for: the connection was dropped, not rotated.
    bool watchEndedEarly() const;
    void snapshotComplete(const QString& resourceVersion);

    Reflector* q;
    QPointer<transport::ClusterTransport> transport;
    ReflectorOptions options;
    // A child of the reflector, so that it moves with it to the transport's thread (its timers are
    // created there).
    transport::SystemClock* ownClock = nullptr;
    transport::Clock* clock = nullptr;
    WatchBackoff backoff;
    client::ListPageParser listParser;
    client::WatchStreamParser streamParser;

    Phase phase = Phase::Stopped;
    // Bumped by cancelWork(): a callback or a loop that sees another value has been overtaken.
    quint64 generation = 0;
    transport::RequestHandle request;
    transport::Clock::TimerId retryTimer = 0;
    transport::Clock::TimerId staleTimer = 0;
    std::chrono::milliseconds retryDelay{0};

    bool needsSnapshot = true; // the next attempt lists (or WatchLists) instead of resuming the watch
    bool watchListRefused = false;
    bool snapshotOnly = false;  // the last snapshot has not been followed by a healthy watch yet
    bool firstSync = true;      // no snapshot completed since start(): lists run at Normal priority
    QString continueToken;      // of the list in progress
    bool readingPage = false;   // a list page is being parsed (its successor may already be asked for)
    bool listAnnounced = false; // listStarted emitted for the snapshot in progress
    QList<client::ObjectSummary> initialObjects; // WatchList: ADDED events not yet delivered as a page
    bool watchOpened = false;
    bool watchHeardFrom = false;
    std::chrono::milliseconds watchOpenedAt{0};
    std::chrono::seconds watchTimeoutAsked{0};
    std::chrono::milliseconds lastHeardAt{0};
};

} // namespace binnacle::watch
