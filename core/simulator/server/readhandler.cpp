#include "readhandler.h"

#include "bodydecoder.h"
#include "listbody.h"
#include "objectfilter.h"
#include "responseformat.h"
#include "scaleview.h"
#include "watchstream.h"

#include <QJsonDocument>

namespace binnacle::sim {

namespace {
ApiError invalidListOptions(const QString& field, const QString& reason, const QString& message) {
    return ApiError::invalid(QStringLiteral("ListOptions.meta.k8s.io"), QStringLiteral("meta.k8s.io"),
                             QStringLiteral("ListOptions"), QString(),
                             QJsonArray{ApiError::cause(reason, message, field)});
}

struct ContinueToken {
    qint64 resourceVersion = 0;
    QString startAfter;
};

QString encodeContinue(qint64 resourceVersion, const QString& lastKey) {
    const QJsonObject token{{QStringLiteral("v"), QStringLiteral("meta.k8s.io/v1")},
                            {QStringLiteral("rv"), resourceVersion},
                            {QStringLiteral("start"), lastKey + QChar(0)}};
    return QString::fromLatin1(QJsonDocument(token)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<ContinueToken> decodeContinue(const QString& text) {
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::Base64UrlEncoding |
                                                                             QByteArray::OmitTrailingEquals);
    if (!decoded) {
        return std::nullopt;
    }
    const QJsonObject token = QJsonDocument::fromJson(*decoded).object();
    if (token.value(QLatin1String("v")).toString() != QLatin1String("meta.k8s.io/v1")) {
        return std::nullopt;
    }
    QString start = token.value(QLatin1String("start")).toString();
    if (start.endsWith(QChar(0))) {
        start.chop(1);
    }
    return ContinueToken{qint64(token.value(QLatin1String("rv")).toDouble()), start};
}

QString storageKeyOf(const StoredObject& object) {
    return object.namespaceName() + QLatin1Char('/') + object.name();
}

std::optional<qint64> parseVersion(const QString& text) {
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok && value >= 0 ? std::optional<qint64>(value) : std::nullopt;
}
} // namespace

ReadHandler::ReadHandler(const ServerContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context) {}

void ReadHandler::get(const ApiRequestPtr& request) {
    const RequestInfo& info = request->info;
    const ResourceType& type = *request->type;
    const ObjectPtr object = m_context.storage->get(type, info.namespaceName, info.name);
    if (!object) {
        request->sendError(ApiError::notFound(type, info.name));
        return;
    }
    if (info.subresource == QLatin1String("scale")) {
        const auto scale = scaleview::toScale(type, *object);
        if (!scale) {
            request->sendError(ApiError::notFoundPath());
            return;
        }
        request->sendObject(200, *scale);
        return;
    }
    const auto format = ResponseFormat::negotiate(request->http().header("Accept"));
    if (!format) {
        request->sendError(
            ApiError::notAcceptable(QStringLiteral("only the following media types are accepted: "
                                                   "application/json, application/yaml")));
        return;
    }
    switch (format->form) {
    case ResponseFormat::Form::Object:
        request->sendJson(200, object->fullJson(type.apiVersion(info.version)) + '\n');
        return;
    case ResponseFormat::Form::Yaml:
        request->sendJson(
            200,
            encodeYaml(QJsonDocument::fromJson(object->fullJson(type.apiVersion(info.version))).object()),
            format->contentType);
        return;
    case ResponseFormat::Form::Table: {
        const TableEncoder encoder(type, info.version, format->tableVersion,
                                   request->http().queryValue(QStringLiteral("includeObject")),
                                   m_context.storage->now());
        QJsonObject metadata{{QStringLiteral("resourceVersion"), QString::number(object->resourceVersion)}};
        request->sendJson(200, encoder.table({object}, metadata, true) + '\n', format->contentType);
        return;
    }
    case ResponseFormat::Form::PartialObjectMetadata: {
        QByteArray json;
        appendPartialObjectMetadataJson(json, *object, format->tableVersion);
        request->sendJson(200, json + '\n', format->contentType);
        return;
    }
    }
}

void ReadHandler::list(const ApiRequestPtr& request) {
    const HttpRequest& http = request->http();
    const RequestInfo& info = request->info;
    const auto& type = request->type;
    const QString versionText = http.queryValue(QStringLiteral("resourceVersion"));
    const bool hasVersion = http.hasQuery(QStringLiteral("resourceVersion")) && !versionText.isEmpty();
    const QString match = http.queryValue(QStringLiteral("resourceVersionMatch"));
    const QString continueText = http.queryValue(QStringLiteral("continue"));
    const int limit = http.queryValue(QStringLiteral("limit")).toInt();

    if (http.hasQuery(QStringLiteral("sendInitialEvents"))) {
        request->sendError(
            invalidListOptions(QStringLiteral("sendInitialEvents"), QStringLiteral("FieldValueForbidden"),
                               QStringLiteral("Forbidden: sendInitialEvents is forbidden for list")));
        return;
    }
    if (!match.isEmpty()) {
        if (!hasVersion) {
            request->sendError(invalidListOptions(
                QStringLiteral("resourceVersionMatch"), QStringLiteral("FieldValueForbidden"),
                QStringLiteral("Forbidden: resourceVersionMatch is forbidden unless "
                               "resourceVersion is provided")));
            return;
        }
        if (!continueText.isEmpty()) {
            request->sendError(invalidListOptions(
                QStringLiteral("resourceVersionMatch"), QStringLiteral("FieldValueForbidden"),
                QStringLiteral("Forbidden: resourceVersionMatch is forbidden when "
                               "continue is provided")));
            return;
        }
        if (match != QLatin1String("Exact") && match != QLatin1String("NotOlderThan")) {
            request->sendError(invalidListOptions(
                QStringLiteral("resourceVersionMatch"), QStringLiteral("FieldValueNotSupported"),
                QStringLiteral(
                    "Unsupported value: \"%1\": supported values: \"Exact\", \"NotOlderThan\", \"\"")
                    .arg(match)));
            return;
        }
        if (match == QLatin1String("Exact") && versionText == QLatin1String("0")) {
            request->sendError(invalidListOptions(
                QStringLiteral("resourceVersionMatch"), QStringLiteral("FieldValueForbidden"),
                QStringLiteral("Forbidden: resourceVersionMatch \"exact\" is forbidden "
                               "for resourceVersion \"0\"")));
            return;
        }
    }
    if (!continueText.isEmpty() && hasVersion && versionText != QLatin1String("0")) {
        request->sendError(ApiError::badRequest(
            QStringLiteral("specifying resource version is not allowed when using continue")));
        return;
    }
    std::optional<qint64> requestedVersion;
    if (hasVersion) {
        requestedVersion = parseVersion(versionText);
        if (!requestedVersion) {
            request->sendError(
                ApiError::badRequest(QStringLiteral("invalid resource version: %1").arg(versionText)));
            return;
        }
    }

    auto filterOrError = ObjectFilter::fromRequest(*type, info.namespaceName, http);
    if (auto* error = std::get_if<ApiError>(&filterOrError)) {
        request->sendError(*error);
        return;
    }
    const ObjectFilter filter = std::get<ObjectFilter>(filterOrError);
    const auto format = ResponseFormat::negotiate(http.header("Accept"));
    if (!format) {
        request->sendError(
            ApiError::notAcceptable(QStringLiteral("only the following media types are accepted: "
                                                   "application/json, application/yaml")));
        return;
    }

    ObjectStore* store = m_context.store();
    const QString scopeNamespace = type->namespaced ? info.namespaceName : QString();
    qint64 listVersion = store->resourceVersion();
    QString startAfter;
    std::optional<QList<ObjectPtr>> snapshot;
    if (!continueText.isEmpty()) {
        const auto token = decodeContinue(continueText);
        if (!token) {
            request->sendError(
                ApiError::badRequest(QStringLiteral("continue key is not valid: incorrect encoded start "
                                                    "resourceVersion (version meta.k8s.io/v1)")));
            return;
        }
        snapshot = store->listAt(type->key(), scopeNamespace, token->resourceVersion);
        if (!snapshot) {
            ApiError expired =
                ApiError::expired(QStringLiteral("The provided continue parameter is too old to display a "
                                                 "consistent list result. You can start a new "
                                                 "list without the continue parameter, or use the continue "
                                                 "token in this response to retrieve the "
                                                 "remainder of the results. Continuing with the provided "
                                                 "token results in an inconsistent list - objects "
                                                 "that were created, modified, or deleted between the time "
                                                 "the first chunk was returned and now may show "
                                                 "up in the list."));
            QJsonObject status = expired.toStatus();
            status.insert(QStringLiteral("metadata"),
                          QJsonObject{{QStringLiteral("continue"),
                                       encodeContinue(store->resourceVersion(), token->startAfter)}});
            request->sendJson(410, QJsonDocument(status).toJson(QJsonDocument::Compact) + '\n');
            return;
        }
        listVersion = token->resourceVersion;
        startAfter = token->startAfter;
    } else if (requestedVersion && *requestedVersion > store->resourceVersion()) {
        ApiError tooLarge{504, QStringLiteral("Timeout"),
                          QStringLiteral("Timeout: Too large resource version: %1, current: %2")
                              .arg(*requestedVersion)
                              .arg(store->resourceVersion()),
                          QJsonObject{{QStringLiteral("causes"),
                                       QJsonArray{ApiError::cause(
                                           QStringLiteral("ResourceVersionTooLarge"),
                                           QStringLiteral("Too large resource version"), QString())}},
                                      {QStringLiteral("retryAfterSeconds"), 1}}};
        request->sendError(tooLarge);
        return;
    } else if (requestedVersion && *requestedVersion != 0 &&
               (match == QLatin1String("Exact") || (match.isEmpty() && limit > 0))) {
        snapshot = store->listAt(type->key(), scopeNamespace, *requestedVersion);
        if (!snapshot) {
            request->sendError(ApiError::expired(QStringLiteral("too old resource version: %1 (%2)")
                                                     .arg(*requestedVersion)
                                                     .arg(store->compactedResourceVersion() + 1)));
            return;
        }
        listVersion = *requestedVersion;
    }
    const QList<ObjectPtr> all = snapshot ? *snapshot : store->list(type->key(), scopeNamespace);

    // The snapshot is sorted by namespace/name and already holds only the request's namespace: the
    // page starts right after the token's key.
    auto first = all.cbegin();
    if (!startAfter.isEmpty()) {
        first = std::upper_bound(
            all.cbegin(), all.cend(), startAfter,
            [](const QString& key, const ObjectPtr& object) { return key < storageKeyOf(*object); });
    }
    QList<ObjectPtr> items;
    qsizetype remaining = 0;
    if (!filter.hasSelectors()) {
        const qsizetype available = all.cend() - first;
        const qsizetype taken = limit > 0 ? std::min<qsizetype>(limit, available) : available;
        items = QList<ObjectPtr>(first, first + taken);
        remaining = available - taken;
    } else {
        // With selectors the count of remaining items is not reported: one more match is enough.
        for (auto it = first; it != all.cend() && remaining == 0; ++it) {
            if (!filter.matches(**it)) {
                continue;
            }
            if (limit > 0 && items.size() >= limit) {
                remaining = 1;
            } else {
                items.append(*it);
            }
        }
    }
    QJsonObject metadata{{QStringLiteral("resourceVersion"), QString::number(listVersion)}};
    if (remaining > 0) {
        metadata.insert(QStringLiteral("continue"), encodeContinue(listVersion, storageKeyOf(*items.last())));
        if (!filter.hasSelectors()) {
            metadata.insert(QStringLiteral("remainingItemCount"), remaining);
        }
    }

    if (format->form == ResponseFormat::Form::Yaml) {
        QJsonArray yamlItems;
        for (const ObjectPtr& object : items) {
            QJsonObject item = object->object;
            item.remove(QStringLiteral("kind"));
            item.remove(QStringLiteral("apiVersion"));
            yamlItems.append(item);
        }
        request->sendJson(
            200,
            encodeYaml(QJsonObject{{QStringLiteral("kind"), type->kind + QStringLiteral("List")},
                                   {QStringLiteral("apiVersion"), type->apiVersion(info.version)},
                                   {QStringLiteral("metadata"), metadata},
                                   {QStringLiteral("items"), yamlItems}}),
            format->contentType);
        return;
    }

    // Lists can be hundreds of megabytes: stream them in pieces as the socket drains.
    std::shared_ptr<ListBody> body;
    if (format->form == ResponseFormat::Form::Table) {
        auto encoder = std::make_shared<TableEncoder>(*type, info.version, format->tableVersion,
                                                      http.queryValue(QStringLiteral("includeObject")),
                                                      m_context.storage->now());
        body = std::make_shared<ListBody>(
            encoder->tableHead(metadata, true), items,
            [encoder](QByteArray& out, const StoredObject& object) { encoder->appendRowJson(out, object); },
            TableEncoder::tableTail() + '\n');
    } else if (format->form == ResponseFormat::Form::PartialObjectMetadata) {
        const QString metaVersion = format->tableVersion;
        const QByteArray head =
            "{\"kind\":\"PartialObjectMetadataList\",\"apiVersion\":\"meta.k8s.io/" + metaVersion.toUtf8() +
            "\",\"metadata\":" + QJsonDocument(metadata).toJson(QJsonDocument::Compact) + ",\"items\":[";
        body = std::make_shared<ListBody>(
            head, items,
            [metaVersion](QByteArray& out, const StoredObject& object) {
                appendPartialObjectMetadataJson(out, object, metaVersion);
            },
            "]}\n");
    } else {
        const QByteArray head = "{\"kind\":\"" + type->kind.toUtf8() + "List\",\"apiVersion\":\"" +
                                type->apiVersion(info.version).toUtf8() +
                                "\",\"metadata\":" + QJsonDocument(metadata).toJson(QJsonDocument::Compact) +
                                ",\"items\":[";
        body = std::make_shared<ListBody>(
            head, items, [](QByteArray& out, const StoredObject& object) { out += object.itemJson(); },
            "]}\n");
    }
    request->markResponded();
    request->connection()->streamChunked(200, request->commonHeaders(format->contentType),
                                         [body] { return body->next(); });
}

void ReadHandler::watch(const ApiRequestPtr& request) {
    const HttpRequest& http = request->http();
    const RequestInfo& info = request->info;
    const bool sendInitialEvents = http.queryBool(QStringLiteral("sendInitialEvents"));
    const QString match = http.queryValue(QStringLiteral("resourceVersionMatch"));
    const bool allowBookmarks = http.queryBool(QStringLiteral("allowWatchBookmarks"));
    if (http.hasQuery(QStringLiteral("sendInitialEvents"))) {
        if (match != QLatin1String("NotOlderThan")) {
            request->sendError(invalidListOptions(
                QStringLiteral("resourceVersionMatch"), QStringLiteral("FieldValueForbidden"),
                QStringLiteral(
                    "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")));
            return;
        }
        if (sendInitialEvents && !allowBookmarks) {
            request->sendError(invalidListOptions(
                QStringLiteral("allowWatchBookmarks"), QStringLiteral("FieldValueRequired"),
                QStringLiteral("Required value: allowWatchBookmarks must be set to true when "
                               "sendInitialEvents is set")));
            return;
        }
    } else if (!match.isEmpty()) {
        request->sendError(
            invalidListOptions(QStringLiteral("resourceVersionMatch"), QStringLiteral("FieldValueForbidden"),
                               QStringLiteral("Forbidden: resourceVersionMatch is forbidden for watch unless "
                                              "sendInitialEvents is provided")));
        return;
    }
    auto filterOrError = ObjectFilter::fromRequest(*request->type, info.namespaceName, http);
    if (auto* error = std::get_if<ApiError>(&filterOrError)) {
        request->sendError(*error);
        return;
    }
    WatchStream::Options options;
    options.version = info.version;
    options.sendInitialEvents = sendInitialEvents;
    options.allowBookmarks = allowBookmarks;
    options.timeoutSeconds = http.queryValue(QStringLiteral("timeoutSeconds")).toInt();
    options.bookmarkIntervalMs = m_context.bookmarkIntervalMs;
    options.includeObject = http.queryValue(QStringLiteral("includeObject"));
    options.forceExpired = m_context.faults->takeExpireNextWatch();
    const QString versionText = http.queryValue(QStringLiteral("resourceVersion"));
    if (!versionText.isEmpty() && versionText != QLatin1String("0")) {
        options.resourceVersion = parseVersion(versionText);
        if (!options.resourceVersion) {
            request->sendError(
                ApiError::badRequest(QStringLiteral("invalid resource version: %1").arg(versionText)));
            return;
        }
    }
    const auto format = ResponseFormat::negotiate(http.header("Accept"));
    if (!format) {
        request->sendError(
            ApiError::notAcceptable(QStringLiteral("only the following media types are accepted: "
                                                   "application/json, application/yaml")));
        return;
    }
    if (format->form == ResponseFormat::Form::Table) {
        options.table = *format;
    }
    ResourceStorage* storage = m_context.storage;
    auto* stream =
        new WatchStream(request, m_context.store(), request->type, std::get<ObjectFilter>(filterOrError),
                        options, [storage] { return storage->now(); });
    m_watches.append(stream);
    connect(stream, &WatchStream::finished, this, [this, stream] { m_watches.removeOne(stream); });
    connect(stream, &QObject::destroyed, this, [this, stream] { m_watches.removeOne(stream); });
    stream->start();
}

void ReadHandler::dropWatches() {
    const auto watches = m_watches;
    for (WatchStream* stream : watches) {
        stream->drop();
    }
}

} // namespace binnacle::sim
