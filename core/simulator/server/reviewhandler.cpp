#include "reviewhandler.h"

#include "bodydecoder.h"
#include "protobufdecode.h"

namespace binnacle::sim {

ReviewHandler::ReviewHandler(const ServerContext& context)
    : m_context(context) {}

QStringList ReviewHandler::servedResources() const {
    QStringList resources;
    for (const auto& type : m_context.registry()->all()) {
        if (type->hasVerb(QStringLiteral("list")) && !resources.contains(type->resource)) {
            resources.append(type->resource);
        }
    }
    return resources;
}

void ReviewHandler::create(const ApiRequestPtr& request) {
    const QByteArray mediaType =
        request->http().header("Content-Type").split(';').value(0).trimmed().toLower();
    DecodedBody decoded;
    if (mediaType == "application/vnd.kubernetes.protobuf") {
        const ProtobufDecodeResult protobuf = decodeKubernetesProtobuf(request->http().body);
        decoded = DecodedBody{protobuf.object, protobuf.error};
    } else {
        decoded = decodeYamlOrJsonObject(request->http().body);
    }
    if (!decoded.error.isEmpty()) {
        request->sendError(ApiError::badRequest(decoded.error));
        return;
    }
    QJsonObject review = decoded.object;
    const ResourceType& type = *request->type;
    review.insert(QStringLiteral("kind"), type.kind);
    review.insert(QStringLiteral("apiVersion"), type.apiVersion(request->info.version));
    QJsonObject metadata = review.value(QLatin1String("metadata")).toObject();
    metadata.insert(QStringLiteral("creationTimestamp"), QJsonValue::Null);
    review.insert(QStringLiteral("metadata"), metadata);
    const UserInfo& user = request->user;
    const QJsonObject spec = review.value(QLatin1String("spec")).toObject();

    if (type.resource == QLatin1String("selfsubjectreviews")) {
        QJsonObject userInfo{{QStringLiteral("username"), user.name},
                             {QStringLiteral("groups"), QJsonArray::fromStringList(user.groups)}};
        if (!user.uid.isEmpty()) {
            userInfo.insert(QStringLiteral("uid"), user.uid);
        }
        review.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("userInfo"), userInfo}});
    } else if (type.resource == QLatin1String("selfsubjectaccessreviews")) {
        Authorizer::Attributes attributes;
        if (spec.contains(QLatin1String("nonResourceAttributes"))) {
            const QJsonObject nonResource = spec.value(QLatin1String("nonResourceAttributes")).toObject();
            attributes.nonResourcePath = nonResource.value(QLatin1String("path")).toString();
            attributes.verb = nonResource.value(QLatin1String("verb")).toString();
        } else {
            const QJsonObject resource = spec.value(QLatin1String("resourceAttributes")).toObject();
            attributes.verb = resource.value(QLatin1String("verb")).toString();
            attributes.group = resource.value(QLatin1String("group")).toString();
            attributes.resource = resource.value(QLatin1String("resource")).toString();
            attributes.subresource = resource.value(QLatin1String("subresource")).toString();
            attributes.namespaceName = resource.value(QLatin1String("namespace")).toString();
            attributes.name = resource.value(QLatin1String("name")).toString();
        }
        const bool allowed = m_context.authorizer->allowed(user, attributes);
        QJsonObject status{{QStringLiteral("allowed"), allowed}};
        if (allowed) {
            status.insert(
                QStringLiteral("reason"),
                user.groups.contains(QLatin1String("system:masters"))
                    ? QStringLiteral("RBAC: allowed by ClusterRoleBinding \"cluster-admin\" of ClusterRole "
                                     "\"cluster-admin\" to Group \"system:masters\"")
                    : QStringLiteral("RBAC: allowed by ClusterRoleBinding \"binnacle-viewers\" of "
                                     "ClusterRole \"view\" to Group \"binnacle:viewers\""));
        }
        review.insert(QStringLiteral("status"), status);
    } else {
        review.insert(
            QStringLiteral("status"),
            QJsonObject{{QStringLiteral("resourceRules"),
                         m_context.authorizer->resourceRules(user, servedResources())},
                        {QStringLiteral("nonResourceRules"), m_context.authorizer->nonResourceRules(user)},
                        {QStringLiteral("incomplete"), false}});
    }
    request->sendObject(201, review);
}

} // namespace binnacle::sim
