// Reflector: life cycle, failures and backoff, health (state, staleness). The list and watch traffic
// itself is in reflectorsync.cpp.
#include "clientlogging.h"
#include "reflector_p.h"

#include <QRandomGenerator>

namespace binnacle::watch {

using client::lcWatch;
using std::chrono::milliseconds;

namespace {

bool sameColumns(const QList<client::TableColumn>& a, const QList<client::TableColumn>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const client::TableColumn& x, const client::TableColumn& y) {
                          return x.name == y.name && x.type == y.type && x.format == y.format &&
                                 x.description == y.description && x.priority == y.priority;
                      });
}

} // namespace

Reflector::Private::Private(Reflector* owner, transport::ClusterTransport* clusterTransport,
                            ReflectorOptions reflectorOptions)
    : q(owner)
    , transport(clusterTransport)
    , options(std::move(reflectorOptions))
    , backoff(options.initialBackoff, options.maxBackoff, options.random) {
    clock = options.clock;
    if (clock == nullptr) {
        ownClock = new transport::SystemClock(owner);
        clock = ownClock;
    }
    // What a reflector feeds (caches, workload logs) never shows managedFields: dropped at parse time,
    // each object is copied once without them (often half its bytes) rather than whole and then cut.
    listParser.setDropManagedFields(true);
    streamParser.setDropManagedFields(true);
}

double Reflector::Private::random() {
    return options.random ? options.random() : QRandomGenerator::global()->generateDouble();
}

void Reflector::Private::beginAttempt() {
    if (!transport) {
        phase = Phase::Halted;
        setState(ReflectorState::Error, q->m_status.attempt,
                 QStringLiteral("The cluster connection is gone"));
        return;
    }
    if (!needsSnapshot) {
        openWatch(false);
    } else if (useWatchList()) {
        openWatch(true);
    } else {
        requestListPage();
    }
}

void Reflector::Private::cancelWork() {
    ++generation;
    request.cancel();
    request = transport::RequestHandle();
    for (transport::Clock::TimerId* timer : {&retryTimer, &staleTimer}) {
        if (*timer != 0) {
            clock->cancel(*timer);
            *timer = 0;
        }
    }
    streamParser.reset();
    initialObjects.clear();
    watchOpened = false;
}

void Reflector::Private::fail(const transport::ApiError& error) {
    if (watchWasHealthy()) {
        // A watch that worked for a while ended: this failure is the first of a new series.
        backoff.reset();
        snapshotOnly = false;
    }
    cancelWork();
    const int code = error.kind() == transport::ApiError::Kind::Status ? error.httpStatus() : 0;
    const milliseconds wait = backoff.next();
    const QString message = error.message().section(QLatin1Char('\n'), 0, 0);
    qCInfo(lcWatch).noquote() << q->m_target.resource.groupResource() << "list/watch failed (attempt"
                              << backoff.failures() << "):" << message;
    if (code == 401 || code == 403) {
        // RBAC may change: keep asking, slowly.
        setState(ReflectorState::Forbidden, backoff.failures(), message);
        scheduleRetry(backoff.maximum());
    } else if (code == 404) {
        // The resource may come back (a CRD re-created): keep asking, slowly.
        setState(ReflectorState::Error, backoff.failures(), message);
        scheduleRetry(backoff.maximum());
    } else if (code == 400 || code == 405 || code == 406 || code == 422) {
        // The request itself is wrong (a bad selector): asking again cannot help.
        phase = Phase::Halted;
        setState(ReflectorState::Error, backoff.failures(), message);
    } else {
        setState(ReflectorState::Reconnecting, backoff.failures(), message);
        scheduleRetry(wait);
    }
}

void Reflector::Private::scheduleRetry(milliseconds delay) {
    phase = Phase::WaitingRetry;
    retryDelay = delay;
    const quint64 expected = generation;
    retryTimer = clock->callAfter(delay, [this, expected] {
        if (generation != expected) {
            return;
        }
        retryTimer = 0;
        beginAttempt();
    });
}

void Reflector::Private::setState(ReflectorState state, int attempt, const QString& lastError) {
    ReflectorStatus& status = q->m_status;
    const bool changed = status.state != state || status.attempt != attempt || status.lastError != lastError;
    if (status.state != state) {
        status.stateSince = QDateTime::currentDateTimeUtc();
    }
    status.state = state;
    status.attempt = attempt;
    status.lastError = lastError;
    if (state == ReflectorState::Live && staleTimer == 0) {
        armStaleTimer(options.staleAfter);
    } else if (state != ReflectorState::Live && state != ReflectorState::Stale && staleTimer != 0) {
        clock->cancel(staleTimer);
        staleTimer = 0;
    }
    if (changed) {
        Q_EMIT q->statusChanged(status);
    }
}

void Reflector::Private::heard() {
    lastHeardAt = clock->now();
    q->m_status.lastEventAt = QDateTime::currentDateTimeUtc();
    if (q->m_status.state == ReflectorState::Stale) {
        setState(ReflectorState::Live, 0, QString());
    }
}

void Reflector::Private::armStaleTimer(milliseconds delay) {
    const quint64 expected = generation;
    staleTimer = clock->callAfter(delay, [this, expected] {
        if (generation != expected) {
            return;
        }
        staleTimer = 0;
        checkStaleness();
    });
}

void Reflector::Private::checkStaleness() {
    if (q->m_status.state != ReflectorState::Live) {
        return;
    }
    // One timer per quiet period rather than one per event: re-armed for whatever is left.
    const milliseconds quiet = clock->now() - lastHeardAt;
    if (quiet >= options.staleAfter) {
        setState(ReflectorState::Stale, 0, QString());
    } else {
        armStaleTimer(options.staleAfter - quiet);
    }
}

void Reflector::Private::updateColumns(const QList<client::TableColumn>& columns) {
    if (columns.isEmpty() || sameColumns(columns, q->m_tableColumns)) {
        return;
    }
    q->m_tableColumns = columns;
    Q_EMIT q->tableColumnsChanged(q->m_tableColumns);
}

Reflector::Reflector(transport::ClusterTransport* transport, WatchTarget target, ReflectorOptions options,
                     QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, transport, std::move(options)))
    , m_target(std::move(target)) {}

Reflector::~Reflector() {
    // Silently: no signal from a destructor. The transport forgets the request, the clock the timers.
    d->cancelWork();
}

void Reflector::start() {
    if (d->phase != Private::Phase::Stopped && d->phase != Private::Phase::Halted) {
        return;
    }
    d->cancelWork();
    d->needsSnapshot = true;
    d->firstSync = true;
    d->snapshotOnly = false;
    d->continueToken.clear();
    d->backoff.reset();
    m_status.usingWatchList = d->useWatchList();
    d->setState(ReflectorState::Syncing, 0, QString());
    d->beginAttempt();
}

void Reflector::stop() {
    if (d->phase == Private::Phase::Stopped) {
        return;
    }
    d->cancelWork();
    d->phase = Private::Phase::Stopped;
    d->setState(ReflectorState::Idle, 0, QString());
}

void Reflector::relist() {
    if (d->phase == Private::Phase::Stopped) {
        start();
        return;
    }
    d->cancelWork();
    d->needsSnapshot = true;
    d->continueToken.clear();
    d->beginAttempt();
}

std::chrono::milliseconds Reflector::retryDelay() const {
    return d->retryDelay;
}

} // namespace binnacle::watch
