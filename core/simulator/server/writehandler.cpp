#include "writehandler.h"

#include "bodydecoder.h"
#include "fieldownership.h"
#include "objectfilter.h"
#include "protobufdecode.h"
#include "scaleview.h"

#include <QJsonDocument>

namespace binnacle::sim {

namespace {
QByteArray mediaTypeOf(const HttpRequest& request) {
    return request.header("Content-Type").split(';').value(0).trimmed().toLower();
}

QString defaultManager(const HttpRequest& request) {
    // The server records the User-Agent's product name when the client names no field manager.
    const QByteArray agent = request.header("User-Agent");
    const QByteArray product = agent.split('/').value(0).trimmed();
    return product.isEmpty() ? QStringLiteral("unknown") : QString::fromUtf8(product);
}
} // namespace

WriteHandler::WriteHandler(const ServerContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context) {}

std::optional<WriteOptions> WriteHandler::writeOptions(const ApiRequestPtr& request, bool isApply) {
    const HttpRequest& http = request->http();
    WriteOptions options;
    options.subresource = request->info.subresource;
    for (const QString& value : http.queryValues(QStringLiteral("dryRun"))) {
        if (value != QLatin1String("All")) {
            request->sendError(ApiError::badRequest(
                QStringLiteral("Invalid dry run value: \"%1\": supported values: \"All\"").arg(value)));
            return std::nullopt;
        }
        options.dryRun = true;
    }
    options.fieldValidation = http.queryValue(QStringLiteral("fieldValidation"));
    if (options.fieldValidation.isEmpty()) {
        options.fieldValidation = QStringLiteral("Warn");
    } else if (options.fieldValidation != QLatin1String("Ignore") &&
               options.fieldValidation != QLatin1String("Warn") &&
               options.fieldValidation != QLatin1String("Strict")) {
        request->sendError(
            ApiError::badRequest(QStringLiteral("fieldValidation: Unsupported value: \"%1\": supported "
                                                "values: \"Ignore\", \"Strict\", \"Warn\"")
                                     .arg(options.fieldValidation)));
        return std::nullopt;
    }
    options.fieldManager = http.queryValue(QStringLiteral("fieldManager"));
    if (options.fieldManager.size() > 128) {
        request->sendError(ApiError::invalid(
            QStringLiteral("PatchOptions.meta.k8s.io"), QStringLiteral("meta.k8s.io"),
            QStringLiteral("PatchOptions"), QString(),
            QJsonArray{ApiError::cause(QStringLiteral("FieldValueTooLong"),
                                       QStringLiteral("Too long: may not be longer than 128"),
                                       QStringLiteral("fieldManager"))}));
        return std::nullopt;
    }
    if (options.fieldManager.isEmpty()) {
        if (isApply) {
            request->sendError(ApiError::invalid(
                QStringLiteral("PatchOptions.meta.k8s.io"), QStringLiteral("meta.k8s.io"),
                QStringLiteral("PatchOptions"), QString(),
                QJsonArray{ApiError::cause(QStringLiteral("FieldValueRequired"),
                                           QStringLiteral("Required value: is required for apply patch"),
                                           QStringLiteral("fieldManager"))}));
            return std::nullopt;
        }
        options.fieldManager = defaultManager(http);
    }
    if (!isApply && http.hasQuery(QStringLiteral("force"))) {
        request->sendError(ApiError::invalid(
            QStringLiteral("PatchOptions.meta.k8s.io"), QStringLiteral("meta.k8s.io"),
            QStringLiteral("PatchOptions"), QString(),
            QJsonArray{ApiError::cause(QStringLiteral("FieldValueForbidden"),
                                       QStringLiteral("Forbidden: may not be specified for non-apply patch"),
                                       QStringLiteral("force"))}));
        return std::nullopt;
    }
    return options;
}

std::optional<QJsonObject> WriteHandler::decodeObjectBody(const ApiRequestPtr& request) {
    const HttpRequest& http = request->http();
    const QByteArray mediaType = mediaTypeOf(http);
    DecodedBody decoded;
    if (mediaType == "application/json" || mediaType.isEmpty()) {
        decoded = decodeJsonObject(http.body);
    } else if (mediaType == "application/yaml") {
        decoded = decodeYamlOrJsonObject(http.body);
    } else if (mediaType == "application/vnd.kubernetes.protobuf" && !request->type->custom) {
        const ProtobufDecodeResult protobuf = decodeKubernetesProtobuf(http.body);
        decoded = DecodedBody{protobuf.object, protobuf.error};
    } else {
        request->sendError(ApiError::unsupportedMediaType(
            QStringLiteral("the body of the request was in an unknown format - accepted media types include: "
                           "application/json, application/yaml, application/vnd.kubernetes.protobuf")));
        return std::nullopt;
    }
    if (!decoded.error.isEmpty()) {
        request->sendError(ApiError::badRequest(decoded.error));
        return std::nullopt;
    }
    const QJsonObject& object = decoded.object;
    const ResourceType& type = *request->type;
    const bool scale = request->info.subresource == QLatin1String("scale");
    const QString expectedKind = scale ? QStringLiteral("Scale") : type.kind;
    const QString expectedVersion =
        scale ? QStringLiteral("autoscaling/v1") : type.apiVersion(request->info.version);
    const QString kind = object.value(QLatin1String("kind")).toString();
    const QString apiVersion = object.value(QLatin1String("apiVersion")).toString();
    if (kind.isEmpty()) {
        request->sendError(ApiError::badRequest(
            QStringLiteral("Object 'Kind' is missing in '%1'").arg(QString::fromUtf8(http.body.left(300)))));
        return std::nullopt;
    }
    if (!apiVersion.isEmpty() && apiVersion != expectedVersion) {
        request->sendError(ApiError::badRequest(
            QStringLiteral("the API version in the data (%1) does not match the expected API version (%2)")
                .arg(apiVersion, expectedVersion)));
        return std::nullopt;
    }
    if (kind != expectedKind) {
        request->sendError(ApiError::badRequest(
            QStringLiteral("the kind in the data (%1) does not match the expected kind (%2)")
                .arg(kind, expectedKind)));
        return std::nullopt;
    }
    QJsonObject result = object;
    result.insert(QStringLiteral("apiVersion"), expectedVersion);
    return result;
}

void WriteHandler::respond(const ApiRequestPtr& request, const WriteResult& result) {
    if (!result.ok()) {
        request->sendError(*result.error);
        return;
    }
    request->warnings.append(result.warnings);
    const ResourceType& type = *request->type;
    if (request->info.subresource == QLatin1String("scale")) {
        const auto scale = scaleview::toScale(type, *result.object);
        request->sendObject(result.httpStatus, scale.value_or(QJsonObject()));
        return;
    }
    request->sendJson(result.httpStatus,
                      result.object->fullJson(type.apiVersion(request->info.version)) + '\n');
}

void WriteHandler::create(const ApiRequestPtr& request) {
    if (!request->info.name.isEmpty() && request->info.subresource.isEmpty()) {
        request->sendError(ApiError::methodNotAllowed(
            QStringLiteral("the server does not allow this method on the requested resource")));
        return;
    }
    const auto options = writeOptions(request, false);
    if (!options) {
        return;
    }
    const auto body = decodeObjectBody(request);
    if (!body) {
        return;
    }
    respond(request, m_context.storage->create(*request->type, request->info.namespaceName, *body, *options));
}

void WriteHandler::update(const ApiRequestPtr& request) {
    const auto options = writeOptions(request, false);
    if (!options) {
        return;
    }
    const auto body = decodeObjectBody(request);
    if (!body) {
        return;
    }
    const RequestInfo& info = request->info;
    ResourceStorage* storage = m_context.storage;
    if (info.subresource == QLatin1String("scale")) {
        const ObjectPtr existing = storage->get(*request->type, info.namespaceName, info.name);
        if (!existing) {
            request->sendError(ApiError::notFound(*request->type, info.name));
            return;
        }
        const QString scaleVersion = body->value(QLatin1String("metadata"))
                                         .toObject()
                                         .value(QLatin1String("resourceVersion"))
                                         .toString();
        if (!scaleVersion.isEmpty() && scaleVersion != QString::number(existing->resourceVersion)) {
            request->sendError(ApiError::staleResourceVersion(*request->type, info.name));
            return;
        }
        const auto scaled = scaleview::applyScale(*request->type, existing->object, *body);
        WriteOptions mainOptions = *options;
        mainOptions.subresource.clear();
        respond(request,
                storage->update(*request->type, info.namespaceName, info.name, *scaled, mainOptions));
        return;
    }
    respond(request, storage->update(*request->type, info.namespaceName, info.name, *body, *options));
}

void WriteHandler::patch(const ApiRequestPtr& request) {
    const QByteArray mediaType = mediaTypeOf(request->http());
    PatchType patchType;
    if (mediaType == "application/json-patch+json") {
        patchType = PatchType::Json;
    } else if (mediaType == "application/merge-patch+json") {
        patchType = PatchType::Merge;
    } else if (mediaType == "application/strategic-merge-patch+json") {
        patchType = PatchType::StrategicMerge;
    } else if (mediaType == "application/apply-patch+yaml") {
        patchType = PatchType::Apply;
    } else {
        request->sendError(ApiError::unsupportedMediaType(
            QStringLiteral(
                "the body of the request was in an unknown format - accepted media types include: "
                "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml%1")
                .arg(request->type->custom ? QString()
                                           : QStringLiteral(", application/strategic-merge-patch+json"))));
        return;
    }
    if (patchType == PatchType::StrategicMerge && request->type->custom) {
        request->sendError(ApiError::unsupportedMediaType(QStringLiteral(
            "the body of the request was in an unknown format - accepted media types include: "
            "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")));
        return;
    }
    const auto options = writeOptions(request, patchType == PatchType::Apply);
    if (!options) {
        return;
    }
    const RequestInfo& info = request->info;
    if (info.subresource == QLatin1String("scale")) {
        patchScale(request, patchType, *options);
        return;
    }
    const bool force = request->http().queryBool(QStringLiteral("force"));
    respond(request, m_context.storage->patch(*request->type, info.namespaceName, info.name, patchType,
                                              request->http().body, force, *options));
}

void WriteHandler::patchScale(const ApiRequestPtr& request, PatchType patchType,
                              const WriteOptions& options) {
    const RequestInfo& info = request->info;
    const ResourceType& type = *request->type;
    ResourceStorage* storage = m_context.storage;
    const ObjectPtr existing = storage->get(type, info.namespaceName, info.name);
    if (!existing) {
        request->sendError(ApiError::notFound(type, info.name));
        return;
    }
    const auto scale = scaleview::toScale(type, *existing);
    if (!scale || patchType == PatchType::Apply) {
        request->sendError(ApiError::unsupportedMediaType(
            QStringLiteral("apply is not supported on the scale subresource")));
        return;
    }
    const auto patched = fieldownership::patchDocument(type, *scale, request->http().body, patchType);
    if (patched.error) {
        request->sendError(*patched.error);
        return;
    }
    WriteOptions mainOptions = options;
    mainOptions.subresource.clear();
    const auto scaled = scaleview::applyScale(type, existing->object, patched.object);
    respond(request, storage->update(type, info.namespaceName, info.name, *scaled, mainOptions));
}

std::optional<DeleteOptions> WriteHandler::deleteOptions(const ApiRequestPtr& request) {
    const HttpRequest& http = request->http();
    DeleteOptions options;
    QJsonObject body;
    if (!http.body.trimmed().isEmpty()) {
        const DecodedBody decoded = decodeJsonObject(http.body);
        if (!decoded.error.isEmpty()) {
            request->sendError(ApiError::badRequest(decoded.error));
            return std::nullopt;
        }
        body = decoded.object;
    }
    options.propagationPolicy = body.value(QLatin1String("propagationPolicy"))
                                    .toString(http.queryValue(QStringLiteral("propagationPolicy")));
    if (body.value(QLatin1String("orphanDependents")).toBool() ||
        http.queryBool(QStringLiteral("orphanDependents"))) {
        options.propagationPolicy = QStringLiteral("Orphan");
    }
    if (!options.propagationPolicy.isEmpty() && options.propagationPolicy != QLatin1String("Orphan") &&
        options.propagationPolicy != QLatin1String("Background") &&
        options.propagationPolicy != QLatin1String("Foreground")) {
        request->sendError(ApiError::invalid(
            QStringLiteral("DeleteOptions.meta.k8s.io"), QStringLiteral("meta.k8s.io"),
            QStringLiteral("DeleteOptions"), QString(),
            QJsonArray{
                ApiError::cause(QStringLiteral("FieldValueNotSupported"),
                                QStringLiteral("Unsupported value: \"%1\": supported values: \"Foreground\", "
                                               "\"Background\", \"Orphan\", \"nil\"")
                                    .arg(options.propagationPolicy),
                                QStringLiteral("propagationPolicy"))}));
        return std::nullopt;
    }
    if (body.contains(QLatin1String("gracePeriodSeconds"))) {
        options.gracePeriodSeconds = qint64(body.value(QLatin1String("gracePeriodSeconds")).toDouble());
    } else if (http.hasQuery(QStringLiteral("gracePeriodSeconds"))) {
        options.gracePeriodSeconds = http.queryValue(QStringLiteral("gracePeriodSeconds")).toLongLong();
    }
    const QJsonObject preconditions = body.value(QLatin1String("preconditions")).toObject();
    options.preconditionUid = preconditions.value(QLatin1String("uid")).toString();
    options.preconditionResourceVersion = preconditions.value(QLatin1String("resourceVersion")).toString();
    QStringList dryRun = http.queryValues(QStringLiteral("dryRun"));
    for (const QJsonValue& value : body.value(QLatin1String("dryRun")).toArray()) {
        dryRun.append(value.toString());
    }
    for (const QString& value : dryRun) {
        if (value != QLatin1String("All")) {
            request->sendError(ApiError::badRequest(
                QStringLiteral("Invalid dry run value: \"%1\": supported values: \"All\"").arg(value)));
            return std::nullopt;
        }
    }
    options.dryRun = !dryRun.isEmpty();
    return options;
}

void WriteHandler::remove(const ApiRequestPtr& request) {
    const auto options = deleteOptions(request);
    if (!options) {
        return;
    }
    const RequestInfo& info = request->info;
    const ResourceType& type = *request->type;
    const WriteResult result = m_context.storage->remove(type, info.namespaceName, info.name, *options);
    if (!result.ok()) {
        request->sendError(*result.error);
        return;
    }
    // Types whose strategy returns the deleted object (pods) answer with it; the others with a Status.
    if (result.deleted && type.key() != QLatin1String("/pods")) {
        QJsonObject details{{QStringLiteral("name"), info.name}, {QStringLiteral("kind"), type.resource}};
        if (!type.group.isEmpty()) {
            details.insert(QStringLiteral("group"), type.group);
        }
        if (result.object) {
            details.insert(QStringLiteral("uid"), result.object->object.value(QLatin1String("metadata"))
                                                      .toObject()
                                                      .value(QLatin1String("uid")));
        }
        request->sendObject(200, QJsonObject{{QStringLiteral("kind"), QStringLiteral("Status")},
                                             {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                             {QStringLiteral("metadata"), QJsonObject()},
                                             {QStringLiteral("status"), QStringLiteral("Success")},
                                             {QStringLiteral("details"), details}});
        return;
    }
    request->sendJson(200, result.object->fullJson(type.apiVersion(info.version)) + '\n');
}

void WriteHandler::removeCollection(const ApiRequestPtr& request) {
    const auto options = deleteOptions(request);
    if (!options) {
        return;
    }
    const RequestInfo& info = request->info;
    const ResourceType& type = *request->type;
    auto filterOrError = ObjectFilter::fromRequest(type, info.namespaceName, request->http());
    if (auto* error = std::get_if<ApiError>(&filterOrError)) {
        request->sendError(*error);
        return;
    }
    const ObjectFilter& filter = std::get<ObjectFilter>(filterOrError);
    QByteArray items;
    for (const ObjectPtr& object : m_context.storage->list(type, info.namespaceName)) {
        if (!filter.matches(*object)) {
            continue;
        }
        const WriteResult result =
            m_context.storage->remove(type, object->namespaceName(), object->name(), *options);
        if (result.ok() && result.object) {
            if (!items.isEmpty()) {
                items += ',';
            }
            items += result.object->itemJson();
        }
    }
    request->sendJson(200, "{\"kind\":\"" + type.kind.toUtf8() + "List\",\"apiVersion\":\"" +
                               type.apiVersion(info.version).toUtf8() +
                               "\",\"metadata\":{\"resourceVersion\":\"" +
                               QByteArray::number(m_context.store()->resourceVersion()) + "\"},\"items\":[" +
                               items + "]}\n");
}

} // namespace binnacle::sim
