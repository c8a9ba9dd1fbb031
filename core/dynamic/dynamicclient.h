#pragma once

#include "apirequest.h"
#include "dynamicoptions.h"
#include "dynamicresult.h"

#include <QObject>
#include <QPointer>
#include <functional>

namespace binnacle::transport {
class ClusterTransport;
}

namespace binnacle::dynamic {

namespace detail {
class ListRun;
}

// Cancels a paginated list: the page in flight and every page after it. Cheap to copy; harmless once the
// list is over or the client is gone.
class ListHandle {
public:
    ListHandle() = default;
    bool isActive() const;
    void cancel();

private:
    friend class DynamicClient;
    explicit ListHandle(detail::ListRun* run);
    QPointer<detail::ListRun> m_run;
};

// Typed CRUD for any resource discovery describes, built-in or custom, over one cluster's transport.
// Every call is asynchronous and cancellable; callbacks run on this object's thread, never from inside
// the call, and not after this object is destroyed. Retries are the transport's: 429/5xx with
// Retry-After for any verb, connection failures for reads only (a write that may have reached the
// server is never re-sent blindly).
class DynamicClient : public QObject {
    Q_OBJECT
public:
    using ObjectCallback = std::function<void(const ObjectResult&)>;
    using PageCallback = std::function<void(const ListPageResult&)>;

    static constexpr auto defaultFieldManager = "binnacle";

    explicit DynamicClient(transport::ClusterTransport* transport, QObject* parent = nullptr);

    transport::ClusterTransport* transport() const { return m_transport; }

    // GET one object or subresource (status, scale); with call.asTable, a one-row Table.
    transport::RequestHandle get(const ObjectTarget& target, const GetOptions& options, ObjectCallback done);
    // Lists `resource` in `namespaceName` ("" : all namespaces, or cluster-scoped) page by page, following
    // continue tokens; `onPage` gets each page as it arrives, the last one flagged.
    ListHandle list(const client::ApiResource& resource, const QString& namespaceName,
                    const ListOptions& options, PageCallback onPage);
    // POST a new object (JSON). Its namespace comes from `namespaceName`, else the object's metadata.
    transport::RequestHandle create(const client::ApiResource& resource, const QString& namespaceName,
                                    const QByteArray& objectJson, const WriteOptions& options,
                                    ObjectCallback done);
    // PUT the whole object (or its status/scale). A metadata.resourceVersion that is no longer current
    // fails with 409 Conflict: read again, reapply the change, retry.
    transport::RequestHandle replace(const ObjectTarget& target, const QByteArray& objectJson,
                                     const WriteOptions& options, ObjectCallback done);
    transport::RequestHandle patch(const ObjectTarget& target, PatchType type, const QByteArray& patch,
                                   const WriteOptions& options, ObjectCallback done);
    // Server-side apply (application/apply-patch+yaml; JSON is YAML). A field another manager owns fails
    // with 409 Conflict naming that manager, unless `force`.
    transport::RequestHandle apply(const ObjectTarget& target, const QByteArray& manifest,
                                   const ApplyOptions& options, ObjectCallback done);
    // POST `body` to one object's subresource (`target.subresource`, e.g. pods/NAME/eviction): `done` gets
    // what the server answers, often a Status.
    transport::RequestHandle postSubresource(const ObjectTarget& target, const QByteArray& body,
                                             const WriteOptions& options, ObjectCallback done);
    // DELETE with DeleteOptions. `done` gets the deleted object, or a Status when the server sends one.
    transport::RequestHandle remove(const ObjectTarget& target, const DeleteOptions& options,
                                    ObjectCallback done);

    // The Accept header of server-side Table requests (with a JSON fallback, as kubectl sends it).
    static QByteArray tableAccept();

private:
    friend class detail::ListRun;
    transport::RequestHandle sendObjectRequest(transport::ApiRequestSpec spec, ObjectCallback done);
    transport::ClusterTransport* m_transport;
};

} // namespace binnacle::dynamic
