#pragma once

#include "apirequest.h"
#include "objectfilter.h"
#include "objectstore.h"
#include "responseformat.h"

#include <QObject>
#include <QTimer>
#include <deque>
#include <memory>
#include <optional>

namespace binnacle::sim {

// One open watch: newline-delimited WatchEvents in a chunked 200 response. Replays history from a
// resourceVersion, or sends the current state first (synthetic ADDED; with sendInitialEvents, ended by
// the k8s.io/initial-events-end bookmark), then live changes. Objects that enter or leave the selectors
// arrive as ADDED or DELETED. Ends on timeoutSeconds, on a dropped connection, or after an ERROR event.
class WatchStream : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString version;                       // API version to render objects in
        std::optional<qint64> resourceVersion; // nullopt: start with the current state
        bool sendInitialEvents = false;
        bool allowBookmarks = false;
        int timeoutSeconds = 0;
        int bookmarkIntervalMs = 10000;
        bool forceExpired = false;
        std::optional<ResponseFormat> table; // set for watches in Table form
        QString includeObject;
    };

    WatchStream(ApiRequestPtr request, ObjectStore* store, std::shared_ptr<const ResourceType> type,
                ObjectFilter filter, Options options, std::function<QDateTime()> clock);

    void start();
    // Drops the connection under the client (fault injection).
    void drop();

Q_SIGNALS:
    void finished();

private:
    void onEvent(const WatchEvent& event);
    void sendBacklog();
    // The event as this watch's selectors see it: ADDED/MODIFIED/DELETED, or nothing.
    void deliver(const WatchEvent& event);
    void sendEvent(const QByteArray& type, const ObjectPtr& object);
    void sendBookmark(bool initialEventsEnd);
    void sendExpired(qint64 requested);
    void end();
    void flush();

    ApiRequestPtr m_request;
    ObjectStore* m_store;
    std::shared_ptr<const ResourceType> m_type;
    ObjectFilter m_filter;
    Options m_options;
    std::function<QDateTime()> m_clock;
    std::unique_ptr<TableEncoder> m_tableEncoder;
    bool m_columnsSent = false;
    QString m_apiVersion;
    QByteArray m_pending;
    std::deque<WatchEvent> m_backlog; // to send before any live event
    bool m_initialEventsEndPending = false;
    QTimer m_flushTimer;
    QTimer m_bookmarkTimer;
    QTimer m_timeoutTimer;
    bool m_ended = false;
};

} // namespace binnacle::sim
