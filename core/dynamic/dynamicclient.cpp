#include "dynamicclient.h"

#include "clustertransport.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace binnacle::dynamic {

namespace detail {

// One paginated list in progress: asks for a page, hands it over, asks for the next with its continue
// token. Parents to the client, so its callbacks die with it.
class ListRun : public QObject {
public:
    ListRun(DynamicClient* client, transport::ApiRequestSpec firstPage, DynamicClient::PageCallback onPage)
        : QObject(client)
        , m_client(client)
        , m_spec(std::move(firstPage))
        , m_onPage(std::move(onPage)) {}

    void fetch(const QString& continueToken) {
        transport::ApiRequestSpec spec = m_spec;
        if (!continueToken.isEmpty()) {
            spec.query.removeAllQueryItems(QStringLiteral("continue"));
            spec.query.addQueryItem(QStringLiteral("continue"), continueToken);
            // A continued list is served from the first page's snapshot; the resourceVersion must go.
            spec.query.removeAllQueryItems(QStringLiteral("resourceVersion"));
            spec.query.removeAllQueryItems(QStringLiteral("resourceVersionMatch"));
        }
        m_current = m_client->transport()->send(
            spec, this, [this](const transport::ApiResult& result) { onResult(result); });
    }

    void cancel() {
        m_current.cancel();
        deleteLater();
    }

private:
    void onResult(const transport::ApiResult& result) {
        ListPageResult pageResult;
        pageResult.pageIndex = m_pageIndex++;
        if (!result.ok()) {
            pageResult.error = result.error;
        } else {
            QString error;
            std::optional<client::ListPage> page = m_parser.parse(result.response.body, &error);
            if (page) {
                pageResult.page = std::move(*page);
            } else {
                pageResult.error =
                    transport::ApiError(transport::ApiError::Kind::Network,
                                        QStringLiteral("the server's list could not be read"), error);
            }
        }
        pageResult.last = !pageResult.ok() || pageResult.page.isLastPage();
        const QString next = pageResult.page.continueToken;
        QPointer<ListRun> alive(this);
        m_onPage(pageResult);
        if (!alive) {
            return;
        }
        if (pageResult.last) {
            deleteLater();
            return;
        }
        fetch(next);
    }

    DynamicClient* m_client;
    transport::ApiRequestSpec m_spec;
    DynamicClient::PageCallback m_onPage;
    client::ListPageParser m_parser;
    transport::RequestHandle m_current;
    int m_pageIndex = 0;
};

} // namespace detail

namespace {
void applyCall(const CallOptions& call, transport::ApiRequestSpec* spec) {
    spec->priority = call.priority;
    if (call.asTable) {
        spec->accept = DynamicClient::tableAccept();
    }
}

transport::ApiRequestSpec writeSpec(const QByteArray& method, const QString& path,
                                    const WriteOptions& options) {
    transport::ApiRequestSpec spec;
    spec.method = method;
    spec.path = path;
    spec.priority = options.priority;
    options.addTo(&spec.query);
    return spec;
}
} // namespace

bool ListHandle::isActive() const {
    return !m_run.isNull();
}

void ListHandle::cancel() {
    if (m_run) {
        m_run->cancel();
    }
}

ListHandle::ListHandle(detail::ListRun* run)
    : m_run(run) {}

DynamicClient::DynamicClient(transport::ClusterTransport* transport, QObject* parent)
    : QObject(parent)
    , m_transport(transport) {}

QByteArray DynamicClient::tableAccept() {
    return "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
}

transport::RequestHandle DynamicClient::sendObjectRequest(transport::ApiRequestSpec spec,
                                                          ObjectCallback done) {
    return m_transport->send(std::move(spec), this,
                             [done = std::move(done)](const transport::ApiResult& result) {
                                 done(ObjectResult::fromApiResult(result));
                             });
}

transport::RequestHandle DynamicClient::get(const ObjectTarget& target, const GetOptions& options,
                                            ObjectCallback done) {
    transport::ApiRequestSpec spec;
    spec.path = target.path();
    applyCall(options.call, &spec);
    if (!options.resourceVersion.isEmpty()) {
        spec.query.addQueryItem(QStringLiteral("resourceVersion"), options.resourceVersion);
    }
    return sendObjectRequest(std::move(spec), std::move(done));
}

ListHandle DynamicClient::list(const client::ApiResource& resource, const QString& namespaceName,
                               const ListOptions& options, PageCallback onPage) {
    transport::ApiRequestSpec spec;
    spec.path = collectionPath(resource, namespaceName);
    applyCall(options.call, &spec);
    if (options.limit > 0) {
        spec.query.addQueryItem(QStringLiteral("limit"), QString::number(options.limit));
    }
    if (!options.labelSelector.isEmpty()) {
        spec.query.addQueryItem(QStringLiteral("labelSelector"), options.labelSelector);
    }
    if (!options.fieldSelector.isEmpty()) {
        spec.query.addQueryItem(QStringLiteral("fieldSelector"), options.fieldSelector);
    }
    if (!options.resourceVersion.isEmpty()) {
        spec.query.addQueryItem(QStringLiteral("resourceVersion"), options.resourceVersion);
    }
    if (!options.resourceVersionMatch.isEmpty()) {
        spec.query.addQueryItem(QStringLiteral("resourceVersionMatch"), options.resourceVersionMatch);
    }
    auto* run = new detail::ListRun(this, std::move(spec), std::move(onPage));
    run->fetch(options.continueToken);
    return ListHandle(run);
}

transport::RequestHandle DynamicClient::create(const client::ApiResource& resource,
                                               const QString& namespaceName, const QByteArray& objectJson,
                                               const WriteOptions& options, ObjectCallback done) {
    QString namespaceToUse = namespaceName;
    if (namespaceToUse.isEmpty() && resource.namespaced) {
        namespaceToUse = QJsonDocument::fromJson(objectJson)
                             .object()
                             .value(QLatin1String("metadata"))
                             .toObject()
                             .value(QLatin1String("namespace"))
                             .toString();
    }
    transport::ApiRequestSpec spec = writeSpec("POST", collectionPath(resource, namespaceToUse), options);
    spec.body = objectJson;
    spec.contentType = "application/json";
    return sendObjectRequest(std::move(spec), std::move(done));
}

transport::RequestHandle DynamicClient::replace(const ObjectTarget& target, const QByteArray& objectJson,
                                                const WriteOptions& options, ObjectCallback done) {
    transport::ApiRequestSpec spec = writeSpec("PUT", target.path(), options);
    spec.body = objectJson;
    spec.contentType = "application/json";
    return sendObjectRequest(std::move(spec), std::move(done));
}

transport::RequestHandle DynamicClient::patch(const ObjectTarget& target, PatchType type,
                                              const QByteArray& patch, const WriteOptions& options,
                                              ObjectCallback done) {
    transport::ApiRequestSpec spec = writeSpec("PATCH", target.path(), options);
    spec.body = patch;
    spec.contentType = contentTypeFor(type);
    return sendObjectRequest(std::move(spec), std::move(done));
}

transport::RequestHandle DynamicClient::apply(const ObjectTarget& target, const QByteArray& manifest,
                                              const ApplyOptions& options, ObjectCallback done) {
    WriteOptions write = options.write;
    if (write.fieldManager.isEmpty()) {
        write.fieldManager = QLatin1String(defaultFieldManager);
    }
    transport::ApiRequestSpec spec = writeSpec("PATCH", target.path(), write);
    if (options.force) {
        spec.query.addQueryItem(QStringLiteral("force"), QStringLiteral("true"));
    }
    spec.body = manifest;
    spec.contentType = "application/apply-patch+yaml";
    return sendObjectRequest(std::move(spec), std::move(done));
}

transport::RequestHandle DynamicClient::postSubresource(const ObjectTarget& target, const QByteArray& body,
                                                        const WriteOptions& options, ObjectCallback done) {
    transport::ApiRequestSpec spec = writeSpec("POST", target.path(), options);
    spec.body = body;
    spec.contentType = "application/json";
    return sendObjectRequest(std::move(spec), std::move(done));
}

transport::RequestHandle DynamicClient::remove(const ObjectTarget& target, const DeleteOptions& options,
                                               ObjectCallback done) {
    transport::ApiRequestSpec spec;
    spec.method = "DELETE";
    spec.path = target.path();
    spec.priority = options.priority;
    if (options.dryRun) {
        spec.query.addQueryItem(QStringLiteral("dryRun"), QStringLiteral("All"));
    }
    spec.body = options.body();
    spec.contentType = "application/json";
    return sendObjectRequest(std::move(spec), std::move(done));
}

} // namespace binnacle::dynamic
