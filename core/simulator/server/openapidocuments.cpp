#include "openapidocuments.h"

#include "resourceregistry.h"

#include <QJsonArray>

namespace binnacle::sim::openapi {

namespace {
QString pathPrefix(const QString& group, const QString& version) {
    return group.isEmpty() ? QStringLiteral("api/") + version
                           : QStringLiteral("apis/%1/%2").arg(group, version);
}

QJsonObject queryParameter(const QString& name) {
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("in"), QStringLiteral("query")},
        {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                               {QStringLiteral("uniqueItems"), true}}}};
}

QJsonArray parameters(std::initializer_list<const char*> names) {
    QJsonArray result;
    for (const char* name : names) {
        result.append(queryParameter(QLatin1String(name)));
    }
    return result;
}

QJsonObject jsonBody(std::initializer_list<const char*> contentTypes) {
    QJsonObject content;
    for (const char* type : contentTypes) {
        content.insert(QLatin1String(type), QJsonObject{{QStringLiteral("schema"), QJsonObject()}});
    }
    return QJsonObject{{QStringLiteral("content"), content}, {QStringLiteral("required"), true}};
}

QJsonObject operation(const ResourceType& type, const QString& version, const char* action,
                      const QJsonArray& params, const QJsonObject& requestBody = {}) {
    QJsonObject op{
        {QStringLiteral("x-kubernetes-action"), QLatin1String(action)},
        {QStringLiteral("x-kubernetes-group-version-kind"), QJsonObject{{QStringLiteral("group"), type.group},
                                                                        {QStringLiteral("version"), version},
                                                                        {QStringLiteral("kind"), type.kind}}},
        {QStringLiteral("parameters"), params},
        {QStringLiteral("responses"),
         QJsonObject{
             {QStringLiteral("200"), QJsonObject{{QStringLiteral("description"), QStringLiteral("OK")}}}}}};
    if (!requestBody.isEmpty()) {
        op.insert(QStringLiteral("requestBody"), requestBody);
    }
    return op;
}
} // namespace

QJsonObject index(const ResourceRegistry& registry) {
    QJsonObject paths;
    const QString hash = QString::fromLatin1(registry.discoveryHash());
    for (const auto& type : registry.all()) {
        for (const QString& version : type->versions) {
            const QString prefix = pathPrefix(type->group, version);
            paths.insert(prefix, QJsonObject{{QStringLiteral("serverRelativeURL"),
                                              QStringLiteral("/openapi/v3/%1?hash=%2").arg(prefix, hash)}});
        }
    }
    return QJsonObject{{QStringLiteral("paths"), paths}};
}

QJsonObject groupVersionDocument(const ResourceRegistry& registry, const QString& groupVersionPath) {
    QJsonObject paths;
    for (const auto& type : registry.all()) {
        for (const QString& version : type->versions) {
            if (pathPrefix(type->group, version) != groupVersionPath) {
                continue;
            }
            const QString base =
                QLatin1Char('/') + groupVersionPath +
                (type->namespaced ? QStringLiteral("/namespaces/{namespace}/") : QStringLiteral("/")) +
                type->resource;
            const QJsonArray writeParams =
                parameters({"dryRun", "fieldManager", "fieldValidation", "pretty"});
            const QJsonArray patchParams =
                parameters({"dryRun", "fieldManager", "fieldValidation", "force", "pretty"});
            const QJsonArray listParams =
                parameters({"allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit",
                            "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds",
                            "watch", "pretty"});
            const QJsonObject patchBody =
                type->custom
                    ? jsonBody({"application/json-patch+json", "application/merge-patch+json",
                                "application/apply-patch+yaml"})
                    : jsonBody({"application/json-patch+json", "application/merge-patch+json",
                                "application/strategic-merge-patch+json", "application/apply-patch+yaml"});
            QJsonObject collection{{QStringLiteral("get"), operation(*type, version, "list", listParams)}};
            QJsonObject item{
                {QStringLiteral("get"), operation(*type, version, "get", parameters({"pretty"}))}};
            if (type->hasVerb(QStringLiteral("create"))) {
                collection.insert(QStringLiteral("post"),
                                  operation(*type, version, "post", writeParams, jsonBody({"*/*"})));
            }
            if (type->hasVerb(QStringLiteral("update"))) {
                item.insert(QStringLiteral("put"),
                            operation(*type, version, "put", writeParams, jsonBody({"*/*"})));
            }
            if (type->hasVerb(QStringLiteral("patch"))) {
                item.insert(QStringLiteral("patch"),
                            operation(*type, version, "patch", patchParams, patchBody));
            }
            if (type->hasVerb(QStringLiteral("delete"))) {
                item.insert(QStringLiteral("delete"), operation(*type, version, "delete",
                                                                parameters({"dryRun", "gracePeriodSeconds",
                                                                            "propagationPolicy", "pretty"})));
            }
            paths.insert(base, collection);
            if (type->hasVerb(QStringLiteral("get"))) {
                paths.insert(base + QStringLiteral("/{name}"), item);
            }
        }
    }
    if (paths.isEmpty()) {
        return {};
    }
    return QJsonObject{
        {QStringLiteral("openapi"), QStringLiteral("3.0.0")},
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Kubernetes")},
                                             {QStringLiteral("version"), QStringLiteral("v1.32.4")}}},
        {QStringLiteral("paths"), paths},
        {QStringLiteral("components"), QJsonObject{{QStringLiteral("schemas"), QJsonObject()}}}};
}

} // namespace binnacle::sim::openapi
