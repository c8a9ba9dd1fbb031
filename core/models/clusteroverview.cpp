#include "clusteroverview.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSslCertificate>

namespace binnacle {

namespace {
constexpr auto aggregatedDiscovery =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

void appendKinds(const QJsonObject& list, QVariantList& kinds) {
    for (const QJsonValue& group : list.value(QLatin1String("items")).toArray()) {
        const QJsonObject groupObject = group.toObject();
        const QString groupName =
            groupObject.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        const QJsonArray versions = groupObject.value(QLatin1String("versions")).toArray();
        if (versions.isEmpty()) {
            continue;
        }
        const QJsonObject preferred = versions.first().toObject();
        for (const QJsonValue& resource : preferred.value(QLatin1String("resources")).toArray()) {
            const QJsonObject r = resource.toObject();
            const QJsonArray verbs = r.value(QLatin1String("verbs")).toArray();
            if (!verbs.contains(QStringLiteral("list"))) {
                continue; // reviews and other create-only kinds have nothing to show
            }
            kinds.append(QVariantMap{
                {QStringLiteral("kind"),
                 r.value(QLatin1String("responseKind")).toObject().value(QLatin1String("kind")).toString()},
                {QStringLiteral("resource"), r.value(QLatin1String("resource")).toString()},
                {QStringLiteral("group"), groupName.isEmpty() ? QStringLiteral("core") : groupName},
                {QStringLiteral("version"), preferred.value(QLatin1String("version")).toString()},
                {QStringLiteral("namespaced"),
                 r.value(QLatin1String("scope")).toString() == QLatin1String("Namespaced")}});
        }
    }
}
} // namespace

ClusterOverview::ClusterOverview(QObject* parent)
    : QObject(parent)
    , m_status(QStringLiteral("Starting")) {}

void ClusterOverview::setStatus(const QString& status) {
    m_status = status;
    Q_EMIT changed();
}

void ClusterOverview::connectTo(const QString& serverUrl, const QByteArray& caPem, const QString& token) {
    m_serverUrl = serverUrl;
    m_token = token;
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.setCaCertificates(QSslCertificate::fromData(caPem, QSsl::Pem));
    m_namespaces.clear();
    m_kinds.clear();
    setStatus(QStringLiteral("Loading"));
    fetch(QStringLiteral("/api/v1/namespaces"), "application/json", [this](const QByteArray& body) {
        for (const QJsonValue& item :
             QJsonDocument::fromJson(body).object().value(QLatin1String("items")).toArray()) {
            m_namespaces.append(item.toObject()
                                    .value(QLatin1String("metadata"))
                                    .toObject()
                                    .value(QLatin1String("name"))
                                    .toString());
        }
    });
    for (const char* path : {"/api", "/apis"}) {
        fetch(QLatin1String(path), aggregatedDiscovery, [this](const QByteArray& body) {
            appendKinds(QJsonDocument::fromJson(body).object(), m_kinds);
        });
    }
}

void ClusterOverview::fetch(const QString& path, const QByteArray& accept,
                            const std::function<void(const QByteArray&)>& onSuccess) {
    QNetworkRequest request(QUrl(m_serverUrl + path));
    request.setSslConfiguration(m_tls);
    request.setRawHeader("Accept", accept);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QNetworkReply* reply = m_network.get(request);
    reply->setParent(this);
    ++m_pendingReplies;
    connect(reply, &QNetworkReply::finished, this, [this, reply, onSuccess, path] {
        reply->deleteLater();
        --m_pendingReplies;
        if (reply->error() != QNetworkReply::NoError) {
            setStatus(QStringLiteral("%1 failed: %2").arg(path, reply->errorString()));
            return;
        }
        onSuccess(reply->readAll());
        if (m_pendingReplies == 0) {
            setStatus(QStringLiteral("Connected"));
        } else {
            Q_EMIT changed();
        }
    });
}

} // namespace binnacle
