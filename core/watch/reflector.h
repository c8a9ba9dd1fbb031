#pragma once

#include "apiresource.h"
#include "listpageparser.h"
#include "watchevent.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace binnacle::transport {
class ClusterTransport;
class Clock;
class ApiError;
} // namespace binnacle::transport

namespace binnacle::watch {

// What one reflector keeps in sync: one resource, in one namespace (or all), with optional selectors.
struct WatchTarget {
    client::ApiResource resource;
    QString namespaceName; // empty: every namespace (and cluster-scoped resources)
    QString labelSelector;
    QString fieldSelector;
    // Table: lists and watches ask for the server's Table with includeObject=Metadata, so that every
    // object arrives with its printed cells (ObjectSummary::tableCells) and its metadata only.
    enum class Form { Objects, Table };
    Form form = Form::Objects;

    // Identity for sharing: resource, namespace, selectors and form.
    QString key() const;
};

struct ReflectorOptions {
    int pageSize = 500; // list chunk size; 0: one request
    // The first list asks for resourceVersion=0 (client-go's choice): a real API server answers it from its
    // watch cache, not etcd. Relists are consistent reads.
    bool firstListFromCache = true;
    // Each watch asks for timeoutSeconds drawn from [minWatchTimeout, 2 * minWatchTimeout) (client-go's
    // rotation), so that watches of many clients do not all end at once.
    std::chrono::seconds minWatchTimeout{300};
    // Backoff between failed attempts: client-go's 800 ms doubling up to 30 s, with jitter; reset after a
    // watch that ran for a while.
    std::chrono::milliseconds initialBackoff{800};
    std::chrono::milliseconds maxBackoff{30000};
    // Try a WatchList (sendInitialEvents=true) instead of list+watch; falls back to list+watch for good
    // when the server refuses it.
    bool useWatchList = false;
    // The state turns Stale when no event (bookmarks included) arrived for this long while Live.
    std::chrono::milliseconds staleAfter{std::chrono::minutes(3)};
    transport::Clock* clock = nullptr; // null: the transport's own time source (a SystemClock)
    std::function<double()> random;    // jitter in [0, 1); null: QRandomGenerator
};

enum class ReflectorState {
    Idle,         // not started, or stopped
    Syncing,      // first list (or WatchList) in progress
    Live,         // watching, up to date
    Reconnecting, // a list or watch failed; waiting to retry (attempt, lastError)
    Stale,        // watching, but nothing heard for staleAfter
    Forbidden,    // 401/403 on list or watch: retried slowly (maxBackoff) in case RBAC changes
    Error,        // unusable: the resource is gone (404), or a request is invalid (400/422)
};

struct ReflectorStatus {
    ReflectorState state = ReflectorState::Idle;
    int attempt = 0;         // failed attempts in a row (0 when healthy)
    QDateTime stateSince;    // UTC, when the state last changed
    QString lastError;       // one line, for a banner; empty when healthy
    QDateTime lastEventAt;   // UTC, last event or page received (bookmarks included)
    QString resourceVersion; // last resourceVersion seen
    bool usingWatchList = false;
};

QString reflectorStateName(ReflectorState state);

// Keeps one WatchTarget in sync with the server the way client-go's reflector does, and says what it
// sees as a sequence the cache can apply blindly:
//   listStarted, listPage*, listFinished       a complete snapshot (first sync and every relist)
//   eventsReceived*                            watch deltas after the snapshot (bookmarks filtered out)
// Resumes a broken watch from the last resourceVersion (no relist, so nothing lost or repeated); relists
// after 410 Gone / an "Expired" ERROR event; backs off on repeated failures; rotates watches with
// timeoutSeconds. Lives on the transport's thread (construct anywhere, then move it there before start());
// everything asynchronous; parsing happens on that thread.
class Reflector : public QObject {
    Q_OBJECT
public:
    Reflector(transport::ClusterTransport* transport, WatchTarget target, ReflectorOptions options = {},
              QObject* parent = nullptr);
    ~Reflector() override;

    void start();
    // Cancels the request in flight and any pending retry; the state goes back to Idle.
    void stop();
    // Drops the watch and relists now (user asked to refresh).
    void relist();

    const WatchTarget& target() const { return m_target; }
    const ReflectorStatus& status() const { return m_status; }
    // Table form: the columns from the last list page or watch event that carried them.
    const QList<client::TableColumn>& tableColumns() const { return m_tableColumns; }
    // The wait before the retry that is pending (or was last scheduled): for a "retrying in" banner, tests.
    std::chrono::milliseconds retryDelay() const;

signals:
    // A new snapshot begins; the pages that follow replace everything delivered before.
    void listStarted();
    void listPage(const QList<client::ObjectSummary>& objects);
    // The snapshot is complete as of `resourceVersion`; objects delivered earlier but absent from this
    // snapshot are gone.
    void listFinished(const QString& resourceVersion);
    // Watch events after the snapshot, in order (Added/Modified/Deleted only), one batch per network read.
    void eventsReceived(const QList<client::WatchEvent>& events);
    void tableColumnsChanged(const QList<client::TableColumn>& columns);
    void statusChanged(const binnacle::watch::ReflectorStatus& status);

private:
    struct Private;
    std::unique_ptr<Private> d;
    WatchTarget m_target;
    ReflectorStatus m_status;
    QList<client::TableColumn> m_tableColumns;
};

} // namespace binnacle::watch
