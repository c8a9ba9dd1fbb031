#pragma once

#include "dynamicclient.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <chrono>
#include <functional>
#include <optional>

namespace binnacle::actions {

// One question for the API server's authorizer: may I `verb` this resource?
struct AccessQuery {
    QString verb;
    QString group;
    QString resource;
    QString subresource;
    QString namespaceName; // empty: cluster-wide (or every namespace)
    QString name;          // empty: any object

    QString key() const;
    // "delete pods", "create pods/eviction in namespace shop": for messages.
    QString describe() const;
};

// The server's answer (SelfSubjectAccessReview status), or why it could not be asked.
struct AccessDecision {
    bool allowed = false;
    QString reason;          // status.reason: why the authorizer decided so (RBAC names the binding)
    QString evaluationError; // status.evaluationError
    std::optional<transport::ApiError> error; // the review itself failed (never cached)

    // One line for a disabled action: the server's reason, else "not allowed to <query>".
    QString explanation(const AccessQuery& query) const;
};

// Asks SelfSubjectAccessReview (authorization.k8s.io/v1) and remembers the answers for a while, so that
// opening a context menu again does not fire a storm of reviews; the same question asked again while its
// review is in flight waits for that review. Lives on its DynamicClient's thread; callbacks run there,
// never from inside check().
class AccessReview : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const AccessDecision&)>;
    using Now = std::function<std::chrono::milliseconds()>;

    static constexpr std::chrono::milliseconds defaultTtl{60'000};

    explicit AccessReview(dynamic::DynamicClient* client, QObject* parent = nullptr);

    void check(const AccessQuery& query, Callback done);
    void setTtl(std::chrono::milliseconds ttl) { m_ttl = ttl; }
    // Monotonic time, for tests; default: a steady clock.
    void setNow(Now now) { m_now = std::move(now); }
    // Forgets every answer (a new identity, a changed RoleBinding).
    void clear() { m_cache.clear(); }
    // Reviews sent to the server so far.
    int reviewsSent() const { return m_reviewsSent; }

    static client::ApiResource selfSubjectAccessReviews();
    static QByteArray reviewBody(const AccessQuery& query);
    static AccessDecision decisionFrom(const dynamic::ObjectResult& result);

private:
    struct Entry {
        AccessDecision decision;
        std::chrono::milliseconds answeredAt{0};
    };
    std::chrono::milliseconds now() const;
    void answered(const QString& key, const AccessDecision& decision);

    QPointer<dynamic::DynamicClient> m_client;
    std::chrono::milliseconds m_ttl = defaultTtl;
    Now m_now;
    QElapsedTimer m_steady;
    QHash<QString, Entry> m_cache;
    QHash<QString, QList<Callback>> m_waiting;
    int m_reviewsSent = 0;
};

} // namespace binnacle::actions
