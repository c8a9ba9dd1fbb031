#include "discoverycache.h"

#include "clientlogging.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

namespace binnacle::client {

namespace {

constexpr int formatVersion = 1;

} // namespace

DiscoveryCache::DiscoveryCache(QString directory)
    : m_directory(std::move(directory)) {}

QString DiscoveryCache::defaultDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/discovery");
}

QString DiscoveryCache::filePath(const QString& serverUrl) const {
    const QUrl url(serverUrl);
    QString name =
        url.host().isEmpty() ? serverUrl : url.host() + QLatin1Char('_') + QString::number(url.port(443));
    if (url.path().size() > 1) {
        name += url.path(); // servers behind a path prefix (rancher-style proxies) are distinct clusters
    }
    for (QChar& c : name) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('-') &&
            c != QLatin1Char('_')) {
            c = QLatin1Char('_');
        }
    }
    return m_directory + QLatin1Char('/') + name + QStringLiteral(".json");
}

bool DiscoveryCache::save(const QString& serverUrl, const DiscoveryModel& model, const QDateTime& fetchedAt,
                          QString* error) const {
    QJsonArray documents;
    for (const DiscoveryDocument& document : model.documents()) {
        // Bodies are stored as JSON (readable, and validated when they were added), not as strings.
        documents.append(QJsonObject{
            {QStringLiteral("path"), document.path},
            {QStringLiteral("contentType"), QString::fromLatin1(document.contentType)},
            {QStringLiteral("etag"), QString::fromLatin1(document.etag)},
            {QStringLiteral("body"), QJsonDocument::fromJson(document.body).object()},
        });
    }
    const QJsonObject root{
        {QStringLiteral("formatVersion"), formatVersion},
        {QStringLiteral("serverUrl"), serverUrl},
        {QStringLiteral("fetchedAt"), fetchedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("documents"), documents},
    };
    if (!QDir().mkpath(m_directory)) {
        *error = QStringLiteral("cannot create %1").arg(m_directory);
        return false;
    }
    QSaveFile file(filePath(serverUrl));
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    qCDebug(lcDiscovery) << "discovery cached in" << file.fileName();
    return true;
}

std::optional<CachedDiscovery> DiscoveryCache::load(const QString& serverUrl, QString* error) const {
    error->clear();
    QFile file(filePath(serverUrl));
    if (!file.exists()) {
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return std::nullopt;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    if (root.value(QLatin1String("formatVersion")).toInt() != formatVersion) {
        *error = QStringLiteral("%1: unknown discovery cache format").arg(file.fileName());
        return std::nullopt;
    }
    if (root.value(QLatin1String("serverUrl")).toString() != serverUrl) {
        *error = QStringLiteral("%1: cache of another server").arg(file.fileName());
        return std::nullopt;
    }
    QList<DiscoveryDocument> documents;
    for (const QJsonValue& value : root.value(QLatin1String("documents")).toArray()) {
        const QJsonObject entry = value.toObject();
        documents.append(DiscoveryDocument{
            entry.value(QLatin1String("path")).toString(),
            entry.value(QLatin1String("contentType")).toString().toLatin1(),
            entry.value(QLatin1String("etag")).toString().toLatin1(),
            QJsonDocument(entry.value(QLatin1String("body")).toObject()).toJson(QJsonDocument::Compact),
        });
    }
    CachedDiscovery cached;
    cached.serverUrl = serverUrl;
    cached.fetchedAt =
        QDateTime::fromString(root.value(QLatin1String("fetchedAt")).toString(), Qt::ISODateWithMs);
    if (!DiscoveryModel::fromDocuments(documents, &cached.model, error)) {
        return std::nullopt;
    }
    return cached;
}

bool DiscoveryCache::remove(const QString& serverUrl) const {
    return QFile::remove(filePath(serverUrl));
}

} // namespace binnacle::client
