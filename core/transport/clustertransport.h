#pragma once

#include "apirequest.h"
#include "clock.h"
#include "credentialprovider.h"
#include "retrypolicy.h"
#include "transportstats.h"

#include <QNetworkProxy>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace binnacle::transport {

// Where a cluster is and how to trust it (the kubeconfig `cluster` entry, files already read).
struct ClusterEndpoint {
    QUrl server;
    QByteArray caPem; // empty: the system trust store
    bool insecureSkipTlsVerify = false;
    QString tlsServerName; // SNI and the name checked in the server certificate
    QUrl proxyUrl;         // http://, https:// (plain connection to the proxy) or socks5://
};

struct TransportOptions {
    // Requests holding a connection at once; the rest wait in the priority queue.
    int maxConcurrentRequests = 16;
    // Client-side token bucket. client-go's 5 QPS / burst 10 would make a dashboard that starts a
    // dozen informers and a discovery sweep crawl for seconds; modern servers protect themselves
    // with API Priority and Fairness and we honour its 429 + Retry-After. The limiter is a guard
    // against runaway loops, sized like kubectl's own higher limits. Zero or negative QPS: off.
    double qps = 50;
    int burst = 300;
    RetryPolicy retry;
    // Deadline for requests whose spec sets none; 0: none (a 50,000-pod list may take a while).
    std::chrono::milliseconds defaultDeadline{0};
    QByteArray userAgent = "binnacle/0.1";
    // Injected time; null: a SystemClock owned by the transport. Must outlive the transport.
    Clock* clock = nullptr;
    // Jitter source in [0, 1); null: QRandomGenerator.
    std::function<double()> random;
};

// All HTTP traffic to one cluster: one connection pool (HTTP/2 when the server offers it through
// ALPN, else HTTP/1.1 keep-alive), a priority queue under a concurrency cap, a client-side rate
// limiter, credentials asked for before every attempt, retries as client-go does them, and typed
// errors. Everything is asynchronous and cancellable; callbacks run on this object's thread and
// never from inside send().
class ClusterTransport : public QObject {
    Q_OBJECT
public:
    ClusterTransport(ClusterEndpoint endpoint, CredentialProvider* credentials, TransportOptions options = {},
                     QObject* parent = nullptr);
    ~ClusterTransport() override;

    // A request with a complete body. `callback` runs once, unless the request is cancelled or
    // `context` (if given) is destroyed first.
    RequestHandle send(ApiRequestSpec spec, QObject* context, ResponseCallback callback);
    // A long-running request (watch, follow logs). Retried like a GET until its headers arrive;
    // once bytes flow, a broken stream ends with an error and the caller resumes.
    RequestHandle openStream(ApiRequestSpec spec, QObject* context, StreamHandlers handlers);

    void cancel(quint64 id);
    bool isActive(quint64 id) const;
    // Starts what send() queued now rather than on the next event-loop turn, for a caller that keeps this
    // thread busy right after sending (a list page parsed while the next one is produced). A request may
    // then complete, and its callback run, inside this call.
    void startQueuedNow();

    TransportStats* stats() const { return m_stats; }
    const ClusterEndpoint& endpoint() const { return m_endpoint; }
    // Why the endpoint is unusable (unreadable CA, unknown proxy scheme); every request then fails.
    QString setupError() const { return m_setupError; }
    void setMaxConcurrentRequests(int maxConcurrent);

private:
    struct Pending;

    RequestHandle begin(std::unique_ptr<Pending> pending);
    void enqueueAttempt(Pending* pending);
    void schedulePump();
    void startAttempt(quint64 id);
    void dispatch(quint64 id, const Credentials& credentials);
    QNetworkAccessManager* managerFor(Pending* pending);
    void onMetaData(quint64 id, QNetworkReply* reply);
    void onReadyRead(quint64 id, QNetworkReply* reply);
    void onFinished(quint64 id, QNetworkReply* reply);
    void retryOrFail(Pending* pending, const ApiError& error);
    void complete(Pending* pending, ApiResult result);
    std::unique_ptr<Pending> teardown(quint64 id);
    Pending* find(quint64 id) const;
    void updateGauges();
    double random();

    ClusterEndpoint m_endpoint;
    QPointer<CredentialProvider> m_credentials;
    bool m_hasCredentialProvider = false;
    TransportOptions m_options;
    SystemClock* m_ownClock = nullptr; // child
    Clock* m_clock = nullptr;
    std::unique_ptr<RequestScheduler> m_scheduler;
    TransportStats* m_stats = nullptr;
    QNetworkAccessManager* m_manager = nullptr;
    // Streams get pools of their own: over HTTP/1.1 each holds a connection for its lifetime, and
    // Qt opens at most six per host and pool, which watches alone would exhaust.
    std::vector<std::pair<QNetworkAccessManager*, int>> m_streamManagers;
    bool m_http2Seen = false;
    QSslConfiguration m_sslConfiguration;
    QNetworkProxy m_proxy;
    QString m_setupError;
    QByteArray m_lastClientCertificateDigest;
    // A stream's bytes are read into this, a chunk at a time, and handed on as a view of it: one buffer
    // reused, rather than an allocation as large as whatever arrived (megabytes when a watch replays).
    QByteArray m_streamChunk;
    std::unordered_map<quint64, std::unique_ptr<Pending>> m_requests;
    quint64 m_nextId = 1;
    bool m_pumpScheduled = false;
};

} // namespace binnacle::transport
