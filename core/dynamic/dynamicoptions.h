#pragma once

#include "apiresource.h"
#include "requestscheduler.h"

#include <QString>
#include <QUrlQuery>
#include <optional>

namespace binnacle::dynamic {

// Where one object (or one of its subresources) lives.
struct ObjectTarget {
    client::ApiResource resource;
    QString namespaceName; // ignored for cluster-scoped resources
    QString name;
    QString subresource; // "", "status", "scale"

    // /api/v1/namespaces/ns/pods/name[/subresource]
    QString path() const;
};

// The collection path of `resource`, in `namespaceName` when the resource is namespaced and a namespace is
// given (else across all namespaces).
QString collectionPath(const client::ApiResource& resource, const QString& namespaceName);

// What every call may set.
struct CallOptions {
    transport::Priority priority = transport::Priority::Interactive;
    // Ask for a server-side Table (Accept application/json;as=Table;v=v1;g=meta.k8s.io) instead of the
    // object.
    bool asTable = false;
};

// Options of create, replace, patch and apply.
struct WriteOptions {
    bool dryRun = false;     // dryRun=All: validated and admitted, never stored
    QString fieldManager;    // empty: the server's default (apply: "binnacle")
    QString fieldValidation; // "", Ignore, Warn, Strict
    transport::Priority priority = transport::Priority::Interactive;

    void addTo(QUrlQuery* query) const;
};

struct GetOptions {
    CallOptions call;
    QString resourceVersion; // "" : most recent; "0": any cached version
};

struct ListOptions {
    CallOptions call;
    QString labelSelector;
    QString fieldSelector;
    QString resourceVersion;
    QString resourceVersionMatch; // NotOlderThan, Exact
    int limit = 500;              // page size; 0: one unpaginated request
    QString continueToken;        // start from a page of an earlier list
};

enum class PatchType {
    Json,           // application/json-patch+json (RFC 6902)
    Merge,          // application/merge-patch+json (RFC 7386)
    StrategicMerge, // application/strategic-merge-patch+json (built-in kinds only)
};

QByteArray contentTypeFor(PatchType type);

struct ApplyOptions {
    WriteOptions write; // fieldManager defaults to "binnacle"
    bool force = false; // take over fields other managers own
};

struct DeleteOptions {
    bool dryRun = false;
    QString propagationPolicy; // "", Orphan, Background, Foreground
    std::optional<qint64> gracePeriodSeconds;
    QString preconditionUid;             // the object must still have this uid ...
    QString preconditionResourceVersion; // ... and this resourceVersion, else 409 Conflict
    transport::Priority priority = transport::Priority::Interactive;

    // The metav1.DeleteOptions body.
    QByteArray body() const;
};

} // namespace binnacle::dynamic
