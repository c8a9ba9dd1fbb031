#include "accessreview.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace binnacle::actions {

QString AccessQuery::key() const {
    return QStringList{verb, group, resource, subresource, namespaceName, name}.join(QLatin1Char('\x1f'));
}

QString AccessQuery::describe() const {
    QString text =
        verb + QLatin1Char(' ') + (group.isEmpty() ? resource : resource + QLatin1Char('.') + group);
    if (!subresource.isEmpty()) {
        text += QLatin1Char('/') + subresource;
    }
    if (!name.isEmpty()) {
        text += QStringLiteral(" \"%1\"").arg(name);
    }
    if (!namespaceName.isEmpty()) {
        text += QStringLiteral(" in namespace \"%1\"").arg(namespaceName);
    }
    return text;
}

QString AccessDecision::explanation(const AccessQuery& query) const {
    if (error) {
        return QStringLiteral("could not check permission to %1: %2").arg(query.describe(), error->message());
    }
    if (allowed) {
        return reason;
    }
    QString text = QStringLiteral("RBAC: not allowed to %1").arg(query.describe());
    if (!reason.isEmpty()) {
        text += QStringLiteral(" (%1)").arg(reason);
    }
    if (!evaluationError.isEmpty()) {
        text += QStringLiteral(" [%1]").arg(evaluationError);
    }
    return text;
}

AccessReview::AccessReview(dynamic::DynamicClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client) {
    m_steady.start();
}

client::ApiResource AccessReview::selfSubjectAccessReviews() {
    client::ApiResource resource;
    resource.group = QStringLiteral("authorization.k8s.io");
    resource.version = QStringLiteral("v1");
    resource.resource = QStringLiteral("selfsubjectaccessreviews");
    resource.singular = QStringLiteral("selfsubjectaccessreview");
    resource.kind = QStringLiteral("SelfSubjectAccessReview");
    resource.verbs = {QStringLiteral("create")};
    return resource;
}

QByteArray AccessReview::reviewBody(const AccessQuery& query) {
    QJsonObject attributes{{QStringLiteral("verb"), query.verb},
                           {QStringLiteral("group"), query.group},
                           {QStringLiteral("resource"), query.resource}};
    if (!query.subresource.isEmpty()) {
        attributes.insert(QStringLiteral("subresource"), query.subresource);
    }
    if (!query.namespaceName.isEmpty()) {
        attributes.insert(QStringLiteral("namespace"), query.namespaceName);
    }
    if (!query.name.isEmpty()) {
        attributes.insert(QStringLiteral("name"), query.name);
    }
    const QJsonObject review{
        {QStringLiteral("apiVersion"), QStringLiteral("authorization.k8s.io/v1")},
        {QStringLiteral("kind"), QStringLiteral("SelfSubjectAccessReview")},
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("resourceAttributes"), attributes}}}};
    return QJsonDocument(review).toJson(QJsonDocument::Compact);
}

AccessDecision AccessReview::decisionFrom(const dynamic::ObjectResult& result) {
    AccessDecision decision;
    if (!result.ok()) {
        decision.error = result.error;
        return decision;
    }
    const QJsonObject status = result.object().value(QLatin1String("status")).toObject();
    decision.allowed =
        status.value(QLatin1String("allowed")).toBool() && !status.value(QLatin1String("denied")).toBool();
    decision.reason = status.value(QLatin1String("reason")).toString();
    decision.evaluationError = status.value(QLatin1String("evaluationError")).toString();
    return decision;
}

std::chrono::milliseconds AccessReview::now() const {
    return m_now ? m_now() : std::chrono::milliseconds(m_steady.elapsed());
}

void AccessReview::check(const AccessQuery& query, Callback done) {
    const QString key = query.key();
    const auto cached = m_cache.constFind(key);
    if (cached != m_cache.constEnd() && now() - cached->answeredAt < m_ttl) {
        QMetaObject::invokeMethod(
            this, [done = std::move(done), decision = cached->decision] { done(decision); },
            Qt::QueuedConnection);
        return;
    }
    auto waiting = m_waiting.find(key);
    if (waiting != m_waiting.end()) {
        waiting->append(std::move(done));
        return;
    }
    m_waiting.insert(key, QList<Callback>{std::move(done)});
    if (!m_client) {
        AccessDecision decision;
        decision.error = transport::ApiError(transport::ApiError::Kind::Network,
                                             QStringLiteral("not connected to a cluster"));
        QMetaObject::invokeMethod(
            this, [this, key, decision] { answered(key, decision); }, Qt::QueuedConnection);
        return;
    }
    ++m_reviewsSent;
    QPointer<AccessReview> self(this);
    m_client->create(selfSubjectAccessReviews(), QString(), reviewBody(query), dynamic::WriteOptions(),
                     [self, key](const dynamic::ObjectResult& result) {
                         if (self) {
                             self->answered(key, decisionFrom(result));
                         }
                     });
}

void AccessReview::answered(const QString& key, const AccessDecision& decision) {
    if (!decision.error) {
        m_cache.insert(key, Entry{decision, now()});
    }
    const QList<Callback> callbacks = m_waiting.take(key);
    for (const Callback& callback : callbacks) {
        callback(decision);
    }
}

} // namespace binnacle::actions
