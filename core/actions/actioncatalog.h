#pragma once

#include "accessreview.h"
#include "apiresource.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace binnacle::actions {

// One action a kind offers in the context menu and the toolbar.
struct ActionSpec {
    QString id;    // "delete", "scale", "restart", "cordon", "uncordon", "drain", "suspend", "resume",
                   // "trigger", and the view's own "viewYaml", "edit", "logs", "shell"
    QString label; // "Delete", "Scale…"
    bool destructive = false;  // removes something for good or disrupts running pods: confirm first
    bool viewOnly = false;     // the view carries it out (opens a panel); ResourceActions::run() does not
    bool singleObject = false; // needs exactly one selected object
};

// Which actions a resource offers, and what the server must allow for each. Pure data: no requests.
class ActionCatalog {
public:
    static QList<ActionSpec> actionsFor(const client::ApiResource& resource);
    // The reviews `action` needs on `resource` for objects in `namespaces` (one query per namespace;
    // cluster-scoped resources and drain's evictions ask cluster-wide).
    static QList<AccessQuery> permissionsFor(const QString& actionId, const client::ApiResource& resource,
                                             const QStringList& namespaces);
};

} // namespace binnacle::actions
