#include "dynamicoptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace binnacle::dynamic {

QString collectionPath(const client::ApiResource& resource, const QString& namespaceName) {
    if (!resource.namespaced || namespaceName.isEmpty()) {
        return resource.collectionPath();
    }
    const QString prefix = resource.group.isEmpty() ? QStringLiteral("/api/") + resource.version
                                                    : QStringLiteral("/apis/") + resource.groupVersion();
    return prefix + QStringLiteral("/namespaces/") + namespaceName + QLatin1Char('/') + resource.resource;
}

QString ObjectTarget::path() const {
    QString path = collectionPath(resource, namespaceName) + QLatin1Char('/') + name;
    if (!subresource.isEmpty()) {
        path += QLatin1Char('/') + subresource;
    }
    return path;
}

void WriteOptions::addTo(QUrlQuery* query) const {
    if (dryRun) {
        query->addQueryItem(QStringLiteral("dryRun"), QStringLiteral("All"));
    }
    if (!fieldManager.isEmpty()) {
        query->addQueryItem(QStringLiteral("fieldManager"), fieldManager);
    }
    if (!fieldValidation.isEmpty()) {
        query->addQueryItem(QStringLiteral("fieldValidation"), fieldValidation);
    }
}

QByteArray contentTypeFor(PatchType type) {
    switch (type) {
    case PatchType::Json:
        return "application/json-patch+json";
    case PatchType::Merge:
        return "application/merge-patch+json";
    case PatchType::StrategicMerge:
        return "application/strategic-merge-patch+json";
    }
    return "application/merge-patch+json";
}

QByteArray DeleteOptions::body() const {
    QJsonObject options{{QStringLiteral("kind"), QStringLiteral("DeleteOptions")},
                        {QStringLiteral("apiVersion"), QStringLiteral("v1")}};
    if (!propagationPolicy.isEmpty()) {
        options.insert(QStringLiteral("propagationPolicy"), propagationPolicy);
    }
    if (gracePeriodSeconds) {
        options.insert(QStringLiteral("gracePeriodSeconds"), double(*gracePeriodSeconds));
    }
    QJsonObject preconditions;
    if (!preconditionUid.isEmpty()) {
        preconditions.insert(QStringLiteral("uid"), preconditionUid);
    }
    if (!preconditionResourceVersion.isEmpty()) {
        preconditions.insert(QStringLiteral("resourceVersion"), preconditionResourceVersion);
    }
    if (!preconditions.isEmpty()) {
        options.insert(QStringLiteral("preconditions"), preconditions);
    }
    if (dryRun) {
        options.insert(QStringLiteral("dryRun"), QJsonArray{QStringLiteral("All")});
    }
    return QJsonDocument(options).toJson(QJsonDocument::Compact);
}

} // namespace binnacle::dynamic
