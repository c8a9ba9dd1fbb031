#pragma once

#include <QJsonObject>
#include <QObject>
#include <optional>

namespace binnacle::sim {

// Failures tests can switch on, over the control endpoint (POST /binnacle-sim/faults) or from C++:
// added latency, throttling with the plain-text 429 that API Priority and Fairness sends, 5xx
// answers, dropped watches, a forced 410 on the next watch, closed idle connections, a restart.
class FaultInjector : public QObject {
    Q_OBJECT
public:
    struct Failure {
        int code = 0;
        int retryAfterSeconds = -1; // -1: no Retry-After header
    };

    explicit FaultInjector(QObject* parent = nullptr);

    int latencyMs() const { return m_latencyMs; }
    void setLatencyMs(int latency) { m_latencyMs = latency; }

    // The next `count` requests (watches and the control endpoint excepted) fail with `code`.
    void failNext(int count, int code, int retryAfterSeconds);
    // Takes one pending failure, if any.
    std::optional<Failure> takeFailure();

    void expireNextWatch() { m_expireNextWatch = true; }
    bool takeExpireNextWatch();

    // Applies a JSON fault description; returns what was done, for the response.
    QJsonObject configure(const QJsonObject& faults);
    QJsonObject state() const;

Q_SIGNALS:
    void dropWatchesRequested();
    void closeIdleConnectionsRequested();
    void restartRequested(int downMs);
    void compactRequested();

private:
    int m_latencyMs = 0;
    int m_failuresLeft = 0;
    Failure m_failure;
    bool m_expireNextWatch = false;
};

} // namespace binnacle::sim
